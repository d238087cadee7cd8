// The OpenAPI 3.1 document, built from the request schemas (schemas.ts), the response schemas (responses.ts) and the
// error table (errors.ts); every example is what the app answers to the request shown. `npm run openapi` writes it to
// openapi.json for the Worker to serve; the converter and this module stay out of the bundle.
import { OPERAND_MAX_DIGITS, TRACE_MAX_DIGITS } from '@lstm-adder/core';
import { toJsonSchema, toJsonSchemaDefs } from '@valibot/to-json-schema';
import * as v from 'valibot';
import type { Bindings } from '../env.js';
import { ERROR_STATUS, type ErrorBody, type ErrorCode } from '../errors.js';
import { INTERNAL_ERROR_MESSAGE } from '../http/fallbacks.js';
import { MAX_BODY_BYTES } from '../json-body.js';
import { addQuery, batchBody, batchQuery, MAX_PAIRS, modelName, modelParam, modelQuery, operand } from '../schemas.js';
import { MAX_BATCH_STEPS } from '../work.js';
import { operationRefusals } from './refusals.js';
import { addAnswer, batchAnswer, errorBody, gate, health, modelInfo, modelList, modelProof } from './responses.js';

type Json = Record<string, unknown>;
type Schema = v.GenericSchema;
type AnyObject =
  | v.ObjectSchema<v.ObjectEntries, undefined>
  | v.StrictObjectSchema<v.ObjectEntries, v.ErrorMessage<v.StrictObjectIssue> | undefined>;
interface App {
  request(input: string, init?: RequestInit, env?: Bindings): Response | Promise<Response>;
  routes: Parameters<typeof operationRefusals>[0]['routes'];
}

/** Response shapes used more than once: written once under components.schemas and referenced. */
const SHARED = {
  Operand: operand,
  Model: modelName,
  AddAnswer: addAnswer,
  Gate: gate,
  ModelInfo: modelInfo,
  ModelProof: modelProof,
  Error: errorBody,
};
const CONVERT = { target: 'draft-2020-12', typeMode: 'input', errorMode: 'ignore' } as const;
const toComponents = <T>(value: T): T =>
  JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as T;

function jsonSchema(schema: Schema): Json {
  const { $schema: _, $defs: __, ...rest } = toJsonSchema(schema, { ...CONVERT, definitions: SHARED }) as Json;
  return toComponents(rest);
}

/** One OpenAPI parameter per entry of an object schema; description and examples move from schema to parameter. */
function parameters(object: AnyObject, where: 'query' | 'path'): Json[] {
  return Object.entries(object.entries).map(([name, entry]) => {
    const required = entry.type !== 'optional';
    const inner = required ? (entry as Schema) : (entry as v.OptionalSchema<Schema, undefined>).wrapped;
    const { description, examples, ...schema } = jsonSchema(inner);
    // A shared schema is referenced; its description is the parameter's.
    const shown = schema.$ref
      ? { description: v.getDescription(inner) }
      : { description, example: (examples as unknown[] | undefined)?.[0] };
    return { name, in: where, required, ...shown, schema };
  });
}

const json = (schema: Schema, examples?: Json) => ({
  'application/json': { schema: jsonSchema(schema), ...(examples && { examples }) },
});
const ERROR_REF = { $ref: '#/components/schemas/Error' };

/** A request that gets an error code from an operation, run against the app to give the code's example there. */
interface ErrorExample {
  path: string;
  init?: RequestInit;
}
const postJson = (body: unknown, path = '/add'): ErrorExample => ({
  path,
  init: {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  },
});
const nines = (n: number) => '9'.repeat(n);
const ONE_PAIR = { pairs: [{ a: '1', b: '2' }] };

