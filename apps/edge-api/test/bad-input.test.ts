// Every kind of bad input gets a 400 (or 404/405) with { error: { code, message } },
// and the message names the parameter and quotes what it got.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '../src/errors.js';
import { undocumented } from './documented.js';
import { app, get, isErrorBody, lastRequest, post, send } from './helpers.js';

interface Case {
  name: string;
  request: () => Response | Promise<Response>;
  code: ErrorCode;
  /** How the message names the parameter. */
  names: string;
  /** Part of what was received, as the message should quote it. */
  got?: string;
  status?: number;
  /** error.param; by default the parameter `names` quotes ("a" → a), else null. */
  param?: string | null;
}

const digits = (n: number) => '9'.repeat(n);
const pairs = (n: number) => Array.from({ length: n }, () => ({ a: '1', b: '2' }));

const query: Case[] = [
  { name: 'missing a', request: () => get('/add?b=1'), code: 'missing_parameter', names: '"a"' },
  { name: 'missing b', request: () => get('/add?a=1'), code: 'missing_parameter', names: '"b"' },
  { name: 'no parameters', request: () => get('/add'), code: 'missing_parameter', names: '"a"' },
  {
    name: 'repeated a',
    request: () => get('/add?a=1&a=2&b=3'),
    code: 'repeated_parameter',
    names: '"a"',
    got: '"1, 2"',
  },
  {
    name: 'repeated model',
    request: () => get('/add?a=1&b=2&model=vector&model=serial'),
    code: 'repeated_parameter',
    names: '"model"',
  },
  { name: 'empty a', request: () => get('/add?a=&b=1'), code: 'invalid_operand', names: '"a"', got: 'empty' },
  { name: 'negative', request: () => get('/add?a=-5&b=1'), code: 'invalid_operand', names: '"a"', got: '"-5"' },
  { name: 'fractional', request: () => get('/add?a=1&b=2.5'), code: 'invalid_operand', names: '"b"', got: '"2.5"' },
  { name: 'trailing point', request: () => get('/add?a=3.&b=1'), code: 'invalid_operand', names: '"a"', got: '"3."' },
  { name: 'exponent', request: () => get('/add?a=1e3&b=1'), code: 'invalid_operand', names: '"a"', got: '"1e3"' },
  { name: 'hex', request: () => get('/add?a=0x1F&b=1'), code: 'invalid_operand', names: '"a"', got: '"0x1F"' },
  { name: 'leading +', request: () => get('/add?a=%2B5&b=1'), code: 'invalid_operand', names: '"a"', got: '"+5"' },
  {
    name: 'unescaped + (a space)',
    request: () => get('/add?a=+5&b=1'),
    code: 'invalid_operand',
    names: '"a"',
    got: '" 5"',
  },
  { name: 'inner space', request: () => get('/add?a=1%202&b=1'), code: 'invalid_operand', names: '"a"', got: '"1 2"' },
  {
    name: 'trailing space',
    request: () => get('/add?a=12&b=1%20'),
    code: 'invalid_operand',
    names: '"b"',
    got: '"1 "',
  },
  {
    name: 'Arabic-Indic digit',
    request: () => get('/add?a=%D9%A3&b=1'),
    code: 'invalid_operand',
    names: '"a"',
    got: 'ASCII',
  },
  {
    name: 'fullwidth digit',
    request: () => get('/add?a=1&b=%EF%BC%95'),
    code: 'invalid_operand',
    names: '"b"',
    got: 'ASCII',
  },
  {
    name: 'broken percent-escape',
    request: () => get('/add?a=1&b=%E0%A4'),
    code: 'invalid_operand',
    names: '"b"',
    got: 'percent-escape',
  },
  { name: 'words', request: () => get('/add?a=five&b=1'), code: 'invalid_operand', names: '"a"', got: '"five"' },
  {
    name: 'over-long (1,001 digits)',
    request: () => get(`/add?a=${digits(1001)}&b=1`),
    code: 'operand_too_long',
    names: '"a"',
    got: '1,001 digits',
  },
  {
    name: 'over-long junk is cut short',
    request: () => get(`/add?a=1&b=${'x'.repeat(5000)}`),
    code: 'invalid_operand',
    names: '"b"',
    got: '(5000 characters)',
  },
  {
    name: 'vector asked for 128',
    request: () => get('/add?a=128&b=1&model=vector'),
    code: 'operand_out_of_range',
    names: '"a"',
    got: '"128"',
  },
  {
    name: 'vector asked for b=1000',
    request: () => get('/add?a=1&b=1000&model=vector'),
    code: 'operand_out_of_range',
    names: '"b"',
    got: '"1000"',
  },
  {
    name: 'unknown model',
    request: () => get('/add?a=1&b=2&model=lstm'),
    code: 'unknown_model',
    names: '"model"',
    got: '"lstm"',
  },
  {
    name: 'model in capitals',
    request: () => get('/add?a=1&b=2&model=Vector'),
    code: 'unknown_model',
    names: '"model"',
    got: '"Vector"',
  },
  {
    name: 'bad trace flag',
    request: () => get('/add?a=1&b=2&trace=yes'),
    code: 'invalid_parameter',
    names: '"trace"',
    got: '"yes"',
  },
  {
    name: 'trace on a 65-digit sum',
    request: () => get(`/add?a=${digits(65)}&b=1&trace=1`),
    code: 'trace_too_long',
    names: '"trace"',
  },
  { name: 'unknown parameter', request: () => get('/add?a=1&b=2&c=3'), code: 'unknown_parameter', names: '"c"' },
  {
    name: 'unknown parameter on /model',
    request: () => get('/model?arch=vector'),
    code: 'unknown_parameter',
    names: '"arch"',
  },
  {
    name: 'bad weights flag',
    request: () => get('/model/vector?weights=all'),
    code: 'invalid_parameter',
    names: '"weights"',
    got: '"all"',
  },
];

