import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // tsx's loader in the test workers: it resolves the extension-less ES module files of tfjs-core's gradients
      // (see src/node/backend.ts), exactly as in the CLI.
      execArgv: ['--import', 'tsx'],
      hookTimeout: 60_000, // starting a backend while other suites train can take more than the default 10 s
    },
  }),
);
