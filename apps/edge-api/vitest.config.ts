// Tests run inside workerd with the same config as `wrangler dev` (wrangler.jsonc: vars, compatibility date).
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

export default mergeConfig(
  shared,
  defineConfig({
    plugins: [cloudflareTest({ wrangler: { configPath: './wrangler.jsonc' } })],
  }),
);
