// The Hono environment: Worker bindings (wrangler.jsonc "vars" and "ratelimits") and per-request variables.
import type { ModelWork } from './work.js';

/** The Workers Rate Limiting binding's API (written out so the playground's typecheck needs no Workers types). */
export interface RateLimiter {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

export interface Bindings {
  /** Comma-separated browser origins allowed by CORS; unset means the playground's dev server. */
  CORS_ORIGINS?: string;
  /** Workers Rate Limiting binding (wrangler.jsonc "ratelimits"); without it nothing is limited (`app.request` in
   * tests). */
  RATE_LIMITER?: RateLimiter;
  /** Tokens every request spends (default "1"). */
  RATE_LIMIT_REQUEST_TOKENS?: string;
  /** Model steps one more token pays for (default "1000"). */
  RATE_LIMIT_STEPS_PER_TOKEN?: string;
  /** Request body bytes one more token pays for (default "65536"). */
  RATE_LIMIT_BYTES_PER_TOKEN?: string;
}

export interface Variables {
  /** What the model did for this request, for the log line and Server-Timing (set by observe.ts's timeModel). */
  work?: ModelWork;
  /** The POST body, parsed by json-body.ts once it is priced and bounded; validate('json') checks it. */
  body?: object;
  /** Time spent reading the POST body, ms: mostly waiting for its bytes to arrive (Server-Timing `upload`). */
  uploadMs?: number;
  /** Time spent waiting for the rate limiter's answers, ms (Server-Timing `limit`). */
  limitMs?: number;
}

export interface AppEnv {
  Bindings: Bindings;
  Variables: Variables;
}
