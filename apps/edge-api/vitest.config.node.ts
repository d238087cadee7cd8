// Tests that run in Node, not workerd: they drive wrangler (config, `deploy --dry-run`, bundle size) and read the
// repository's workflow files.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/node/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
  },
});
