import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One clone, one port pair: the files must not run at the same time.
    fileParallelism: false,
  },
});
