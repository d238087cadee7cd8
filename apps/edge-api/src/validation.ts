// Schema failures as ApiErrors (thrown, so app.onError renders them): the code is the one the schema's refusal recorded
// (refusals.ts), the text is the refusal's after the parameter's name.
import { formatIssuePath } from '@lstm-adder/core';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import * as v from 'valibot';
import type { AppEnv } from './env.js';
import { ApiError, type ErrorCode, fieldLabel, quote, type Where } from './errors.js';
import { issueCode, refuses, schemaCodes } from './refusals.js';

/** The first issue as an ApiError. */
function issueToError(issue: v.BaseIssue<unknown>, where: Where): ApiError {
  const param = formatIssuePath(issue.path);
  if (where === 'query' && Array.isArray(issue.input)) {
    // quote() cuts the values to 40 characters: 5,000 repeats must not make a 35 KB message.
    return new ApiError(
      'repeated_parameter',
      `${fieldLabel(where, param)} is given ${issue.input.length.toLocaleString('en-US')} times ` +
        `(${quote(issue.input.join(', '))}); give it once.`,
      param,
    );
  }
  const code = issueCode(issue);
  // Every schema message is a refusal: an issue without a code is a bug (a logged 500), never a guessed code.
  if (!code) throw new Error(`validation: no error code for a ${issue.type} issue at ${quote(param)}`);
  const parent = issue.path?.at(-1)?.input;
  if (code === 'missing_parameter' && Array.isArray(parent)) {
    // valibot reads an array as an object with missing fields; the array is what is wrong.
    const at = formatIssuePath(issue.path?.slice(0, -1));
    return new ApiError(
      'invalid_body',
      `${fieldLabel(where, at)} must be an object like { "a": "1", "b": "2" }, got ${quote(parent)}.`,
      at,
    );
  }
  return new ApiError(code, `${fieldLabel(where, param)} ${issue.message}`, param);
}

type Target = 'query' | 'param' | 'json';
const WHERE: Record<Target, Where> = { query: 'query', param: 'path', json: 'body' };

/** The query as valibot sees it: one string per parameter, or all of a repeated one's values. */
const queryObject = (c: Context) =>
  Object.fromEntries(Object.entries(c.req.queries()).map(([k, vs]) => [k, vs.length === 1 ? vs[0] : vs]));

const check = (target: Target, schema: v.GenericSchema) => {
  const codes: ErrorCode[] = [...(target === 'query' ? ['repeated_parameter' as const] : []), ...schemaCodes(schema)];
  return refuses(
    codes,
    createMiddleware<AppEnv>(async (c, next) => {
      const input = target === 'query' ? queryObject(c) : target === 'param' ? c.req.param() : c.get('body');
      // The first problem is all a refusal reports: stop there (a 1,000-pair body of junk has 1,000 problems).
      const result = v.safeParse(schema, input, { abortEarly: true });
      if (!result.success) throw issueToError(result.issues[0], WHERE[target]);
      c.req.addValidatedData(target, result.output as object);
      await next();
    }),
  );
};

/**
 * Validates the query, path or (already parsed, see json-body.ts) JSON body with a schema and throws the first problem
 * as an ApiError; typed as Hono's validator is, so `c.req.valid(target)` and the typed client (`hc<AppType>`) know the
 * shape. (Instead of @hono/valibot-validator, whose hono/validator brings form and cookie parsing the API never uses.)
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
