// Tests that run in Node, not workerd: they drive wrangler (config, `deploy --dry-run`, `wrangler dev --assets`, bundle
// size) and read the repository's workflow files. (Not merged with vitest.shared.js: its include would add the
// workerd tests.)
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['test/node/**/*.test.ts'], environment: 'node', testTimeout: 180_000 },
});
