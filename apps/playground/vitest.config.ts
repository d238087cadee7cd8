import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    test: {
      // The browser tests share one API, one build and one dev server (started once, test/e2e/stack.setup.ts) and
      // drive Chromium: give them room, one file at a time.
      globalSetup: ['test/e2e/stack.setup.ts'],
      fileParallelism: false,
      // expect.poll waits for the page's debounced answers; a loaded CI machine may need more than the 1 s default.
      expect: { poll: { timeout: 10_000, interval: 50 } },
    },
  }),
);
