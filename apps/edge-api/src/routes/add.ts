// /add: one sum from the query string, or up to 1,000 from a JSON body.
import { Hono } from 'hono/tiny';
import type { AppEnv } from '../env.js';
import { etagOf, NO_STORE, notModified } from '../http/cache.js';
import { timeModel } from '../http/observe.js';
import { spendWork } from '../http/rate-limit.js';
import { jsonBody } from '../json-body.js';
import { answer, type ModelName, type Models } from '../models.js';
import { handlerRefuses } from '../refusals.js';
import { addQuery, batchBody, batchQuery, wantsTrace } from '../schemas.js';
import { checkOptionalQuery, validate } from '../validation.js';
import { planBatch, planSum } from '../work.js';

export const addRoutes = (models: Models) =>
  new Hono<AppEnv>()
    .get('/add', validate('query', addQuery), handlerRefuses('operand_out_of_range', 'trace_too_long'), async (c) => {
      const { a, b, model: asked, trace } = c.req.valid('query');
      const pair = planSum(a, b, asked, wantsTrace(trace));
      const cached = notModified(c, etagOf(models[pair.model].fingerprint));
      if (cached) return cached;
      await spendWork(c, [pair]);
      return c.json(
        timeModel(c, [pair], () => answer(models, pair.model, a, b, wantsTrace(trace))),
        200,
      );
    })
    .post(
      '/add',
      jsonBody,
      checkOptionalQuery(batchQuery),
      validate('json', batchBody),
      handlerRefuses('conflicting_parameter', 'operand_out_of_range', 'batch_too_large'),
      async (c) => {
        const body = c.req.valid('json');
        // checkOptionalQuery has vetted `model`; it is read here untyped so the typed client need not pass a query.
        const plan = planBatch(body.pairs, c.req.query('model') as ModelName | undefined, body.model);
        await spendWork(c, plan);
        const results = timeModel(c, plan, () => plan.map(({ a, b, model }) => answer(models, model, a, b)));
        c.header('Cache-Control', NO_STORE);
        return c.json({ results }, 200);
      },
    );