const body: Case[] = [
  {
    name: 'malformed JSON',
    request: () => post('/add', '{"pairs": [{"a": "1", '),
    code: 'invalid_json',
    names: 'JSON',
  },
  { name: 'empty body', request: () => post('/add', ''), code: 'invalid_json', names: 'JSON' },
  {
    name: 'oversized body',
    request: () => post('/add', `{"pairs":[{"a":"${'1'.repeat(3 * 1024 * 1024)}","b":"1"}]}`),
    code: 'body_too_large',
    names: 'body',
    status: 413,
  },
  {
    name: 'text/plain',
    request: () => post('/add', { pairs: pairs(1) }, { 'Content-Type': 'text/plain' }),
    code: 'unsupported_media_type',
    names: '"Content-Type"',
    got: '"text/plain"',
    status: 415,
  },
  {
    name: 'form encoded',
    request: () => post('/add', 'a=1&b=2', { 'Content-Type': 'application/x-www-form-urlencoded' }),
    code: 'unsupported_media_type',
    names: '"Content-Type"',
    status: 415,
  },
  {
    name: 'no content type',
    request: () => send('/add', { method: 'POST', body: new Blob(['{}']) }),
    code: 'unsupported_media_type',
    names: '"Content-Type"',
    got: 'nothing',
    status: 415,
  },
  { name: 'body is an array', request: () => post('/add', [1, 2]), code: 'invalid_body', names: 'body', got: 'array' },
  { name: 'body is null', request: () => post('/add', 'null'), code: 'invalid_body', names: 'body', got: 'null' },
  { name: 'pairs missing', request: () => post('/add', { pair: [] }), code: 'missing_parameter', names: '"pairs"' },
  {
    name: 'pairs not an array',
    request: () => post('/add', { pairs: { a: '1', b: '2' } }),
    code: 'invalid_body',
    names: '"pairs"',
  },
  { name: 'pairs empty', request: () => post('/add', { pairs: [] }), code: 'invalid_body', names: '"pairs"' },
  {
    name: '1,001 pairs',
    request: () => post('/add', { pairs: pairs(1001) }),
    code: 'too_many_pairs',
    names: '"pairs"',
    got: '1,001',
  },
  {
    name: 'batch over the work budget (31 pairs of 1,000 digits)',
    request: () => post('/add', { pairs: Array.from({ length: 31 }, () => ({ a: digits(1000), b: '1' })) }),
    code: 'batch_too_large',
    names: '"pairs"',
    got: '103,', // ~103,000 steps
  },
  {
    name: 'pair not an object',
    request: () => post('/add', { pairs: [pairs(1)[0], 'x'] }),
    code: 'invalid_body',
    names: '"pairs[1]"',
    got: '"x"',
  },
  {
    name: 'a pair that is an array',
    request: () => post('/add', '{"pairs":[[]]}'),
    code: 'invalid_body',
    names: '"pairs[0]"',
    got: 'array',
  },
  {
    name: 'a pair that is an array of pairs',
    request: () => post('/add', { pairs: [pairs(1)[0], [pairs(1)[0]]] }),
    code: 'invalid_body',
    names: '"pairs[1]"',
    got: 'array',
  },
  {
    name: 'deeply nested arrays (refused before parsing)',
    request: () => post('/add', `{"pairs":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
    code: 'body_too_complex',
    names: 'more than 8 deep',
  },
  {
    name: 'more values than 1,000 pairs need (refused before parsing)',
    request: () => post('/add', { pairs: Array.from({ length: 5000 }, () => ({ a: '1', b: '2' })) }),
    code: 'body_too_complex',
    names: 'more than 20,000 values',
  },
  {
    name: 'an operand that is an array',
    request: () => post('/add', { pairs: [{ a: [[['1']]], b: '2' }] }),
    code: 'invalid_operand',
    names: '"pairs[0].a"',
    got: 'array',
  },
  {
    name: 'operand as a number',
    request: () => post('/add', { pairs: [{ a: 1, b: '2' }] }),
    code: 'invalid_operand',
    names: '"pairs[0].a"',
    got: 'number 1',
  },
  {
    name: 'negative operand in a pair',
    request: () =>
      post('/add', {
        pairs: [
          { a: '1', b: '2' },
          { a: '3', b: '-4' },
        ],
      }),
    code: 'invalid_operand',
    names: '"pairs[1].b"',
    got: '"-4"',
  },
  {
    name: 'missing b in a pair',
    request: () => post('/add', { pairs: [{ a: '1' }] }),
    code: 'missing_parameter',
    names: '"pairs[0].b"',
  },
  {
    name: 'extra field in a pair',
    request: () => post('/add', { pairs: [{ a: '1', b: '2', c: '3' }] }),
    code: 'unknown_parameter',
    names: '"pairs[0].c"',
  },
  {
    name: 'extra top-level field',
    request: () => post('/add', { pairs: pairs(1), trace: true }),
    code: 'unknown_parameter',
    names: '"trace"',
  },
  {
    name: 'over-long operand in a pair',
    request: () => post('/add', { pairs: [{ a: digits(1001), b: '1' }] }),
    code: 'operand_too_long',
    names: '"pairs[0].a"',
  },
  {
    name: 'vector asked for 128 in a pair',
    request: () =>
      post('/add?model=vector', {
        pairs: [
          { a: '1', b: '2' },
          { a: '5', b: '128' },
        ],
      }),
    code: 'operand_out_of_range',
    names: '"pairs[1].b"',
    got: '"128"',
  },
  {
    name: 'unknown model in the body',
    request: () => post('/add', { model: 'gru', pairs: pairs(1) }),
    code: 'unknown_model',
    names: '"model"',
    got: '"gru"',
  },
  {
    name: 'unknown model in the query',
    request: () => post('/add?model=gru', { pairs: pairs(1) }),
    code: 'unknown_model',
    names: '"model"',
    got: '"gru"',
  },
  {
    name: 'query and body disagree',
    request: () => post('/add?model=vector', { model: 'serial', pairs: pairs(1) }),
    code: 'conflicting_parameter',
    names: '"model"',
  },
  {
    name: 'operands in the POST query',
    request: () => post('/add?a=1', { pairs: pairs(1) }),
    code: 'unknown_parameter',
    names: '"a"',
  },
];

const routing: Case[] = [
  { name: 'unknown path', request: () => get('/sum?a=1&b=2'), code: 'not_found', names: '/sum', status: 404 },
  {
    name: 'unknown model path',
    request: () => get('/model/gru'),
    code: 'not_found',
    names: '"name"',
    got: '"gru"',
    status: 404,
  },
  {
    name: 'DELETE /add',
    request: () => send('/add', { method: 'DELETE' }),
    code: 'method_not_allowed',
    names: 'DELETE',
    status: 405,
  },
  {
    name: 'DELETE /add/ (the router serves GET /add/)',
    request: () => send('/add/', { method: 'DELETE' }),
    code: 'method_not_allowed',
    names: 'DELETE',
    status: 405,
  },
  {
    name: 'PUT /model/vector/',
    request: () => send('/model/vector/', { method: 'PUT' }),
    code: 'method_not_allowed',
    names: 'PUT',
    status: 405,
  },
  {
    name: 'POST /openapi.json',
    request: () => send('/openapi.json', { method: 'POST' }),
    code: 'method_not_allowed',
    names: 'POST',
    status: 405,
  },
  {
    name: 'POST /health',
    request: () => send('/health', { method: 'POST' }),
    code: 'method_not_allowed',
    names: 'POST',
    status: 405,
  },
];

describe.each([
  ['query string', query],
  ['JSON body', body],
  ['routing', routing],
])('bad input: %s', (_, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const res = await c.request();
    expect(res.status).toBe(c.status ?? 400);
    expect(res.status).toBe(ERROR_STATUS[c.code]); // the one rule: the code fixes the status
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const payload: unknown = await res.json();
    expect(isErrorBody(payload)).toBe(true);
    const { code, message } = (payload as { error: { code: string; message: string } }).error;
    expect(code).toBe(c.code);
    // …and the OpenAPI document lists that status and code for the operation.
    expect(undocumented(lastRequest.method, lastRequest.url, res.status, code)).toBeNull();
    const param =
      c.param !== undefined
        ? c.param
        : /^"[^"]+"$/.test(c.names) && c.names !== '"Content-Type"'
          ? c.names.slice(1, -1)
          : null;
    expect((payload as ErrorBody).error.param).toBe(param);
    expect(message).toContain(c.names);
    if (c.got) expect(message).toContain(c.got);
    expect(message.length).toBeLessThan(400);
    expect(message).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('every echo is cut to 40 characters, in message and param', () => {
  const k = (n: number) => 'k'.repeat(n);
  const cut = (n: number) => `${k(40)}… (${n} characters)`; // core's shorten, written out
  it.each([
    ['a 60 KB key in a query', () => get(`/add?a=1&b=2&${k(60_000)}=1`), 'unknown_parameter', cut(60_000)],
    ['a 10 KB key in a query', () => get(`/add?${k(10_000)}=1&a=1&b=2`), 'unknown_parameter', cut(10_000)],
    ['a 10 KB key on /model', () => get(`/model?${k(10_000)}=1`), 'unknown_parameter', cut(10_000)],
    ['a 10 KB key given twice', () => get(`/model?${k(10_000)}=1&${k(10_000)}=2`), 'unknown_parameter', cut(10_000)],
    [
      'a 1 MB key in a body',
      () => post('/add', `{"pairs":[{"a":"1","b":"2"}],"${k(1_000_000)}":1}`),
      'unknown_parameter',
      cut(1_000_000),
    ],
    [
      'a 2 MB key in a pair',
      () => post('/add', `{"pairs":[{"a":"1","b":"2","${k(2_000_000)}":1}]}`),
      'unknown_parameter',
      `pairs[0].${k(31)}… (2000009 characters)`,
    ],
  ] as const)('%s', async (_name, request, code, param) => {
    const res = await request();
    const text = await res.text();
    expect(text.length).toBeLessThan(400);
    const { error } = JSON.parse(text) as ErrorBody;
    expect(error.code).toBe(code);
    expect(error.param).toBe(param);
    expect(error.message).toContain(`"${param.replace(/… \(/, '…" (')}`); // the message quotes the same cut
  });

  it('a 5,000-character path is cut in the 404', async () => {
    const res = await get(`/${k(4999)}`);
    const { error } = (await res.json()) as ErrorBody;
    expect(error).toMatchObject({ code: 'not_found', param: null });
    expect(error.message).toContain(`"/${k(39)}…" (5000 characters)`);
    expect(error.message.length).toBeLessThan(200);
  });

  it('a key of control characters is written escaped in the message', async () => {
    const { error } = (await (await get('/add?a=1&b=2&%1B%5B31m%07=1')).json()) as ErrorBody;
    expect(error.code).toBe('unknown_parameter');
    expect(error.message).toContain('"\\u001b[31m\\u0007"');
    expect([...error.message].filter((ch) => ch < ' ')).toEqual([]); // no raw control character
  });
});

