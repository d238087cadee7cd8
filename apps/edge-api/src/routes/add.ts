// /add: one sum from the query string, or up to 1,000 from a JSON body.
import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono';
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
        const results = plan.map(({ a, b, model }) => toAnswer(models[model].adder.add(a, b), model));
        c.header('Cache-Control', NO_STORE);
        return c.json({ results }, 200);
      },
    );
