import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The browser tests start wrangler dev, build the page and drive Chromium: give them room.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // expect.poll waits for the page's debounced answers; a loaded CI machine may need more than the 1 s default.
    expect: { poll: { timeout: 10_000, interval: 50 } },
  },
});
