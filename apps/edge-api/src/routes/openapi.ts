// /openapi.json: the API's contract, generated from the request schemas at build time (npm run openapi), so the
// converter stays out of the Worker; test/openapi.test.ts fails when this copy is stale.
import { Hono } from 'hono/tiny';
import type { AppEnv } from '../env.js';
import document from '../openapi/openapi.json';

export const openApiRoutes = () =>
  new Hono<AppEnv>().get('/openapi.json', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.json(document as Record<string, unknown>, 200);
  });
