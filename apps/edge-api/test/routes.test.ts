import { ARCH_SIZES, VECTOR_BITS } from '@lstm-adder/core';
import { exports } from 'cloudflare:workers';
import { hc } from 'hono/client';
import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import type { AppType } from '../src/app.js';
import { addAnswer, batchAnswer, modelInfo, modelList } from '../src/openapi/responses.js';
import { app, get, models, post } from './helpers.js';

describe('GET /add', () => {
  // The shipped models are proven exact (all 16,384 vector pairs; serial for every length: test/proof.test.ts), so the
  // sums are pinned to arithmetic, never taken from the adder the app calls.
  it('answers 57 + 99 = 156 with the vector model by default, with bits and margin', async () => {
    const res = await get('/add?a=57&b=99');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = v.parse(addAnswer, await res.json());
    expect(body).toMatchObject({ a: '57', b: '99', sum: '156', model: 'vector', correct: true });
    expect(body.bits).toEqual({ a: '00111001', b: '01100011', sum: '10011100' });
    expect(body.margin).toBeGreaterThan(0);
    expect(body.margin).toBeLessThanOrEqual(0.5);
  });

  it('picks the serial model when an operand is above 127, and pads all bits to the sum width', async () => {
    const body = v.parse(addAnswer, await (await get('/add?a=200&b=3')).json());
    expect(body).toMatchObject({ model: 'serial', sum: '203', correct: true });
    expect(body.bits).toEqual({ a: '011001000', b: '000000011', sum: '011001011' });
  });

  it('honours model=serial for small operands and normalises leading zeros', async () => {
    const body = v.parse(addAnswer, await (await get('/add?a=007&b=0&model=serial')).json());
    expect(body).toMatchObject({ a: '7', b: '0', sum: '7', model: 'serial', correct: true });
    expect(body.bits.sum).toBe('0111');
  });

  it('adds 1,000-digit numbers with the serial model, equal to BigInt arithmetic', async () => {
    const a = '9'.repeat(1000);
    const b = '1'.repeat(1000);
    const body = v.parse(addAnswer, await (await get(`/add?a=${a}&b=${b}`)).json());
    expect(body).toMatchObject({ model: 'serial', sum: (BigInt(a) + BigInt(b)).toString(), correct: true });
  });

  it('trace=1 adds one step per input with i, f, g, o, c, h as arrays of hidden-size numbers', async () => {
    const body = v.parse(addAnswer, await (await get('/add?a=5&b=9&trace=1')).json());
    expect(body.sum).toBe('14');
    expect(body.trace).toHaveLength(2);
    const hidden = models.vector.adder.weights.hiddenSize;
    for (const step of body.trace ?? []) {
      for (const gate of ['i', 'f', 'g', 'o', 'c', 'h'] as const) {
        expect(step[gate]).toHaveLength(hidden);
        expect(step[gate].every((x) => Number.isFinite(x))).toBe(true);
      }
      expect(step.x).toHaveLength(VECTOR_BITS);
    }
    const serial = v.parse(addAnswer, await (await get('/add?a=5&b=9&trace=1&model=serial')).json());
    expect(serial.trace).toHaveLength(serial.bits.sum.length);
    expect(serial.trace?.map((s) => s.x)).toEqual([
      [1, 1],
      [0, 0],
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
  });
});

describe('POST /add', () => {
  it('answers pairs in order, each with the model chosen per pair', async () => {
    const res = await post('/add', {
      pairs: [
        { a: '1', b: '2' },
        { a: '300', b: '5' },
        { a: '127', b: '127' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { results } = v.parse(batchAnswer, await res.json());
    expect(results.map((r) => [r.a, r.b, r.sum, r.model])).toEqual([
      ['1', '2', '3', 'vector'],
      ['300', '5', '305', 'serial'],
      ['127', '127', '254', 'vector'],
    ]);
  });

  it('accepts a batch up to the work budget: 30 pairs of 1,000-digit operands', async () => {
    const pairs = Array.from({ length: 30 }, (_, k) => ({
      a: String(k + 1)
        .repeat(1000)
        .slice(0, 1000),
      b: '9'.repeat(1000),
    }));
    const res = await post('/add', { pairs });
    expect(res.status).toBe(200);
    const { results } = v.parse(batchAnswer, await res.json());
    expect(results.map((r) => [r.model, r.sum])).toEqual(
      pairs.map(({ a, b }) => ['serial', (BigInt(a) + BigInt(b)).toString()]),
    );
  });

  it('takes the model from the query or the body', async () => {
    const viaQuery = v.parse(
      batchAnswer,
      await (await post('/add?model=serial', { pairs: [{ a: '1', b: '2' }] })).json(),
    );
    const viaBody = v.parse(
      batchAnswer,
      await (await post('/add', { model: 'serial', pairs: [{ a: '1', b: '2' }] })).json(),
    );
    expect(viaQuery.results[0]).toMatchObject({ model: 'serial', sum: '3' });
    expect(viaBody.results[0]).toMatchObject({ model: 'serial', sum: '3' });
  });
});

describe('GET /model', () => {
  it('describes both models without weights by default', async () => {
    const res = await get('/model');
    expect(res.status).toBe(200);
    const { models: info } = v.parse(modelList, await res.json());
    expect(Object.keys(info)).toEqual(['vector', 'serial']);
    const w = models.vector.adder.weights;
    expect(info.vector).toMatchObject({
      arch: 'vector',
      ...ARCH_SIZES.vector,
      hiddenSize: w.hiddenSize,
      fingerprint: models.vector.fingerprint,
    });
    // An LSTM has 4 gates of (input + hidden + 1) × hidden, then a dense layer of (hidden + 1) × output.
    expect(info.vector.parameters).toBe(
      4 * (w.inputSize + w.hiddenSize + 1) * w.hiddenSize + (w.hiddenSize + 1) * w.outputSize,
    );
    expect(info.vector?.meta).toEqual(models.vector.adder.weights.meta);
    expect(info.vector?.weights).toBeUndefined();
  });

  it('includes the weights with ?weights=1', async () => {
    const info = v.parse(modelInfo, await (await get('/model/serial?weights=1')).json());
    expect(info.arch).toBe('serial');
    expect(info.weights?.dense).toEqual(models.serial.adder.weights.dense);
    expect(v.parse(modelInfo, await (await get('/model/vector/')).json()).name).toBe('vector');
  });
});

describe('health, 404 and 405', () => {
  it('GET /health says ok with the model fingerprints', async () => {
    const res = await get('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      models: { vector: models.vector.fingerprint, serial: models.serial.fingerprint },
    });
  });

  it('unknown paths get a JSON 404', async () => {
    const res = await get('/nope');
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('wrong methods get a 405 with Allow, in every spelling the router serves the path', async () => {
    for (const path of ['/add', '/add/']) {
      expect((await get(`${path}?a=1&b=2`)).status).toBe(200);
      const del = await app.request(path, { method: 'DELETE' });
      expect(del.status).toBe(405);
      expect(del.headers.get('allow')).toBe('GET, POST, HEAD, OPTIONS');
      expect(await del.json()).toMatchObject({ error: { code: 'method_not_allowed', param: null } });
    }
    for (const path of [
      '/health',
      '/health/',
      '/model',
      '/model/',
      '/model/serial',
      '/model/serial/',
      '/openapi.json',
    ]) {
      expect((await get(path)).status).toBe(200);
      for (const method of ['PUT', 'DELETE', 'PATCH', 'POST']) {
        const res = await app.request(path, { method });
        expect(res.status).toBe(405);
        expect(res.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      }
    }
  });

  it('a path the router does not serve is a 404 for every method', async () => {
    for (const path of ['/ADD', '/add//', '/model/gru/x', '/nope']) {
      for (const method of ['GET', 'DELETE']) expect((await app.request(path, { method })).status).toBe(404);
    }
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
    const client = hc<AppType>('http://edge.test', {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => app.request(input, init),
    });
    const one = await client.add.$get({ query: { a: '57', b: '99', model: 'vector' } });
    expect(one.status).toBe(200);
    if (one.status === 200) {
      const body = await one.json();
      expect(body.model).toBe('vector');
      expect(body.bits.a).toBe('00111001');
    }
    const batch = await client.add.$post({ json: { pairs: [{ a: '3', b: '4' }] } });
    const { results } = await batch.json();
    expect(results[0]).toMatchObject({ a: '3', sum: '7' });
    const info = await client.model[':name'].$get({ param: { name: 'vector' } });
    expect(info.status).toBe(200);
    if (info.status === 200) expect((await info.json()).arch).toBe('vector');
  });
});