describe('holes found under attack', () => {
  it('5,000 repeats of a=1 get a short repeated_parameter, not a 35 KB echo', async () => {
    const res = await get(`/add?${Array.from({ length: 5000 }, () => 'a=1').join('&')}&b=2`);
    expect(res.status).toBe(400);
    const text = await res.text();
    const { error } = JSON.parse(text) as ErrorBody;
    expect(error).toMatchObject({ code: 'repeated_parameter', param: 'a' });
    expect(error.message).toContain('5,000 times');
    expect(text.length).toBeLessThan(300);
  });

  it('a POST announcing 100 MB is refused from its Content-Length alone (the body never arrives)', async () => {
    // A body that sends one chunk and then never ends: reading it would hang the test, so only the header can answer.
    const { readable, writable } = new FixedLengthStream(100 * 1024 * 1024);
    const writer = writable.getWriter();
    void writer.write(new TextEncoder().encode('{"pairs":[')).catch(() => undefined);
    const res = await exports.default.fetch('http://edge.test/add', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: readable,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: 'body_too_large', param: null } });
    void writer.abort().catch(() => undefined);
  });

  it('a request body streamed without Content-Length is cut off at 3 MiB', async () => {
    const chunk = new TextEncoder().encode(`{"pairs":[{"a":"${'1'.repeat(1024 * 1024)}`);
    const body = new ReadableStream({
      pull(controller) {
        controller.enqueue(chunk); // endless: the limit, not the end of the stream, must stop the read
      },
    });
    const res = await app.request('/add', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });
});
