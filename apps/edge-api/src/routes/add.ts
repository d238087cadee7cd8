// /add: one sum from the query string, or up to 1,000 from a JSON body.
import { vValidator } from '@hono/valibot-validator';
import { Hono } from 'hono/tiny';
import { toAnswer } from '../answer.js';
import type { AppEnv } from '../env.js';
import { etagOf, NO_STORE, notModified } from '../http/cache.js';
import { timeModel } from '../http/observe.js';
import { spendWork } from '../http/rate-limit.js';
import type { ModelName, Models } from '../models.js';
import { pairSteps, planBatch } from '../validation/batch.js';
import { checkOptionalQuery, rejectInvalid } from '../validation/hook.js';
import { limitBody, parseJsonBody, requireJsonType } from '../validation/json-body.js';
import { addQuery, batchBody, batchQuery } from '../validation/schemas.js';

export const addRoutes = (models: Models) =>
  new Hono<AppEnv>()
    .get('/add', vValidator('query', addQuery, rejectInvalid('query', 'get')), async (c) => {
      const { a, b, model, trace } = c.req.valid('query');
      const cached = notModified(c, etagOf(models[model].fingerprint));
      if (cached) return cached;
      const plan = [{ a, b, model, steps: pairSteps(a, b, model) }];
      await spendWork(c, plan);
      const result = timeModel(c, plan, () => models[model].adder.add(a, b, { trace }));
      return c.json(toAnswer(result, model), 200);
    })
    .post(
      '/add',
      requireJsonType,
      limitBody,
      parseJsonBody,
      checkOptionalQuery(batchQuery, 'post'),
      vValidator('json', batchBody, rejectInvalid('body', 'post')),
      async (c) => {
        const body = c.req.valid('json');
        // checkOptionalQuery has vetted `model`; it is read here untyped so the typed client need not pass a query.
        const plan = planBatch(body.pairs, c.req.query('model') as ModelName | undefined, body.model);
        await spendWork(c, plan);
        const results = timeModel(c, plan, () => plan.map(({ a, b, model }) => toAnswer(models[model].adder.add(a, b), model)));
        c.header('Cache-Control', NO_STORE);
        return c.json({ results }, 200);
      },
    );
