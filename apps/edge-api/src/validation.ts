// Turns schema failures and bad bodies into ApiErrors (thrown, so app.onError renders them), and checks a POST /add
// batch as a whole: the model named twice, vector's range, the work budget.
import { defaultArch, fitsVector, formatIssuePath } from '@lstm-adder/core';
import { bodyLimit } from 'hono/body-limit';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import * as v from 'valibot';
import type { AppEnv } from './env.js';
import { ApiError, quote, type ErrorCode } from './errors.js';
import type { ModelName } from './models.js';
import { outOfRangeText } from './schemas.js';

type Where = 'query' | 'body' | 'path';

const LABEL: Record<Where, string> = { query: 'Query parameter', body: 'Body field', path: 'Path parameter' };
const labelFor = (where: Where, param: string) => `${LABEL[where]} "${param}"`;

/** The first issue as an ApiError: schemas.ts writes each message as `code|text`. */
function issueToError(issue: v.BaseIssue<unknown>, where: Where): ApiError {
  const param = formatIssuePath(issue.path);
  const bar = issue.message.indexOf('|');
  const code = (bar > 0 ? issue.message.slice(0, bar) : 'invalid_parameter') as ErrorCode;
  const text = bar > 0 ? issue.message.slice(bar + 1) : `is not valid (${issue.message}).`;
  if (where === 'query' && Array.isArray(issue.input)) {
    // quote() cuts the values to 40 characters: 5,000 repeats must not make a 35 KB message.
    const values = quote(issue.input.join(', '));
    return new ApiError(
      'repeated_parameter',
      `${labelFor(where, param)} is given ${issue.input.length.toLocaleString('en-US')} times (${values}); give it once.`,
      param,
    );
  }
  const parent = issue.path?.at(-1)?.input;
  if (code === 'missing_parameter' && Array.isArray(parent)) {
    // valibot reads an array as an object with missing fields; the array is what is wrong.
    const at = formatIssuePath(issue.path?.slice(0, -1));
    return new ApiError(
      'invalid_body',
      `${labelFor(where, at)} must be an object like { "a": "1", "b": "2" }, got ${quote(parent)}.`,
      at,
    );
  }
  return new ApiError(code, `${labelFor(where, param)} ${text}`, param);
}

type Target = 'query' | 'param' | 'json';
const WHERE: Record<Target, Where> = { query: 'query', param: 'path', json: 'body' };

/** The query as valibot sees it: one string per parameter, or all of a repeated one's values. */
const queryObject = (c: Context) =>
  Object.fromEntries(Object.entries(c.req.queries()).map(([k, vs]) => [k, vs.length === 1 ? vs[0] : vs]));

const check = (target: Target, schema: v.GenericSchema) =>
  createMiddleware(async (c, next) => {
    const input = target === 'query' ? queryObject(c) : target === 'param' ? c.req.param() : await c.req.json();
    const result = v.safeParse(schema, input);
    if (!result.success) throw issueToError(result.issues[0], WHERE[target]);
    c.req.addValidatedData(target, result.output as object);
    await next();
  });

/**
 * Validates the query, path or (already parsed, see jsonBody) JSON body with a schema and throws the first problem as
 * an ApiError; typed as Hono's validator is, so `c.req.valid(target)` and the typed client (`hc<AppType>`) know the shape.
 * (Instead of @hono/valibot-validator, whose hono/validator brings form and cookie parsing the API never uses: ~1 KiB.)
 */
export const validate = <T extends Target, S extends v.GenericSchema>(target: T, schema: S) =>
  check(target, schema) as MiddlewareHandler<
    AppEnv,
    string,
    { in: { [K in T]: v.InferInput<S> }; out: { [K in T]: v.InferOutput<S> } }
  >;

/**
 * Checks a query whose parameters are all optional without adding it to the route's typed input,
 * so the typed client can call the route with no arguments (Hono's client makes any validated `query` required).
 */
export const checkOptionalQuery = (schema: v.GenericSchema) => check('query', schema);

/** 1,000 pairs of two 1,000-digit strings is about 2 MB of JSON; allow some whitespace on top. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
const LIKE = 'a JSON object like { "pairs": [{ "a": "1", "b": "2" }] }';

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  // Hono's bodyLimit trusts a Content-Length header: a body announced too large is refused before it is read.
  onError: () => {
    throw new ApiError(
      'body_too_large',
      `The request body is larger than the ${MAX_BODY_BYTES / 1024 / 1024} MiB accepted (at most 1,000 pairs of 1,000-digit operands).`,
    );
  },
});

/**
 * Before the body schema: a JSON content type (415), at most 3 MiB (413, from Content-Length when given), valid JSON
 * (400 invalid_json), an object (400 invalid_body); each its own refusal instead of "pairs is missing".
 */
