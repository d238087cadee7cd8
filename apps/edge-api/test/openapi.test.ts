// GET /openapi.json: valid OpenAPI 3.1, the routes the app serves exactly, every error code with an example, and the
// committed copy the same as a fresh build from the schemas (else: npm run openapi -w @lstm-adder/edge-api).
import { validate } from '@readme/openapi-parser';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS, type ErrorBody } from '../src/errors.js';
import { displayPath, servedRoutes } from '../src/http/fallbacks.js';
import { buildOpenApi } from '../src/openapi/document.js';
import { undocumented } from './documented.js';
import { app, get, send } from './helpers.js';

const served = async () =>
  (await (await get('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };

describe('GET /openapi.json', () => {
  it('is valid OpenAPI 3.1', async () => {
    const document = await served();
    expect(document).toMatchObject({ openapi: expect.stringMatching(/^3\.1\./) });
    const result = await validate(structuredClone(document) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
    expect(result.specification).toBe('OpenAPI');
  });

  it('is what the schemas and the app give today (regenerate with npm run openapi)', async () => {
    expect(await served()).toEqual(await buildOpenApi(app));
  });

  it('lists exactly the routes the app serves, with their methods', async () => {
    const documented = Object.entries((await served()).paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const routes = [...servedRoutes(app)].flatMap(([path, methods]) =>
      methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS').map((m) => `${m} ${displayPath(path)}`),
    );
    expect(documented.sort()).toEqual(routes.sort());
  });

  it('gives every error code an example, under the code’s status', async () => {
    type Response = {
      $ref?: string;
      content?: { 'application/json': { examples?: Record<string, { value: ErrorBody }>; example?: ErrorBody } };
    };
    const document = (await served()) as unknown as {
      paths: Record<string, Record<string, { responses: Record<string, Response> }>>;
      components: { responses: Record<string, Response> };
    };
    const codesOf = (response: Response): string[] => {
      const target = response.$ref ? document.components.responses[response.$ref.split('/').pop() ?? ''] : response;
      const content = target?.content?.['application/json'];
      return [content?.example, ...Object.values(content?.examples ?? {}).map((e) => e.value)].flatMap((body) =>
        body?.error ? [body.error.code] : [],
      );
    };
    const seen = new Map<string, string>();
    for (const ops of Object.values(document.paths)) {
      for (const { responses } of Object.values(ops)) {
        for (const [status, response] of Object.entries(responses))
          for (const code of codesOf(response)) seen.set(code, status);
      }
    }
    // Answers to no one operation: any path's wrong method, and unknown paths.
    for (const code of ['method_not_allowed', 'not_found'] as const) {
      expect(codesOf(document.components.responses[code] ?? {})).toEqual([code]);
      seen.set(code, seen.get(code) ?? String(ERROR_STATUS[code]));
    }
    expect(Object.fromEntries(seen)).toEqual(
      Object.fromEntries(Object.entries(ERROR_STATUS).map(([code, status]) => [code, String(status)])),
    );
  });

  it.each([
    // Refusals an earlier document left out, sent as a client would; each must be listed for its operation.
    ['GET', '/model?x=1', 400, 'unknown_parameter'],
    ['GET', '/model?weights=2', 400, 'invalid_parameter'],
    ['GET', '/model/vector?weights=2', 400, 'invalid_parameter'],
    ['GET', '/model/serial?weights=1&weights=1', 400, 'repeated_parameter'],
    ['POST', '/add', 400, 'missing_parameter', { pairs: [{ b: '1' }] }],
    ['POST', '/add', 400, 'unknown_parameter', { pairs: [{ a: '1', b: '2', c: '3' }] }],
    ['POST', '/add?model=serial&model=serial', 400, 'repeated_parameter', { pairs: [{ a: '1', b: '2' }] }],
    ['POST', '/add', 400, 'invalid_operand', { pairs: [{ a: '0x10', b: '2' }] }],
    ['POST', '/add', 400, 'operand_too_long', { pairs: [{ a: '1'.repeat(1001), b: '2' }] }],
    ['POST', '/add?model=vector', 400, 'operand_out_of_range', { pairs: [{ a: '1', b: '200' }] }],
    ['POST', '/add', 400, 'unknown_model', { pairs: [{ a: '1', b: '2' }], model: 'lstm' }],
    ['GET', '/health?x=1', 200, undefined],
    ['HEAD', '/add?a=1&b=2', 200, undefined],
    ['GET', '/add/', 400, 'missing_parameter'],
    ['PUT', '/health', 405, 'method_not_allowed'],
    ['GET', '/model/vector/weights', 404, 'not_found'],
  ] as const)('documents what %s %s answers: %i %s', async (method, url, status, code, body?: object) => {
    const init: RequestInit = body
      ? { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }
      : { method };
    const res = await send(url, init);
    expect(res.status).toBe(status);
    const answered = res.status >= 400 ? ((await res.json()) as ErrorBody).error.code : undefined;
    expect(answered).toBe(code);
    expect(undocumented(method, url, res.status, answered)).toBeNull();
  });

  it('a code an operation does not list is caught (the conformance check can fail)', () => {
    expect(undocumented('GET', '/model?weights=2', 400, 'invalid_operand')).toMatch(/code not documented/);
    expect(undocumented('GET', '/health', 400, 'unknown_parameter')).toMatch(/status not documented/);
    expect(undocumented('POST', '/add', 413, 'body_too_large')).toBeNull();
  });

  it('the document is invalid when a route is missing (the validator can fail)', async () => {
    const broken = structuredClone(await served()) as { paths: Record<string, unknown> };
    (broken.paths['/add'] as { get: { responses?: unknown } }).get.responses = 'none';
    const result = await validate(broken as never);
    expect(result.valid).toBe(false);
  });
});
