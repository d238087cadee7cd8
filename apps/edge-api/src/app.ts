// The API as a Hono app built from its models, so tests can inject weights and the Worker uses the committed ones.
import { Hono } from 'hono/tiny';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env.js';
import { corsFor } from './http/cors.js';
import { notFound, onError } from './http/fallbacks.js';
import { observe } from './http/observe.js';
import { rateLimit } from './http/rate-limit.js';
import type { Models } from './models.js';
import { addRoutes } from './routes/add.js';
import { healthRoutes } from './routes/health.js';
import { modelRoutes } from './routes/model.js';

export interface AppOptions {
  models: Models;
  /** Browser origins allowed by CORS; default: the CORS_ORIGINS var, else http://localhost:5173 and http://127.0.0.1:5173. */
  corsOrigins?: string[];
}

export function createApp({ models, corsOrigins }: AppOptions) {
  const app = new Hono<AppEnv>();
  // First, so its log line and Server-Timing cover every answer, refusals included.
  app.use(observe);
  app.use(
    secureHeaders({
      // A public JSON API: other origins may read it (CORS decides), and it is never a page to frame or run scripts in.
      crossOriginResourcePolicy: 'cross-origin',
      contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    }),
  );
  app.use(corsFor(corsOrigins));
  // After CORS, so a browser can read the 429 (preflights are answered by CORS and cost nothing).
  app.use(rateLimit);
  const routes = app.route('/', addRoutes(models)).route('/', modelRoutes(models)).route('/', healthRoutes(models));
  app.notFound(notFound(app));
  app.onError(onError);
  return routes;
}

/** The API's routes and their types, for Hono's typed client: `hc<AppType>('http://127.0.0.1:8787')`. */
export type AppType = ReturnType<typeof createApp>;

export type { AddAnswer, TraceStep } from './answer.js';
export type { ErrorBody, ErrorCode } from './errors.js';
export { loadModels, MODEL_NAMES, type Model, type ModelName, type Models } from './models.js';
export type { ModelInfo } from './routes/model.js';
