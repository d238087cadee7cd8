// What the app says when no route answers (404, or 405 with Allow) and when something throws.
import type { Context } from 'hono';
import type { Hono } from 'hono/tiny';
import { HTTPException } from 'hono/http-exception';
import { ApiError } from '../errors.js';
import type { AppEnv } from '../env.js';

/** Methods the app serves at exactly this path (HEAD comes with GET), read from the app's own route table. */
function allowedMethods(app: Hono<AppEnv>, path: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes) {
    if (route.path === path && route.method !== 'ALL') methods.add(route.method);
  }
  if (methods.has('GET')) methods.add('HEAD');
  if (methods.size) methods.add('OPTIONS');
  return [...methods];
}

export function notFound(app: Hono<AppEnv>) {
  return (c: Context<AppEnv>): Response => {
    const allow = allowedMethods(app, c.req.path);
    if (allow.length) {
      throw new ApiError('method_not_allowed', `${c.req.method} is not accepted on ${c.req.path}; accepted: ${allow.join(', ')}.`, 405, {
        Allow: allow.join(', '),
      });
    }
    const paths = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => r.path))];
    throw new ApiError('not_found', `No route ${JSON.stringify(c.req.path.slice(0, 80))}; routes: ${paths.join(', ')}.`, 404);
  };
}

export function onError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof ApiError) return error.getResponse();
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals (e.g. a body it cannot read): same shape as ours.
    return new ApiError('invalid_body', error.message || 'The request could not be read.', error.status).getResponse();
  }
  console.error('edge-api: unexpected error', c.req.method, c.req.path, error);
  return new ApiError('internal_error', 'Something went wrong on our side; the error was logged.', 500).getResponse();
}
