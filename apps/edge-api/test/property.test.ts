// Property: no query string or JSON body, however odd, gets a 5xx; every 4xx has the error shape and a status and
// code the OpenAPI document lists for the operation; every 200 is an answer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { undocumented } from './documented.js';
import { app, isErrorBody } from './helpers.js';

const key = fc.oneof(
  { arbitrary: fc.constantFrom('a', 'b'), weight: 6 },
  {
    arbitrary: fc.constantFrom('model', 'trace', 'weights', 'A', 'a[]', '__proto__', 'constructor', 'toString', ''),
    weight: 2,
  },
  { arbitrary: fc.string({ maxLength: 8 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }), weight: 1 },
);

const value = fc.oneof(
  fc.nat({ max: 300 }).map(String),
  fc.bigInt({ min: 0n, max: (1n << 80n) - 1n }).map(String),
  fc.stringMatching(/^[0-9]{1,40}$/),
  fc.constantFrom(
    'vector',
    'serial',
    '1',
    '0',
    'true',
    '-1',
    '1.5',
    '1e3',
    '0x10',
    '+1',
    ' 1',
    '',
    '128',
    '٣',
    '１',
    'NaN',
    'Infinity',
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constant('9'.repeat(1000)),
  fc.constant('9'.repeat(1001)),
);

/** One key=value, written as a browser would, raw, or as arbitrary (possibly broken) percent-escapes. */
const part = fc.tuple(key, value, fc.constantFrom('encoded', 'raw', 'bytes')).chain(([k, v, how]) => {
  if (how === 'encoded') return fc.constant(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  if (how === 'raw') return fc.constant(`${k.replace(/[#&]/g, '')}=${v.replace(/[#&]/g, '')}`);
  return fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 255 }).map((b) => `%${b.toString(16).padStart(2, '0')}`),
        fc.constantFrom('%', '%Z', '%e', '=', '+'),
      ),
      { maxLength: 6 },
    )
    .map((bytes) => `${encodeURIComponent(k)}=${bytes.join('')}`);
});

const path = fc.constantFrom(
  '/add',
  '/add',
  '/add',
  '/model',
  '/model/vector',
  '/model/serial',
  '/health',
  '/add/',
  '/ADD',
  '/nope',
);
const url = fc
  .tuple(path, fc.array(part, { maxLength: 6 }))
  .map(([p, parts]) => (parts.length ? `${p}?${parts.join('&')}` : p));

describe('random query strings', () => {
  it('never yield a 5xx; every 4xx matches { error: { code, message, param } } and is documented', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(url, async (u) => {
        const res = await app.request(`http://edge.test${u}`);
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
        const body: unknown = await res.json();
        if (res.status >= 400) expect(isErrorBody(body)).toBe(true);
        else expect(body).toBeTypeOf('object');
        const code = (body as { error?: { code: string } }).error?.code;
        expect(undocumented('GET', u, res.status, code)).toBeNull();
      }),
      { numRuns: 10_000, seed: 4 },
    );
    // The generator reaches both outcomes often enough to mean something.
    expect(seen.get(200) ?? 0).toBeGreaterThan(100);
    expect(seen.get(400) ?? 0).toBeGreaterThan(1000);
  });
});

/** JSON bodies near the accepted shape, and far from it: pairs that are arrays, numbers, nested junk, extra keys. */
const operandLike = fc.oneof(
  fc.nat({ max: 300 }).map(String),
  fc.string({ maxLength: 6 }),
  fc.nat(),
  fc.constant(null),
  fc.array(fc.nat(), { maxLength: 2 }),
);
const pairLike = fc.oneof(
  { arbitrary: fc.record({ a: operandLike, b: operandLike }), weight: 4 },
  { arbitrary: fc.dictionary(fc.constantFrom('a', 'b', 'c', '__proto__'), operandLike, { maxKeys: 3 }), weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }), weight: 1 },
);
const validPair = fc.record({
  a: fc.nat({ max: 127 }).map(String),
  b: fc.bigInt({ min: 0n, max: (1n << 70n) - 1n }).map(String),
});
const bodyLike = fc.oneof(
  { arbitrary: fc.record({ pairs: fc.array(validPair, { minLength: 1, maxLength: 4 }) }), weight: 3 },
  { arbitrary: fc.record({ pairs: fc.array(pairLike, { maxLength: 4 }) }, { requiredKeys: [] }), weight: 4 },
  {
    arbitrary: fc.record({
      pairs: fc.array(pairLike, { maxLength: 4 }),
      model: fc.constantFrom('vector', 'serial', 'gru', 1),
    }),
    weight: 2,
  },
  { arbitrary: fc.jsonValue({ maxDepth: 4 }), weight: 1 },
);

describe('random JSON bodies', () => {
  it('never yield a 5xx; every refusal has the error shape and is documented', async () => {
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(bodyLike, fc.constantFrom('', '?model=serial', '?model=vector'), async (body, query) => {
        const res = await app.request(`http://edge.test/add${query}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        expect(res.status).toBeLessThan(500);
        const payload: unknown = await res.json();
        if (res.status >= 400) expect(isErrorBody(payload)).toBe(true);
        const code = (payload as { error?: { code: string } }).error?.code;
        expect(undocumented('POST', `/add${query}`, res.status, code)).toBeNull();
      }),
      { numRuns: 2_000, seed: 13 },
    );
    expect(seen.get(200) ?? 0).toBeGreaterThan(200);
    expect(seen.get(400) ?? 0).toBeGreaterThan(500);
  });
});
