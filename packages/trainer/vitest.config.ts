import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // starting a TF.js backend (beforeAll) takes over 10 s when the machine is loaded
    hookTimeout: 120_000,
    // tsx's loader in the test workers: it resolves the extension-less ES module files of tfjs-core's gradients
    // (see src/node/backend.ts), exactly as in the CLI.
    execArgv: ['--import', 'tsx'],
  },
});
