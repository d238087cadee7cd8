// The API as a Hono app built from its models, so tests can inject weights and the Worker uses the committed ones.
import { Hono } from 'hono/tiny';
import type { AppEnv } from './env.js';
import { corsFor } from './http/cors.js';
import { notFound, onError, refuseOtherMethods } from './http/fallbacks.js';
import { observe } from './http/observe.js';
import { rateLimit } from './http/rate-limit.js';
import { securityHeaders } from './http/security.js';
import type { Models } from './models.js';
import { addRoutes } from './routes/add.js';
import { healthRoutes } from './routes/health.js';
import { modelRoutes } from './routes/model.js';
import { openApiRoutes } from './routes/openapi.js';

export interface AppOptions {
  models: Models;
  /** Browser origins allowed by CORS; default: the CORS_ORIGINS var, else http://localhost:5173 and
   * http://127.0.0.1:5173. */
  corsOrigins?: string[];
}

export function createApp({ models, corsOrigins }: AppOptions) {
  const app = new Hono<AppEnv>();
  // observe first, so its log line and Server-Timing cover every answer, refusals included; rateLimit after CORS, so a
  // browser can read the 429 (preflights are answered by CORS and cost nothing).
  app.use(observe, securityHeaders, corsFor(corsOrigins), rateLimit);
  const routes = app
    .route('/', addRoutes(models))
    .route('/', modelRoutes(models))
    .route('/', healthRoutes(models))
    .route('/', openApiRoutes());
  refuseOtherMethods(app);
  app.notFound(notFound(app));
  app.onError(onError);
  return routes;
}

/** The API's routes and their types, for Hono's typed client: `hc<AppType>('http://127.0.0.1:8787')`. */
export type AppType = ReturnType<typeof createApp>;

export { ERROR_STATUS, type ErrorBody, type ErrorCode } from './errors.js';
export {
  loadModels,
  MODEL_NAMES,
  type AddAnswer,
  type Model,
  type ModelName,
  type Models,
  type TraceStep,
} from './models.js';
export type { ModelInfo, ModelProof } from './routes/model.js';
