// Observability: a Server-Timing header with the model's compute time, and one JSON log line per request that says
// what was done (route, model, sizes, status, µs) without the operands themselves.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RequestLog } from '../src/http/observe.js';
import { app, get, post } from './helpers.js';

const spyLog = () => vi.spyOn(console, 'log').mockImplementation(() => {});
afterEach(() => vi.restoreAllMocks());

/** The one log line a request wrote, parsed. */
function onlyLine(spy: ReturnType<typeof spyLog>): RequestLog {
  expect(spy).toHaveBeenCalledTimes(1);
  const [text] = spy.mock.calls[0] ?? [];
  expect(typeof text).toBe('string');
  return JSON.parse(text as string) as RequestLog;
}

const TIMING = /^model;dur=(\d+(?:\.\d+)?);desc="(vector|serial|mixed)", total;dur=(\d+(?:\.\d+)?)$/;
const a = `31415926535${'8979323846'.repeat(98)}264338327`; // 11 + 980 + 9 = 1,000 digits
const b = `27182818284${'5904523536'.repeat(98)}028747135`;

describe('Server-Timing', () => {
  it('gives the model time and the total on a served sum', async () => {
    const res = await get(`/add?a=${a}&b=${b}`);
    expect(res.status).toBe(200);
    const match = TIMING.exec(res.headers.get('Server-Timing') ?? '');
    expect(match?.[2]).toBe('serial');
    expect(Number(match?.[1])).toBeLessThanOrEqual(Number(match?.[3]));
  });

  it('is readable, with Retry-After, by a page on an allowed origin (CORS exposes both)', async () => {
    const res = await get('/add?a=1&b=2', { Origin: 'http://localhost:5173' });
    const exposed = (res.headers.get('Access-Control-Expose-Headers') ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase());
    expect(exposed).toEqual(expect.arrayContaining(['server-timing', 'retry-after']));
  });

  it('gives the waits inside total after it: reading the body, and the rate limiter', async () => {
    const limiter = { limit: async () => ({ success: true }) };
    const res = await app.request(
      '/add',
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': '192.0.2.3' },
        body: JSON.stringify({ pairs: [{ a, b }] }),
      },
      { RATE_LIMITER: limiter },
    );
    expect(res.status).toBe(200);
    const header = res.headers.get('Server-Timing') ?? '';
    const timing = new RegExp(
      '^model;dur=[\\d.]+;desc="serial", total;dur=([\\d.]+), ' +
        'upload;dur=([\\d.]+);desc="[^"]+", limit;dur=([\\d.]+);desc="[^"]+"$',
    ).exec(header);
    expect(timing, header).not.toBeNull();
    const [total, upload, limit] = (timing ?? []).slice(1).map(Number) as [number, number, number];
    expect(upload + limit).toBeLessThanOrEqual(total + 0.001);
  });

  it('gives only the total when no model ran (a refusal, /health)', async () => {
    for (const res of [await get('/add?a=-1&b=2'), await get('/health')]) {
      expect(res.headers.get('Server-Timing')).toMatch(/^total;dur=\d+(\.\d+)?$/);
    }
  });
});

describe('request log', () => {
  it('one JSON line for a sum: route, model, digits, steps, status, µs, and no operand', async () => {
    const spy = spyLog();
    await get(`/add?a=${a}&b=${b}`);
    const line = onlyLine(spy);
    expect(line).toEqual({
      route: '/add',
      method: 'GET',
      status: 200,
      model: 'serial',
      pairs: 1,
      digits: 1000,
      steps: 3323, // ceil(1000 · log2 10) bits + 1
      modelUs: expect.any(Number),
      us: expect.any(Number),
    });
    expect(line.modelUs).toBeGreaterThanOrEqual(0);
    expect(line.us).toBeGreaterThanOrEqual(line.modelUs);
    const text = String(spy.mock.calls[0]?.[0]);
    expect(text).not.toContain('3141592653');
    expect(text).not.toContain('2718281828');
  });

  it('a batch logs its pair count, its longest operand and "mixed" when both models answered', async () => {
    const spy = spyLog();
    const res = await post('/add', {
      pairs: [
        { a: '1', b: '2' },
        { a: '123456789', b: '5' },
        { a: '3', b: '4' },
      ],
    });
    expect(res.status).toBe(200);
    expect(onlyLine(spy)).toMatchObject({
      route: '/add',
      method: 'POST',
      status: 200,
      model: 'mixed',
      pairs: 3,
      digits: 9,
    });
  });

  it('logs refusals with their status and no model; unknown paths with no route (never the raw path)', async () => {
    let spy = spyLog();
    await get('/add?a=12345678901234567890x&b=2');
    const refused = onlyLine(spy);
    expect(refused).toMatchObject({ route: '/add', status: 400, model: null, pairs: 0, digits: 0 });
    expect(JSON.stringify(refused)).not.toContain('12345678901234567890');
    spy.mockRestore();

    spy = spyLog();
    await get('/secret-looking-path-123');
    const unknown = onlyLine(spy);
    expect(unknown).toMatchObject({ route: null, status: 404 });
    expect(JSON.stringify(unknown)).not.toContain('secret-looking');
  });

  it('a rate-limited request is logged as a 429', async () => {
    const spy = spyLog();
    const limiter = { limit: async () => ({ success: false }) };
    const res = await app.request(
      '/add?a=1&b=2',
      { headers: { 'CF-Connecting-IP': '192.0.2.1' } },
      { RATE_LIMITER: limiter },
    );
    expect(res.status).toBe(429);
    expect(onlyLine(spy)).toMatchObject({ route: '/add', status: 429, model: null });
  });
});
