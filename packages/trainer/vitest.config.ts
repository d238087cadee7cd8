import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000, // starting a backend while other suites train can take more than the default 10 s
    // tsx's loader in the test workers: it resolves the extension-less ES module files of tfjs-core's gradients
    // (see src/node/backend.ts), exactly as in the CLI.
    execArgv: ['--import', 'tsx'],
  },
});
