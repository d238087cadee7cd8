// Tests run inside workerd with the same config as `wrangler dev` (wrangler.jsonc: vars, compatibility date).
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.jsonc' } })],
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/node/**'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
  },
});
