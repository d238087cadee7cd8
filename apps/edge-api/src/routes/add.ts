// /add: one sum from the query string, or up to 1,000 from a JSON body.
import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono/tiny';
import { toAnswer } from '../answer.js';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../env.js';
import { etagOf, NO_STORE, notModified } from '../http/cache.js';
import { defaultModel, type ModelName, type Models } from '../models.js';
import { checkOptionalQuery, rejectInvalid } from '../validation/hook.js';
import { labelFor, outOfRange } from '../validation/issues.js';
import { limitBody, parseJsonBody, requireJsonType } from '../validation/json-body.js';
import { fitsVector } from '../validation/operand.js';
import { addQuery, batchBody, batchQuery } from '../validation/schemas.js';

/** The model named in the query or the body (they must agree), or undefined for "pick per pair". */
function requestedModel(fromQuery: ModelName | undefined, fromBody: ModelName | undefined): ModelName | undefined {
  if (fromQuery && fromBody && fromQuery !== fromBody) {
    throw new ApiError(
      'conflicting_parameter',
      `Query parameter "model" is "${fromQuery}" but body field "model" is "${fromBody}"; give the model in one place, or the same in both.`,
    );
  }
  return fromQuery ?? fromBody;
}

/**
 * A serial sum costs one LSTM step per bit (about 2.5 µs each): a 1,000-digit pair is ~3,300 steps, ~8 ms of CPU.
 * One request may ask for at most MAX_BATCH_STEPS, so no batch outruns the Worker's CPU limit (a 5xx to the caller).
 */
export const MAX_BATCH_STEPS = 100_000;
const BITS_PER_DIGIT = Math.log2(10);

/** Serial steps for a pair, from digit counts (an upper bound within one step; no BigInt needed). */
const serialSteps = (a: string, b: string) =>
  Math.ceil(Math.max(a.replace(/^0+/, '').length, b.replace(/^0+/, '').length, 1) * BITS_PER_DIGIT) + 1;

function checkBatchWork(plan: { a: string; b: string; model: ModelName }[]): void {
  let steps = 0;
  for (const { a, b, model } of plan) steps += model === 'vector' ? 2 : serialSteps(a, b);
  if (steps > MAX_BATCH_STEPS) {
    throw new ApiError(
      'batch_too_large',
      `Body field "pairs" asks for about ${steps.toLocaleString('en-US')} serial model steps (one per bit of the longer operand, plus one, per pair); ` +
        `at most ${MAX_BATCH_STEPS.toLocaleString('en-US')} are accepted per request (for example 1,000 pairs of 64-bit numbers, or 30 pairs of 1,000-digit numbers): split the batch.`,
    );
  }
}

export const addRoutes = (models: Models) =>
  new Hono<AppEnv>()
    .get('/add', vValidator('query', addQuery, rejectInvalid('query', 'get')), (c) => {
      const { a, b, model, trace } = c.req.valid('query');
      const cached = notModified(c, etagOf(models[model].fingerprint));
      if (cached) return cached;
      return c.json(toAnswer(models[model].adder.add(a, b, { trace }), model), 200);
    })
    .post(
      '/add',
      requireJsonType,
      limitBody,
      parseJsonBody,
      checkOptionalQuery(batchQuery, 'post'),
      vValidator('json', batchBody, rejectInvalid('body', 'post')),
      (c) => {
        const body = c.req.valid('json');
        const requested = requestedModel(c.req.query('model') as ModelName | undefined, body.model);
        // Check every pair before adding any, so a bad pair costs no model time.
        const plan = body.pairs.map(({ a, b }, k) => {
          if (requested === 'vector') {
            if (!fitsVector(a)) throw outOfRange(labelFor('body', `pairs[${k}].a`), a);
            if (!fitsVector(b)) throw outOfRange(labelFor('body', `pairs[${k}].b`), b);
          }
          return { a, b, model: requested ?? defaultModel(a, b) };
        });
        checkBatchWork(plan);
        const results = plan.map(({ a, b, model }) => toAnswer(models[model].adder.add(a, b), model));
        c.header('Cache-Control', NO_STORE);
        return c.json({ results }, 200);
      },
    );
