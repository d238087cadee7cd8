// /add: one sum from the query string, or up to 1,000 from a JSON body.
import { defaultArch } from '@lstm-adder/core';
import { Hono } from 'hono/tiny';
import type { AppEnv } from '../env.js';
import { etagOf, NO_STORE, notModified } from '../http/cache.js';
import { timeModel } from '../http/observe.js';
import { spendWork } from '../http/rate-limit.js';
import { answer, type ModelName, type Models } from '../models.js';
import { addQuery, batchBody, batchQuery } from '../schemas.js';
import { checkOptionalQuery, jsonBody, pairSteps, planBatch, validate } from '../validation.js';

export const addRoutes = (models: Models) =>
  new Hono<AppEnv>()
    .get('/add', validate('query', addQuery), async (c) => {
      const { a, b, model: asked, trace } = c.req.valid('query');
      const model = asked ?? defaultArch(a, b);
      const cached = notModified(c, etagOf(models[model].fingerprint));
      if (cached) return cached;
      const plan = [{ a, b, model, steps: pairSteps(a, b, model) }];
      await spendWork(c, plan);
      return c.json(
        timeModel(c, plan, () => answer(models, model, a, b, trace === '1' || trace === 'true')),
        200,
      );
    })
    .post('/add', jsonBody, checkOptionalQuery(batchQuery), validate('json', batchBody), async (c) => {
      const body = c.req.valid('json');
      // checkOptionalQuery has vetted `model`; it is read here untyped so the typed client need not pass a query.
      const plan = planBatch(body.pairs, c.req.query('model') as ModelName | undefined, body.model);
      await spendWork(c, plan);
      const results = timeModel(c, plan, () => plan.map(({ a, b, model }) => answer(models, model, a, b)));
      c.header('Cache-Control', NO_STORE);
      return c.json({ results }, 200);
    });
