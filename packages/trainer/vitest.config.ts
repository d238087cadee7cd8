import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      globalSetup: ['test/global-setup.ts'],
      // Run from the TypeScript sources, tfjs-core's gradient registrations load through tsx's require hook (its
      // ES module files' imports are extension-less; see src/node/backend.ts); the built CLI bundles them.
      execArgv: ['--import', 'tsx'],
      hookTimeout: 60_000, // starting a backend while other suites train can take more than the default 10 s
    },
  }),
);
