import { describe, expect, it } from 'vitest';
import { describeRefusal, localProblems, operandProblem } from '../src/answer/answer-errors';
import { resolveApiBase } from '../src/api';

describe('resolveApiBase', () => {
  it('prefers ?api=, then VITE_API_URL, then wrangler dev in development, then the page origin', () => {
    expect(
      resolveApiBase('?api=http://127.0.0.1:9999/', { VITE_API_URL: 'https://x.dev', DEV: true }, 'http://o'),
    ).toBe('http://127.0.0.1:9999');
    expect(resolveApiBase('', { VITE_API_URL: 'https://x.dev/', DEV: true }, 'http://o')).toBe('https://x.dev');
    expect(resolveApiBase('', { DEV: true }, 'http://o')).toBe('http://127.0.0.1:8787');
    expect(resolveApiBase('?a=1', { DEV: false }, 'https://adder.example')).toBe('https://adder.example');
  });
});

describe('describeRefusal', () => {
  const typed = (a: string, b = '1', model: 'vector' | 'serial' | 'auto' = 'vector') => ({ a, b, model });

  it('puts the message under the parameter the API names, in plain words that quote what was typed', () => {
    const out = describeRefusal(
      { code: 'operand_out_of_range', param: 'a', message: 'Query parameter "a" is "128", but model=vector …' },
      typed('128'),
    );
    expect(out.target).toBe('a');
    expect(out.text).toBe(
      'The vector model adds numbers from 0 to 127 only, and a is “128”. ' +
        'Type a smaller number, or choose the serial model for bigger ones.',
    );
    expect(describeRefusal({ code: 'invalid_operand', param: 'b', message: '…' }, typed('1', 'abc')).text).toBe(
      '“abc” is not a whole number: type b with the digits 0 to 9, such as 57.',
    );
    expect(describeRefusal({ code: 'unknown_model', param: 'model', message: '…' }, typed('1')).target).toBe('model');
  });

  it('never repeats the developer message, and never mentions the vector range for other refusals', () => {
    const message =
      'Query parameter "a" must be a decimal integer, got "-5" (negative numbers are not accepted); ' +
      'accepted: … (0 to 127 for model=vector).';
    const out = describeRefusal({ code: 'invalid_operand', param: 'a', message }, typed('-5', '1', 'serial'));
    expect(out.text).toBe('a is negative: this adder takes whole numbers of 0 or more.');
    expect(out.text).not.toContain('127');
    const long = '9'.repeat(1001);
    expect(describeRefusal({ code: 'operand_too_long', param: 'b', message }, typed('1', long, 'serial')).text).toBe(
      'b has 1,001 digits; the adder takes numbers of up to 1,000 digits.',
    );
  });

  it('keeps refusals without a parameter at the form, naming the code', () => {
    const out = describeRefusal({ code: 'batch_too_large', param: null, message: 'x' }, typed('1'));
    expect(out).toEqual({
      target: 'form',
      text: 'The API could not answer this request (its error code is “batch_too_large”).',
    });
    expect(describeRefusal({ code: 'invalid_parameter', param: 'trace', message: 'x' }, typed('1')).target).toBe(
      'form',
    );
  });
});

describe('operandProblem', () => {
  it('says what is wrong with a typed operand, or nothing for digits', () => {
    expect(operandProblem('a', '57')).toBeNull();
    expect(operandProblem('a', '')).toBe('Type a number for a.');
    expect(operandProblem('b', ' 5')).toMatch(/^b has spaces in it/);
    expect(operandProblem('a', '+5')).toBe('Leave out the plus sign: type 5 for a.');
    expect(operandProblem('a', '1.5')).toMatch(/no decimal point or commas/);
    expect(operandProblem('a', '1,000')).toMatch(/no decimal point or commas/);
    expect(operandProblem('a', '1e3')).toBe('Write a out in full, without an exponent.');
    expect(operandProblem('a', 'x'.repeat(30))).toContain('(30 characters)');
  });
});

describe('localProblems', () => {
  it('flags every box that holds no whole number at once, before asking the API', () => {
    expect(localProblems({ a: '', b: '' }).map((p) => p.target)).toEqual(['a', 'b']);
    expect(localProblems({ a: '3', b: '' })).toEqual([{ target: 'b', text: 'Type a number for b.' }]);
    // ?a=abc&b= flags both, a with the words the API's refusal would bring.
    expect(localProblems({ a: 'abc', b: '' })).toEqual([
      { target: 'a', text: '“abc” is not a whole number: type a with the digits 0 to 9, such as 57.' },
      { target: 'b', text: 'Type a number for b.' },
    ]);
    expect(localProblems({ a: '128', b: '9'.repeat(1001) })).toEqual([]); // ranges and lengths: the API judges
  });
});

describe('describeRefusal without error.param (an API from before it)', () => {
  it('finds the operand from what was typed, not from the message', () => {
    expect(
      describeRefusal({ code: 'operand_out_of_range', message: 'x' }, { a: '5', b: '300', model: 'vector' }).target,
    ).toBe('b');
    expect(describeRefusal({ code: 'invalid_operand', message: 'x' }, { a: 'x', b: '3', model: 'serial' }).target).toBe(
      'a',
    );
    expect(describeRefusal({ code: 'invalid_operand', message: 'x' }, { a: '1', b: '3', model: 'serial' }).target).toBe(
      'form',
    );
  });
});

describe('createApi: an API that is busy, broken or silent is one the page cannot reach', () => {
  const state = { a: '57', b: '99', model: 'auto' as const, view: 'answer' };
  /** A server answering every request with `status` and `body` after `delayMs`. */
  async function serve(status: number, body: unknown, delayMs = 0) {
    const { createServer } = await import('node:http');
    const server = createServer((_, res) => {
      setTimeout(() => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      }, delayMs);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as { port: number };
    return { base: `http://127.0.0.1:${port}`, close: () => server.close() };
  }

  it('a 429 or a 5xx becomes unreachable (answered from the shipped weights); a 400 stays a refusal', async () => {
    const { createApi } = await import('../src/api');
    for (const [status, kind] of [
      [429, 'unreachable'],
      [500, 'unreachable'],
      [503, 'unreachable'],
      [400, 'refused'],
    ] as const) {
      const server = await serve(status, { error: { code: 'x', message: `said ${status}` } });
      const outcome = await createApi(server.base).add(state as never, false);
      server.close();
      expect(outcome.kind, `status ${status}`).toBe(kind);
      if (outcome.kind === 'unreachable') expect(outcome.detail).toBe(`the API answered ${status}: said ${status}`);
    }
  });

  it('no answer within API_TIMEOUT_MS is unreachable too', async () => {
    const { createApi, API_TIMEOUT_MS } = await import('../src/api');
    const server = await serve(200, {}, API_TIMEOUT_MS + 2_000);
    const started = Date.now();
    const outcome = await createApi(server.base).add(state as never, false);
    server.close();
    expect(outcome).toMatchObject({ kind: 'unreachable', detail: `no answer in ${API_TIMEOUT_MS / 1000} s` });
    expect(Date.now() - started).toBeLessThan(API_TIMEOUT_MS + 1_500);
  }, 20_000);
});