export const jsonBody = createMiddleware(async (c, next) => {
  const type = c.req.header('Content-Type');
  if (!JSON_TYPE.test(type?.split(';')[0]?.trim() ?? '')) {
    throw new ApiError(
      'unsupported_media_type',
      `Header "Content-Type" is ${quote(type)}; accepted: "application/json" with ${LIKE}.`,
    );
  }
  await limitBody(c, async () => {
    let parsed: unknown;
    try {
      parsed = await c.req.json();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError(
        'invalid_json',
        `The request body is not valid JSON (${quote(error instanceof Error ? error.message : String(error))}); accepted: ${LIKE}.`,
      );
    }
    // valibot reads arrays as objects ("pairs is missing"); say what is wrong instead.
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ApiError('invalid_body', `The JSON body must be ${LIKE}, got ${quote(parsed)}.`);
    }
    await next();
  });
});

/**
 * A serial sum costs one LSTM step per bit, about 2 µs each: a 1,000-digit pair is ~3,300 steps, ~6 ms of CPU.
 * MAX_BATCH_STEPS bounds one request at well under a second of CPU, so a batch cannot run into the Worker's CPU limit
 * (which the caller would see as a 5xx) on the default paid limits.
 */
export const MAX_BATCH_STEPS = 100_000;
const BITS_PER_DIGIT = Math.log2(10);

export interface PlannedPair {
  a: string;
  b: string;
  model: ModelName;
  /** Model steps this pair costs (the work budget's and the rate limit's unit). */
  steps: number;
}

/** The model named in the query or the body (they must agree), or undefined for "pick per pair". */
function requestedModel(fromQuery: ModelName | undefined, fromBody: ModelName | undefined): ModelName | undefined {
  if (fromQuery && fromBody && fromQuery !== fromBody) {
    throw new ApiError(
      'conflicting_parameter',
      `Query parameter "model" is "${fromQuery}" but body field "model" is "${fromBody}"; give the model in one place, or the same in both.`,
      'model',
    );
  }
  return fromQuery ?? fromBody;
}

/** Serial steps for a pair, from digit counts (an upper bound within one step; no BigInt needed). */
const serialSteps = (a: string, b: string) =>
  Math.ceil(Math.max(a.replace(/^0+/, '').length, b.replace(/^0+/, '').length, 1) * BITS_PER_DIGIT) + 1;

/** Model steps for one pair: the vector model runs 2, the serial one per bit of the longer operand, plus one. */
export const pairSteps = (a: string, b: string, model: ModelName): number =>
  model === 'vector' ? 2 : serialSteps(a, b);

export const totalSteps = (plan: readonly PlannedPair[]): number => plan.reduce((n, pair) => n + pair.steps, 0);

/** Picks each pair's model and checks the whole batch before any model time is spent; throws ApiError. */
export function planBatch(
  pairs: { a: string; b: string }[],
  fromQuery: ModelName | undefined,
  fromBody: ModelName | undefined,
): PlannedPair[] {
  const requested = requestedModel(fromQuery, fromBody);
  let steps = 0;
  const plan = pairs.map(({ a, b }, k): PlannedPair => {
    if (requested === 'vector') {
      for (const [key, digits] of [
        ['a', a],
        ['b', b],
      ] as const) {
        if (!fitsVector(digits)) {
          const param = `pairs[${k}].${key}`;
          throw new ApiError('operand_out_of_range', `${labelFor('body', param)} ${outOfRangeText(digits)}`, param);
        }
      }
    }
    const model = requested ?? defaultArch(a, b);
    const cost = pairSteps(a, b, model);
    steps += cost;
    return { a, b, model, steps: cost };
  });
  if (steps > MAX_BATCH_STEPS) {
    throw new ApiError(
      'batch_too_large',
      `Body field "pairs" asks for about ${steps.toLocaleString('en-US')} serial model steps (one per bit of the longer operand, plus one, per pair); ` +
        `at most ${MAX_BATCH_STEPS.toLocaleString('en-US')} are accepted per request (for example 1,000 pairs of 64-bit numbers, or 30 pairs of 1,000-digit numbers): split the batch.`,
      'pairs',
    );
  }
  return plan;
}
