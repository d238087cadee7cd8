// Tests run inside workerd with the same config as `wrangler dev` (wrangler.jsonc: vars, rate limiter,
// compatibility date).
// test/node/ runs in Node instead (vitest.config.node.ts).
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.jsonc' } })],
    test: { exclude: ['test/node/**', 'node_modules/**'], setupFiles: ['test/setup.ts'] },
  }),
);
