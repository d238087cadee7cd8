// CORS for the playground's origins, security headers, and cache headers keyed by the models' fingerprints.
import serialJson from '@lstm-adder/core/models/serial.json';
import vectorJson from '@lstm-adder/core/models/vector.json';
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadModels } from '../src/models.js';
import { app, get, models, post } from './helpers.js';

const PLAYGROUND = 'http://localhost:5173';

describe('CORS', () => {
  it('echoes the playground origins and varies on Origin', async () => {
    for (const origin of [PLAYGROUND, 'http://127.0.0.1:5173']) {
      const res = await get('/add?a=1&b=2', { Origin: origin });
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-expose-headers')).toContain('ETag');
      expect(res.headers.get('vary')).toContain('Origin');
    }
  });

  it('does not allow other origins', async () => {
    const res = await get('/add?a=1&b=2', { Origin: 'https://evil.example' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers preflights for POST with JSON', async () => {
    const res = await app.request('/add', {
      method: 'OPTIONS',
      headers: {
        Origin: PLAYGROUND,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(PLAYGROUND);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');
  });

  it('keeps CORS headers on errors, so the playground can read them', async () => {
    const res = await get('/add?a=-1&b=2', { Origin: PLAYGROUND });
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe(PLAYGROUND);
  });

  it('takes its origins from the options, or the CORS_ORIGINS var', async () => {
    const custom = createApp({ models, corsOrigins: ['https://adder.example'] });
    const fromOption = await custom.request('/health', { headers: { Origin: 'https://adder.example' } });
    expect(fromOption.headers.get('access-control-allow-origin')).toBe('https://adder.example');
    const notDefault = await custom.request('/health', { headers: { Origin: PLAYGROUND } });
    expect(notDefault.headers.get('access-control-allow-origin')).toBeNull();

    const env = { CORS_ORIGINS: 'https://a.example, https://b.example' };
    const fromVar = await app.request('/health', { headers: { Origin: 'https://b.example' } }, env);
    expect(fromVar.headers.get('access-control-allow-origin')).toBe('https://b.example');
  });

  it('the Worker allows the playground through wrangler.jsonc vars', async () => {
    const res = await exports.default.fetch('http://edge.test/health', { headers: { Origin: PLAYGROUND } });
    expect(res.headers.get('access-control-allow-origin')).toBe(PLAYGROUND);
  });
});

describe('security headers', () => {
  it('sets nosniff, a locked-down CSP, and lets other origins read the API', async () => {
    const res = await get('/add?a=1&b=2');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });
});

describe('cache headers', () => {
  const vectorTag = `"v1-${models.vector.fingerprint}"`;
  const serialTag = `"v1-${models.serial.fingerprint}"`;

  it('GET /add is public and tagged with the answering model', async () => {
    const vector = await get('/add?a=57&b=99');
    expect(vector.headers.get('cache-control')).toMatch(/^public, max-age=\d+$/);
    expect(vector.headers.get('etag')).toBe(vectorTag);
    const serial = await get('/add?a=570&b=99');
    expect(serial.headers.get('etag')).toBe(serialTag);
    expect(vectorTag).not.toBe(serialTag);
  });

  it('answers 304 with no body to a matching If-None-Match (plain, weak, or in a list)', async () => {
    for (const header of [vectorTag, `W/${vectorTag}`, `"other", ${vectorTag}`, '*']) {
      const res = await get('/add?a=57&b=99', { 'If-None-Match': header });
      expect(res.status).toBe(304);
      expect(res.headers.get('etag')).toBe(vectorTag);
      expect(await res.text()).toBe('');
    }
    const stale = await get('/add?a=57&b=99', { 'If-None-Match': serialTag });
    expect(stale.status).toBe(200);
  });

  it('/model is tagged with both fingerprints, /model/serial with its own', async () => {
    const all = await get('/model');
    expect(all.headers.get('etag')).toBe(`"v1-${models.vector.fingerprint}-${models.serial.fingerprint}"`);
    expect((await get('/model/serial')).headers.get('etag')).toBe(serialTag);
    expect((await get('/model', { 'If-None-Match': all.headers.get('etag') ?? '' })).status).toBe(304);
  });

  it('new weights mean a new ETag', async () => {
    const tweaked = structuredClone(vectorJson) as { dense: { b: number[] } };
    tweaked.dense.b[0] = (tweaked.dense.b[0] ?? 0) + 1e-6;
    const other = createApp({ models: loadModels({ vector: tweaked, serial: serialJson }) });
    const tag = (await other.request('/add?a=57&b=99')).headers.get('etag');
    expect(tag).toMatch(/^"v1-[0-9a-f]+"$/);
    expect(tag).not.toBe(vectorTag);
  });

  it('POST answers, errors and /health are not stored', async () => {
    expect((await post('/add', { pairs: [{ a: '1', b: '2' }] })).headers.get('cache-control')).toBe('no-store');
    expect((await get('/add?a=x&b=2')).headers.get('cache-control')).toBe('no-store');
    expect((await get('/health')).headers.get('cache-control')).toBe('no-store');
    expect((await get('/add?a=x&b=2')).headers.get('etag')).toBeNull();
  });
});
