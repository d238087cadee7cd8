// wrangler.jsonc as wrangler itself reads it: the rate limiter, its period and price, and Workers Logs are what the
// code and the README assume.
import { unstable_readConfig } from 'wrangler';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BYTES_PER_TOKEN,
  DEFAULT_REQUEST_TOKENS,
  DEFAULT_STEPS_PER_TOKEN,
  RATE_LIMIT_PERIOD_SECONDS,
} from '../../src/http/rate-limit.js';

const config = unstable_readConfig({ config: new URL('../../wrangler.jsonc', import.meta.url).pathname });

describe('wrangler.jsonc', () => {
  it('binds RATE_LIMITER with the period the 429 announces in Retry-After, and the budget the README documents', () => {
    expect(config.ratelimits).toHaveLength(1);
    const [limiter] = config.ratelimits;
    expect(limiter?.name).toBe('RATE_LIMITER');
    expect(limiter?.simple.period).toBe(RATE_LIMIT_PERIOD_SECONDS);
    expect(limiter?.simple.limit).toBe(200);
  });

  it('sets the price vars to the code defaults, so removing a var changes nothing', () => {
    expect(config.vars).toMatchObject({
      RATE_LIMIT_REQUEST_TOKENS: String(DEFAULT_REQUEST_TOKENS),
      RATE_LIMIT_STEPS_PER_TOKEN: String(DEFAULT_STEPS_PER_TOKEN),
      RATE_LIMIT_BYTES_PER_TOKEN: String(DEFAULT_BYTES_PER_TOKEN),
    });
  });

  it('turns on Workers observability (logs)', () => {
    expect(config.observability?.enabled).toBe(true);
  });
});