/** One request per operation and code the operation can refuse with (openapi/refusals.ts lists them). */
const ERROR_EXAMPLES: Record<string, Partial<Record<ErrorCode, ErrorExample>>> = {
  'GET /add': {
    missing_parameter: { path: '/add?b=1' },
    repeated_parameter: { path: '/add?a=1&a=2&b=3' },
    unknown_parameter: { path: '/add?a=1&b=2&modle=serial' },
    invalid_operand: { path: '/add?a=-5&b=1' },
    operand_too_long: { path: `/add?a=${nines(OPERAND_MAX_DIGITS + 1)}&b=1` },
    operand_out_of_range: { path: '/add?a=128&b=1&model=vector' },
    unknown_model: { path: '/add?a=1&b=2&model=gru' },
    invalid_parameter: { path: '/add?a=1&b=2&trace=yes' },
    trace_too_long: { path: `/add?a=${nines(TRACE_MAX_DIGITS + 1)}&b=1&trace=1` },
  },
  'POST /add': {
    missing_parameter: postJson({ pairs: [{ a: '1' }] }),
    repeated_parameter: postJson(ONE_PAIR, '/add?model=serial&model=vector'),
    unknown_parameter: postJson({ ...ONE_PAIR, trace: true }),
    invalid_operand: postJson({ pairs: [{ a: 1, b: '2' }] }),
    operand_too_long: postJson({ pairs: [{ a: nines(OPERAND_MAX_DIGITS + 1), b: '1' }] }),
    operand_out_of_range: postJson({ pairs: [{ a: '128', b: '1' }] }, '/add?model=vector'),
    unknown_model: postJson({ ...ONE_PAIR, model: 'gru' }),
    conflicting_parameter: postJson({ ...ONE_PAIR, model: 'serial' }, '/add?model=vector'),
    invalid_json: postJson('{"pairs": ['),
    invalid_body: postJson({ pairs: [[]] }),
    body_too_complex: postJson(`{"pairs":[${'['.repeat(8)}${']'.repeat(8)}]}`),
    too_many_pairs: postJson({ pairs: Array.from({ length: MAX_PAIRS + 1 }, () => ({ a: '1', b: '2' })) }),
    batch_too_large: postJson({ pairs: Array.from({ length: 31 }, () => ({ a: nines(OPERAND_MAX_DIGITS), b: '1' })) }),
    body_too_large: postJson(`{"pairs":[{"a":"${'1'.repeat(MAX_BODY_BYTES)}","b":"1"}]}`),
    unsupported_media_type: {
      path: '/add',
      init: { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' },
    },
  },
  'GET /model': {
    repeated_parameter: { path: '/model?weights=1&weights=0' },
    unknown_parameter: { path: '/model?x=1' },
    invalid_parameter: { path: '/model?weights=2' },
  },
  'GET /model/{name}': {
    repeated_parameter: { path: '/model/vector?weights=1&weights=0' },
    unknown_parameter: { path: '/model/vector?x=1' },
    invalid_parameter: { path: '/model/vector?weights=2' },
    not_found: { path: '/model/gru' },
  },
};

/** A rate limiter whose budget is spent: every request meets the 429 (the binding's API, as env.ts declares it). */
const SPENT: Bindings = { RATE_LIMITER: { limit: async () => ({ success: false }) } };
/** The one error no request can cause on demand (it is a bug): its example is built here, with onError's words. */
const INTERNAL_ERROR: ErrorBody = { error: { code: 'internal_error', message: INTERNAL_ERROR_MESSAGE, param: null } };
/** Met by every operation; described once under components.responses. */
const EVERY_OPERATION: readonly ErrorCode[] = ['rate_limited', 'internal_error'];

/**
 * The error responses of each operation, grouped by status: for each code the operation can give (read off the app),
 * the app's answer to its example request, and a schema that allows exactly those codes. A code without an example,
 * or an example of a code the operation cannot give, stops the build.
 */
async function errorResponses(app: App): Promise<Map<string, Json>> {
  const byOperation = new Map<string, Json>();
  for (const [operation, codes] of operationRefusals(app)) {
    const examples = ERROR_EXAMPLES[operation] ?? {};
    const stale = Object.keys(examples).filter((code) => !codes.includes(code as ErrorCode));
    if (stale.length) throw new Error(`openapi: ${operation} cannot give ${stale.join(', ')}, which have examples`);
    const byStatus: Record<string, Json> = {};
    for (const code of codes.filter((c) => !EVERY_OPERATION.includes(c))) {
      const example = examples[code];
      if (!example) throw new Error(`openapi: ${operation} can give ${code}: add its example request`);
      const res = await app.request(`http://api.example${example.path}`, example.init);
      const body = (await res.json()) as ErrorBody;
      if (res.status !== ERROR_STATUS[code] || body.error?.code !== code) {
        throw new Error(
          `openapi: ${operation}'s ${code} example got ${res.status} ${JSON.stringify(body).slice(0, 200)}`,
        );
      }
      const status = String(ERROR_STATUS[code]);
      const response = (byStatus[status] ??= { codes: [] as ErrorCode[], examples: {} as Json }) as {
        codes: ErrorCode[];
        examples: Json;
      };
      response.codes.push(code);
      response.examples[code] = { value: body };
    }
    const responses: Json = {};
    for (const [status, { codes: listed, examples: values }] of Object.entries(byStatus) as [
      string,
      { codes: ErrorCode[]; examples: Json },
    ][]) {
      responses[status] = {
        description: listed.join(', '),
        content: { 'application/json': { schema: errorSchema(listed), examples: values } },
      };
    }
    for (const code of EVERY_OPERATION)
      responses[String(ERROR_STATUS[code])] = { $ref: `#/components/responses/${code}` };
    byOperation.set(operation, responses);
  }
  return byOperation;
}

/** The Error schema, its code narrowed to the ones listed. */
const errorSchema = (codes: readonly ErrorCode[]): Json => ({
  allOf: [ERROR_REF, { properties: { error: { properties: { code: { enum: codes } } } } }],
});

const sharedError = (body: ErrorBody, headers?: Json): Json => ({
  description: body.error.code,
  ...(headers && { headers }),
  content: { 'application/json': { schema: errorSchema([body.error.code]), example: body } },
});

const NOT_MODIFIED = { $ref: '#/components/responses/not_modified' };
const CACHED = {
  ETag: { $ref: '#/components/headers/ETag' },
  'Cache-Control': { $ref: '#/components/headers/Cache-Control' },
};

/** Builds the document; every example answer comes from `app` (the app built from the committed models). */
export async function buildOpenApi(app: App): Promise<Json> {
  const answer = async (path: string, init?: RequestInit) =>
    (await app.request(`http://api.example${path}`, init)).json() as Promise<Json>;
  const errors = await errorResponses(app);
  const refusals = (operation: string): Json => {
    const responses = errors.get(operation);
    if (!responses) throw new Error(`openapi: the app serves no ${operation}`);
    return responses;
  };
  const trimMeta = (info: Json) => ({ ...info, meta: { description: (info.meta as Json).description } });
  const vectorInfo = trimMeta(await answer('/model/vector'));
  const serialInfo = trimMeta(await answer('/model/serial'));

  return {
    openapi: '3.1.0',
    info: {
      title: 'lstm-adder edge API',
      version: '1.0.0',
      summary:
        'Adds two non-negative integers with a trained LSTM (the model can be wrong: `correct` says whether it was).',
      description:
        'Every refusal is JSON `{ "error": { "code", "message", "param" } }`: branch on `error.code` (its status ' +
        'is fixed: see the `Error` schema); each operation lists the codes it can answer, with an example of each. ' +
        'Any other method on a served path gets `405 method_not_allowed` with an `Allow` header; any other path ' +
        '`404 not_found`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    paths: {
      '/add': {
        get: {
          operationId: 'getAdd',
          summary: 'Add a + b with the model',
          description:
            'Without model, vector answers when both operands are 0 to 127, serial otherwise. Cacheable: the answer ' +
            'is a pure function of the URL and the weights.',
          parameters: parameters(addQuery, 'query'),
          responses: {
            200: {
              description: 'The sum',
              headers: CACHED,
              content: json(addAnswer, { '57+99': { value: await answer('/add?a=57&b=99') } }),
            },
            304: NOT_MODIFIED,
            ...refusals('GET /add'),
          },
        },
        post: {
          operationId: 'postAdd',
          summary: `Add up to ${MAX_PAIRS.toLocaleString('en-US')} pairs`,
          description:
            `At most ${MAX_BATCH_STEPS.toLocaleString('en-US')} serial model steps per request (one per bit of a ` +
            "pair's longer operand, plus one; vector pairs cost 2) and a body of at most " +
            `${MAX_BODY_BYTES / 1024 / 1024} MiB. The model may be given in the query or the body (if both, they ` +
            'must agree); without it, it is chosen per pair as for GET /add.',
          parameters: parameters(batchQuery, 'query'),
          requestBody: {
            required: true,
            content: json(batchBody, {
              twoPairs: {
                value: {
                  pairs: [
                    { a: '1', b: '2' },
                    { a: '300', b: '5' },
                  ],
                },
              },
            }),
          },
          responses: {
            200: {
              description: 'One answer per pair',
              content: json(batchAnswer, {
                twoPairs: {
                  value: await answer(
                    '/add',
                    postJson({
                      pairs: [
                        { a: '1', b: '2' },
                        { a: '300', b: '5' },
                      ],
                    }).init,
                  ),
                },
              }),
            },
            ...refusals('POST /add'),
          },
        },
      },
      '/model': {
        get: {
          operationId: 'getModels',
          summary: 'Both models: architecture, size, fingerprint, proof, meta',
          parameters: parameters(modelQuery, 'query'),
          responses: {
            200: {
              description: 'Both models (each as /model/{name} answers)',
              headers: CACHED,
              content: json(modelList),
            },
            304: NOT_MODIFIED,
            ...refusals('GET /model'),
          },
        },
      },
      '/model/{name}': {
        get: {
          operationId: 'getModelByName',
          summary: 'One model',
          parameters: [...parameters(modelParam, 'path'), ...parameters(modelQuery, 'query')],
          responses: {
            200: {
              description: 'The model (its meta shortened in this example)',
              headers: CACHED,
              content: json(modelInfo, { vector: { value: vectorInfo }, serial: { value: serialInfo } }),
            },
            304: NOT_MODIFIED,
            ...refusals('GET /model/{name}'),
          },
        },
      },
      '/health': {
        get: {
          operationId: 'getHealth',
          summary: 'Liveness, no model work',
          responses: {
            200: { description: 'ok', content: json(health, { ok: { value: await answer('/health') } }) },
            ...refusals('GET /health'),
          },
        },
      },
      '/openapi.json': {
        get: {
          operationId: 'getOpenApi',
          summary: 'This document',
          responses: {
            200: { description: 'OpenAPI 3.1', content: { 'application/json': { schema: { type: 'object' } } } },
            ...refusals('GET /openapi.json'),
          },
        },
      },
    },
    components: {
      schemas: toComponents(toJsonSchemaDefs(SHARED, CONVERT)),
      headers: {
        ETag: {
          description: '"v1-<fingerprint>" of the model(s) that answered: new weights, new tag.',
          schema: { type: 'string' },
        },
        'Cache-Control': {
          description: 'public, max-age=3600 (errors and POST answers: no-store).',
          schema: { type: 'string' },
        },
        'Retry-After': {
          description: 'Seconds to wait before the next request.',
          schema: { type: 'integer', minimum: 1 },
        },
        Allow: { description: 'The methods the path accepts.', schema: { type: 'string' } },
      },
      responses: {
        not_modified: { description: 'Not modified: If-None-Match matched the ETag.', headers: CACHED },
        rate_limited: sharedError(
          (await (await app.request('http://api.example/add?a=57&b=99', undefined, SPENT)).json()) as ErrorBody,
          {
            'Retry-After': { $ref: '#/components/headers/Retry-After' },
          },
        ),
        internal_error: sharedError(INTERNAL_ERROR),
        not_found: {
          description: 'not_found: no such path (the message lists the routes)',
          content: { 'application/json': { schema: ERROR_REF, example: await answer('/sum?a=1&b=2') } },
        },
        method_not_allowed: {
          description: 'method_not_allowed: the path exists, the method does not',
          headers: { Allow: { $ref: '#/components/headers/Allow' } },
          content: { 'application/json': { schema: ERROR_REF, example: await answer('/add', { method: 'DELETE' }) } },
        },
      },
    },
  };
}
