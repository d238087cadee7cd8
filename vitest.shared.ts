// What every package's tests share; each package's vitest.config.ts adds only what differs (workerd, Chromium,
// tsx's loader). The root vitest.config.ts lists the packages as projects.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    // Suites that start servers, browsers or a fresh clone set up in their hooks: give those room too.
    hookTimeout: 120_000,
  },
});
