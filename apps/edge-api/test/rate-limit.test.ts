// Rate limiting through the Worker entry in workerd, with wrangler.jsonc's binding (miniflare runs it locally) and
// vars: a burst is refused with 429 + Retry-After + the JSON error, other clients are not, and the legitimate heavy
// client of the README passes. Each test uses its own client addresses (the binding's counters live per key).
import { env } from 'cloudflare:workers';
import { describe, expect, it, vi } from 'vitest';
import { bodyTokens, clientKey, requestTokens, tokenPrice, workTokens } from '../src/http/rate-limit.js';
import worker from '../src/index.js';
import { app, isErrorBody } from './helpers.js';

const digits = (n: number, seed: number) => {
  let s = String(1 + (seed % 9));
  for (let x = seed; s.length < n; x = (x * 1103515245 + 12345) % 2 ** 31) s += String(x % 10);
  return s;
};
const longSum = (k: number) => `/add?a=${digits(1000, k + 1)}&b=${digits(1000, k + 7)}`;
// The Worker's handler with wrangler.jsonc's env (called directly: through exports.default.fetch, vitest-pool-workers
// 0.15.1 gets slower with every request, pre-existing and unrelated to this code, and a burst is hundreds of them).
const from = (ip: string, path: string, init: RequestInit = {}) =>
  worker.fetch(
    new Request(`http://edge.test${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), 'CF-Connecting-IP': ip },
    }),
    env,
  );
const vectorBatch = (k: number) => ({
  pairs: Array.from({ length: 1000 }, (_, j) => ({ a: String((j * 7 + k) % 128), b: String((j * 13 + 3 * k) % 128) })),
});

describe('rate limiting (Worker entry, wrangler.jsonc binding and vars)', () => {
  it('a burst of 400 1,000-digit sums from one address meets 429 + Retry-After + JSON; others are served', async () => {
    const statuses: number[] = [];
    let refusal: { retryAfter: string | null; cacheControl: string | null; body: unknown } | undefined;
    for (let k = 0; k < 400; k++) {
      const res = await from('198.51.100.1', longSum(k));
      statuses.push(res.status);
      if (res.status === 429 && !refusal) {
        refusal = {
          retryAfter: res.headers.get('Retry-After'),
          cacheControl: res.headers.get('Cache-Control'),
          body: await res.json(),
        };
      } else await res.body?.cancel();
    }
    expect(statuses[0]).toBe(200);
    // 4 tokens each against 200 per 10 s: about 50 served per window (two windows if the burst straddles one).
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(200);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    if (!refusal) throw new Error('no 429');
    expect(Number(refusal.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refusal.cacheControl).toBe('no-store');
    expect(isErrorBody(refusal.body)).toBe(true);
    expect(refusal.body).toMatchObject({ error: { code: 'rate_limited' } });

    // Same moment, other client: unaffected.
    const other = await from('198.51.100.2', longSum(0));
    expect(other.status).toBe(200);
    expect((await other.json()) as object).toHaveProperty('sum');
  });

  it('serves the heavy legitimate client (20 batches of 1,000 vector pairs + 10 sums of 1,000 digits)', async () => {
    const ip = '198.51.100.3';
    const statuses: number[] = [];
    for (let k = 0; k < 20; k++) {
      const res = await from(ip, '/add', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(vectorBatch(k)),
      });
      statuses.push(res.status);
      if (k === 0) expect(((await res.json()) as { results: unknown[] }).results).toHaveLength(1000);
      else await res.body?.cancel();
    }
    for (let k = 0; k < 10; k++) {
      const res = await from(ip, longSum(k));
      statuses.push(res.status);
      await res.body?.cancel();
    }
    expect(statuses).toEqual(Array(30).fill(200));
  });

  it('weights by work: fewer 1,000-digit sums than vector sums pass before the first 429', async () => {
    const servedUntilRefused = async (ip: string, path: (k: number) => string) => {
      for (let k = 0; k < 1000; k++) {
        const res = await from(ip, path(k));
        await res.body?.cancel();
        if (res.status === 429) return k;
        expect(res.status).toBe(200);
      }
      throw new Error('never limited');
    };
    const long = await servedUntilRefused('198.51.100.4', longSum);
    const vector = await servedUntilRefused('198.51.100.5', (k) => `/add?a=${k % 128}&b=${(k * 5) % 128}`);
    // 200 tokens per 10 s: ~50 sums at 4 tokens, ~200 at 1 (a window boundary during a run can add one window's worth).
    expect(long).toBeGreaterThan(0);
    expect(vector).toBeGreaterThan(long);
  });

  it('counts an IPv6 client by its /64, so rotating addresses inside it does not reset the budget', async () => {
    const statuses: number[] = [];
    for (let k = 0; k < 120; k++) {
      const res = await from(`2001:db8:aa:1::${k.toString(16)}`, longSum(k));
      statuses.push(res.status);
      await res.body?.cancel();
    }
    expect(statuses).toContain(429);
    expect((await from('2001:db8:aa:2::1', '/health')).status).toBe(200);
  });
});

describe('token price', () => {
  it('reads the vars, with 1 token per request, 1 per 64 KiB of body and 1 per 1,000 steps by default', () => {
    const defaults = { requestTokens: 1, stepsPerToken: 1000, bytesPerToken: 65_536 };
    expect(tokenPrice(undefined)).toEqual(defaults);
    expect(
      tokenPrice({
        RATE_LIMIT_REQUEST_TOKENS: '3',
        RATE_LIMIT_STEPS_PER_TOKEN: ' 250 ',
        RATE_LIMIT_BYTES_PER_TOKEN: '1024',
      }),
    ).toEqual({ requestTokens: 3, stepsPerToken: 250, bytesPerToken: 1024 });
    expect(workTokens(3323, defaults)).toBe(3);
    expect(workTokens(999, defaults)).toBe(0);
    expect(bodyTokens(65_535, defaults)).toBe(0);
    expect(bodyTokens(3 * 1024 * 1024, defaults)).toBe(48);
    expect(requestTokens({ bytes: 200_000, steps: 3323 }, defaults)).toBe(1 + 3 + 3);
  });

  it('refuses malformed vars loudly instead of silently not limiting', () => {
    expect(() => tokenPrice({ RATE_LIMIT_STEPS_PER_TOKEN: '0' })).toThrow(/RATE_LIMIT_STEPS_PER_TOKEN/);
    expect(() => tokenPrice({ RATE_LIMIT_REQUEST_TOKENS: 'lots' })).toThrow(/RATE_LIMIT_REQUEST_TOKENS/);
    expect(() => tokenPrice({ RATE_LIMIT_BYTES_PER_TOKEN: '1e5' })).toThrow(/RATE_LIMIT_BYTES_PER_TOKEN/);
  });

  it('spends request tokens plus floor(steps / steps-per-token) through the binding, as the vars say', async () => {
    const calls: string[] = [];
    const limiter = {
      limit: async ({ key }: { key: string }) => {
        calls.push(key);
        return { success: true };
      },
    };
    const spent = async (path: string, vars: Record<string, string>, init: RequestInit = {}) => {
      calls.length = 0;
      const res = await app.request(
        path,
        { ...init, headers: { 'CF-Connecting-IP': '192.0.2.9', ...(init.headers as Record<string, string>) } },
        { RATE_LIMITER: limiter, ...vars },
      );
      expect(res.status).toBe(200);
      return calls.length;
    };
    // A 1,000-digit operand has at most 3,322 bits: the serial model runs 3,323 steps.
    expect(await spent(longSum(0), {})).toBe(1 + 3);
    expect(await spent(longSum(0), { RATE_LIMIT_STEPS_PER_TOKEN: '100', RATE_LIMIT_REQUEST_TOKENS: '2' })).toBe(2 + 33);
    expect(await spent('/add?a=57&b=99', {})).toBe(1);
    expect(await spent('/health', { RATE_LIMIT_REQUEST_TOKENS: '5' })).toBe(5);
    // 1,000 vector pairs are 2,000 steps.
    const batch = {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(vectorBatch(0)),
    };
    expect(await spent('/add', {}, batch)).toBe(1 + 2);
    expect(calls.every((key) => key === '192.0.2.9')).toBe(true);
  });

  it('a malformed var is a logged 500 with the error shape, not an unlimited API', async () => {
    const limiter = { limit: async () => ({ success: true }) };
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const res = await app.request('/health', {}, { RATE_LIMITER: limiter, RATE_LIMIT_STEPS_PER_TOKEN: 'x' });
    expect(res.status).toBe(500);
    expect(logged.mock.calls.flat().map(String).join(' ')).toMatch(/RATE_LIMIT_STEPS_PER_TOKEN/);
    logged.mockRestore();
    expect(isErrorBody(await res.json())).toBe(true);
  });
});

describe('clientKey', () => {
  it('keeps IPv4 addresses, maps IPv4-in-IPv6 back, and cuts IPv6 to its /64', () => {
    expect(clientKey('203.0.113.5')).toBe('203.0.113.5');
    expect(clientKey('::ffff:203.0.113.5')).toBe('203.0.113.5');
    expect(clientKey('2001:db8:0:1:2:3:4:5')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:DB8:0000:0001::7')).toBe('2001:db8:0:1::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
    expect(clientKey(undefined)).toBe('unknown');
  });
});
