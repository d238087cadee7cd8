// A POST body is priced and bounded before it is parsed: its bytes cost rate-limit tokens, and a linear scan refuses
// nesting or value counts far past what the schema needs, before JSON.parse runs. (Their Worker time is measured by
// the benchmark, bench/run.ts, not here.)
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErrorBody } from '../src/errors.js';
import { scanJson } from '../src/json-scan.js';
import { app } from './helpers.js';

const MiB = 1024 * 1024;
const nines = (n: number) => '9'.repeat(n);
/** JSON.parse as it was before a test spies on it, to read answers without counting. */
const readJson = JSON.parse.bind(JSON) as (text: string) => unknown;

/**
 * POSTs a body through a limiter that counts its calls (and refuses after `budget` of them), with its Content-Length
 * as a client sends it (`chunked`: without one, as a streamed upload).
 */
async function priced(body: string, budget = Number.POSITIVE_INFINITY, chunked = false) {
  let calls = 0;
  const limiter = { limit: async () => ({ success: ++calls <= budget }) };
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'CF-Connecting-IP': '192.0.2.7' };
  if (!chunked) headers['Content-Length'] = String(new TextEncoder().encode(body).byteLength);
  const res = await app.request('/add', { method: 'POST', headers, body }, { RATE_LIMITER: limiter });
  const text = await res.text();
  return { status: res.status, code: (readJson(text) as Partial<ErrorBody>).error?.code, tokens: calls };
}

const spyOnParse = () => vi.spyOn(JSON, 'parse');
let parse: ReturnType<typeof spyOnParse>;
beforeEach(() => {
  parse = spyOnParse();
});
afterEach(() => parse.mockRestore()); // (not restoreAllMocks: test/setup.ts keeps console.log quiet)

describe('hostile bodies are refused before JSON.parse, and pay for their bytes', () => {
  it.each([
    ['3 MB of nested brackets', 'body_too_complex', `${'['.repeat(1.5e6)}${']'.repeat(1.5e6)}`],
    ['a million nested arrays in pairs', 'body_too_complex', `{"pairs":${'['.repeat(1e6)}${']'.repeat(1e6)}}`],
    ['10^6 arrays', 'body_too_complex', `[${Array(1e6).fill('[]').join(',')}]`],
    ['5×10^5 objects', 'body_too_complex', `[${Array(5e5).fill('{}').join(',')}]`],
    ['5×10^5 objects as pairs', 'body_too_complex', `{"pairs":[${Array(5e5).fill('{}').join(',')}]}`],
    ['10^6 numbers as pairs', 'body_too_complex', `{"pairs":[${Array(1e6).fill('1').join(',')}]}`],
  ])('%s: %s, parsed never', async (_name, code, body) => {
    const answer = await priced(body);
    expect(parse).not.toHaveBeenCalled();
    expect(answer).toEqual({ status: 400, code, tokens: 1 + Math.floor(body.length / 65_536) });
  });

  it.each([
    [
      'a 2 MB batch over the work budget',
      'batch_too_large',
      JSON.stringify({ pairs: Array.from({ length: 1000 }, () => ({ a: nines(1000), b: nines(1000) })) }),
    ],
    ['3 MiB of whitespace', 'invalid_json', ' '.repeat(3 * MiB)],
    ['3 MiB of whitespace around a pair', undefined, `{"pairs":[{"a":"1","b":"2"}]}${' '.repeat(3 * MiB - 29)}`],
  ])('%s is parsed once, after its bytes are paid for (%s)', async (_name, code, body) => {
    const answer = await priced(body);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(answer).toMatchObject({ status: code ? 400 : 200, code, tokens: 1 + Math.floor(body.length / 65_536) });
  });

  it('the tokens charged grow with the bytes: one per 64 KiB', async () => {
    const charged = [];
    for (const kib of [0, 63, 64, 127, 128, 640, 3 * 1024]) {
      const pair = '{"pairs":[{"a":"1","b":"2"}]}';
      const { status, tokens } = await priced(pair.padEnd(Math.max(pair.length, kib * 1024), ' '));
      expect(status).toBe(200);
      charged.push(tokens);
    }
    expect(charged).toEqual([1, 1, 2, 2, 3, 11, 49]);
  });

  it('without Content-Length, a body pays for the bytes read, as it does for the bytes announced', async () => {
    const whitespace = ' '.repeat(3 * MiB);
    expect(await priced(whitespace, Number.POSITIVE_INFINITY, true)).toMatchObject({
      code: 'invalid_json',
      tokens: 49,
    });
    const nested = await priced(`${'['.repeat(1.5e6)}${']'.repeat(1.5e6)}`, Number.POSITIVE_INFINITY, true);
    expect(nested).toMatchObject({ code: 'body_too_complex', tokens: 46 });
    // Past 3 MiB it is read to its end and refused, and pays for all it sent.
    expect(await priced(' '.repeat(4 * MiB), Number.POSITIVE_INFINITY, true)).toEqual({
      status: 413,
      code: 'body_too_large',
      tokens: 1 + 64,
    });
    expect(parse).toHaveBeenCalledTimes(1); // the whitespace, never the brackets
  });

  it('a client whose budget the bytes exhaust is refused with 429 before the body is scanned or parsed', async () => {
    const answer = await priced(`${'['.repeat(1.5e6)}${']'.repeat(1.5e6)}`, 10);
    expect(answer).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(parse).not.toHaveBeenCalled();
  });

  it('still takes what the schema needs: a full batch, and an operand that is a nested array is named', async () => {
    const full = { pairs: Array.from({ length: 1000 }, (_, k) => ({ a: String(k % 128), b: '1' })), model: 'vector' };
    expect(await priced(JSON.stringify(full))).toMatchObject({ status: 200 });
    const nested = await priced(JSON.stringify({ pairs: [{ a: [[['1']]], b: '2' }] }));
    expect(nested).toMatchObject({ status: 400, code: 'invalid_operand' });
  });
});

describe('scanJson', () => {
  const scan = (text: string, depth = 8, values = 20_000) => scanJson(text, depth, values);

  it('counts nesting, and arrays, objects, strings and commas as values, outside strings only', () => {
    const pair = '{"pairs":[{"a":"1","b":"2"}]}'; // 3 containers, 5 strings, 1 comma
    expect(scan(pair, 3, 9)).toBeNull();
    expect(scan(pair, 3, 8)).toEqual({ fault: 'values', at: 23 }); // the string "2"
    expect(scan(pair, 2)).toEqual({ fault: 'depth', at: 10 });
    expect(scan('[1,2,3,4]', 8, 3)).toEqual({ fault: 'values', at: 6 });
    expect(scan('["[[[[", "{{{{", ",,,,"]', 1, 6)).toBeNull();
    expect(scan('["\\\\"[[', 1)).toEqual({ fault: 'depth', at: 5 }); // an escaped backslash: the string ends
    expect(scan('["\\"[[[["]', 1)).toBeNull(); // an escaped quote: it does not
  });

  it('stops at a closer with no opener (not JSON: JSON.parse refuses it there)', () => {
    expect(scan(`]${'['.repeat(100)}`)).toBeNull();
  });

  it('stops at the first character past a limit', () => {
    expect(scan(`${'['.repeat(1.5e6)}${']'.repeat(1.5e6)}`)).toEqual({ fault: 'depth', at: 8 });
  });

  it('lets an unterminated string run to the end (JSON.parse refuses it)', () => {
    expect(scan('{"pairs":"[[[[[[[[[[[')).toBeNull();
  });
});
