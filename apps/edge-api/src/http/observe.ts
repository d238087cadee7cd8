// What each request did, for whoever runs the Worker: a Server-Timing header with the model's compute time, and one
// JSON log line per request (Workers Logs indexes its fields). Operands are never logged, only their length.
//
// On Cloudflare, a Worker's clock does not advance while it computes (a Spectre mitigation: time moves only at I/O),
// so deployed, `model` reads 0 and `total` the I/O waits; Workers Logs record each invocation's CPU time beside this
// line. Under `wrangler dev` and in the tests (workerd without that mitigation) the figures are real.
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { AppEnv } from '../env.js';
import { type ModelWork, type PlannedPair, totalSteps } from '../work.js';

/** One log line (JSON) per request. */
export interface RequestLog {
  route: string | null;
  method: string;
  status: number;
  model: ModelWork['model'] | null;
  pairs: number;
  digits: number;
  steps: number;
  modelUs: number;
  /** The whole request inside the app, µs. */
  us: number;
}

const micros = (ms: number) => Math.round(ms * 1000);

/** Runs the model work for the planned pairs and records it (sizes only) for the log line and Server-Timing. */
export function timeModel<T>(c: Context<AppEnv>, plan: readonly PlannedPair[], run: () => T): T {
  const start = performance.now();
  const result = run();
  const models = new Set(plan.map((pair) => pair.model));
  c.set('work', {
    model: models.size === 1 ? ([...models][0] ?? 'mixed') : 'mixed',
    pairs: plan.length,
    digits: Math.max(0, ...plan.map(({ a, b }) => Math.max(a.length, b.length))),
    steps: totalSteps(plan),
    us: micros(performance.now() - start),
  });
  return result;
}

/** The route pattern that answered (never the raw path, which is the client's text), or null when none matched. */
function routeOf(c: Context<AppEnv>): string | null {
  const served = matchedRoutes(c).filter((r) => r.method !== 'ALL');
  return served.at(-1)?.path ?? null;
}

export const observe: MiddlewareHandler<AppEnv> = async (c, next) => {
  const start = performance.now();
  await next();
  const us = micros(performance.now() - start);
  const work = c.get('work');
  const timing = [`total;dur=${(us / 1000).toFixed(3)}`];
  if (work) timing.unshift(`model;dur=${(work.us / 1000).toFixed(3)};desc="${work.model}"`);
  // The I/O waits inside total come after it: what the Worker itself did is total less these.
  const uploadMs = c.get('uploadMs');
  if (uploadMs !== undefined) timing.push(`upload;dur=${uploadMs.toFixed(3)};desc="reading the body"`);
  const limitMs = c.get('limitMs');
  if (limitMs !== undefined) timing.push(`limit;dur=${limitMs.toFixed(3)};desc="the rate limiter"`);
  c.res.headers.set('Server-Timing', timing.join(', '));
  const line: RequestLog = {
    route: routeOf(c),
    method: c.req.method,
    status: c.res.status,
    model: work?.model ?? null,
    pairs: work?.pairs ?? 0,
    digits: work?.digits ?? 0,
    steps: work?.steps ?? 0,
    modelUs: work?.us ?? 0,
    us,
  };
  console.log(JSON.stringify(line));
};
