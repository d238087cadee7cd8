import { exports } from 'cloudflare:workers';
import { hc } from 'hono/client';
import { describe, expect, it } from 'vitest';
import type { AddAnswer, AppType, ModelInfo } from '../src/app.js';
import { app, get, models, post } from './helpers.js';

describe('GET /add', () => {
  it('answers 57 + 99 with the vector model by default, with bits and margin', async () => {
    const res = await get('/add?a=57&b=99');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as AddAnswer;
    const expected = models.vector.adder.add(57, 99);
    expect(body).toEqual({
      a: '57',
      b: '99',
      sum: expected.sum.toString(),
      model: 'vector',
      bits: { a: '00111001', b: '01100011', sum: expected.bits },
      margin: expected.margin,
      correct: expected.sum === 156n,
    });
  });

  it('picks the serial model when an operand is above 127, and pads all bits to the sum width', async () => {
    const body = (await (await get('/add?a=200&b=3')).json()) as AddAnswer;
    const expected = models.serial.adder.add(200n, 3n);
    expect(body.model).toBe('serial');
    expect(body.sum).toBe(expected.sum.toString());
    expect(body.bits).toEqual({ a: '011001000', b: '000000011', sum: expected.bits });
    expect(body.correct).toBe(expected.sum === 203n);
  });

  it('honours model=serial for small operands and normalises leading zeros', async () => {
    const body = (await (await get('/add?a=007&b=0&model=serial')).json()) as AddAnswer;
    expect(body).toMatchObject({ a: '7', b: '0', model: 'serial' });
    expect(body.bits.sum).toHaveLength(4);
    expect(body.sum).toBe(models.serial.adder.add(7, 0).sum.toString());
  });

  it('trace=1 adds one step per input with i, f, g, o, c, h as arrays of hidden-size numbers', async () => {
    const body = (await (await get('/add?a=5&b=9&trace=1')).json()) as AddAnswer;
    expect(body.trace).toHaveLength(2);
    const hidden = models.vector.adder.weights.hiddenSize;
    for (const step of body.trace ?? []) {
      for (const gate of ['i', 'f', 'g', 'o', 'c', 'h'] as const) {
        expect(step[gate]).toHaveLength(hidden);
        expect(step[gate].every((x) => Number.isFinite(x))).toBe(true);
      }
      expect(step.x).toHaveLength(8);
    }
    const serial = (await (await get('/add?a=5&b=9&trace=1&model=serial')).json()) as AddAnswer;
    expect(serial.trace).toHaveLength(serial.bits.sum.length);
    expect(serial.trace?.map((s) => s.x)).toEqual([[1, 1], [0, 0], [1, 0], [0, 1], [0, 0]]);
  });
});

describe('POST /add', () => {
  it('answers pairs in order, each with the model chosen per pair', async () => {
    const res = await post('/add', { pairs: [{ a: '1', b: '2' }, { a: '300', b: '5' }, { a: '127', b: '127' }] });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { results } = (await res.json()) as { results: AddAnswer[] };
    expect(results.map((r) => [r.a, r.b, r.model])).toEqual([['1', '2', 'vector'], ['300', '5', 'serial'], ['127', '127', 'vector']]);
    expect(results[1]?.sum).toBe(models.serial.adder.add(300, 5).sum.toString());
  });

  it('accepts a batch up to the work budget: 30 pairs of 1,000-digit operands', async () => {
    const pairs = Array.from({ length: 30 }, (_, k) => ({ a: String(k + 1).repeat(1000).slice(0, 1000), b: '9'.repeat(1000) }));
    const res = await post('/add', { pairs });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: AddAnswer[] };
    expect(results.map((r) => r.model)).toEqual(pairs.map(() => 'serial'));
  });

  it('takes the model from the query or the body', async () => {
    const viaQuery = (await (await post('/add?model=serial', { pairs: [{ a: '1', b: '2' }] })).json()) as { results: AddAnswer[] };
    const viaBody = (await (await post('/add', { model: 'serial', pairs: [{ a: '1', b: '2' }] })).json()) as { results: AddAnswer[] };
    expect(viaQuery.results[0]?.model).toBe('serial');
    expect(viaBody.results[0]?.model).toBe('serial');
  });
});

describe('GET /model', () => {
  it('describes both models without weights by default', async () => {
    const res = await get('/model');
    expect(res.status).toBe(200);
    const { models: info } = (await res.json()) as { models: Record<string, ModelInfo> };
    expect(Object.keys(info)).toEqual(['vector', 'serial']);
    expect(info.vector).toMatchObject({ arch: 'vector', inputSize: 8, outputSize: 8, fingerprint: models.vector.fingerprint });
    expect(info.vector?.parameters).toBe(5512);
    expect(info.vector?.meta).toEqual(models.vector.adder.weights.meta);
    expect(info.vector?.weights).toBeUndefined();
  });

  it('includes the weights with ?weights=1', async () => {
    const info = (await (await get('/model/serial?weights=1')).json()) as ModelInfo;
    expect(info.arch).toBe('serial');
    expect(info.weights?.dense).toEqual(models.serial.adder.weights.dense);
    expect(((await (await get('/model/vector')).json()) as ModelInfo).name).toBe('vector');
  });
});

describe('health, 404 and 405', () => {
  it('GET /health says ok with the model fingerprints', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', models: { vector: models.vector.fingerprint, serial: models.serial.fingerprint } });
  });

  it('unknown paths get a JSON 404', async () => {
    const res = await get('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('wrong methods get a 405 with Allow', async () => {
    const del = await app.request('/add', { method: 'DELETE' });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
    expect(await del.json()).toMatchObject({ error: { code: 'method_not_allowed' } });
    const put = await app.request('/health', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
  });

  it('HEAD works wherever GET does', async () => {
    const res = await app.request('/add?a=1&b=2', { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});

describe('the Worker entry (through workerd, as wrangler dev serves it)', () => {
  it('serves /add from the committed models', async () => {
    const res = await exports.default.fetch('http://edge.test/add?a=57&b=99');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(await (await get('/add?a=57&b=99')).json());
  });
});

describe('typed client', () => {
  it('hc<AppType> calls the routes with typed queries and bodies', async () => {
    const client = hc<AppType>('http://edge.test', { fetch: (input: RequestInfo | URL, init?: RequestInit) => app.request(input, init) });
    const one = await client.add.$get({ query: { a: '57', b: '99', model: 'vector' } });
    expect(one.status).toBe(200);
    if (one.status === 200) {
      const body = await one.json();
      expect(body.model).toBe('vector');
      expect(body.bits.a).toBe('00111001');
    }
    const batch = await client.add.$post({ json: { pairs: [{ a: '3', b: '4' }] } });
    const { results } = await batch.json();
    expect(results[0]?.a).toBe('3');
    const info = await client.model.vector.$get();
    expect(info.status).toBe(200);
    if (info.status === 200) expect((await info.json()).arch).toBe('vector');
  });
});
