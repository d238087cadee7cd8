// What the app says when no route answers: 405 with Allow on a served path (in every spelling the router matches it,
// because the router itself routes to these handlers), 404 elsewhere, and a JSON 500 when something throws.
import { quote, shorten } from '@lstm-adder/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Hono } from 'hono/tiny';
import type { AppEnv } from '../env.js';
import { ApiError } from '../errors.js';

/** `/model/:name{vector|serial}` → `/model/{name}`, as OpenAPI and people write paths. */
export const displayPath = (path: string): string => path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');

/** The served paths and their methods (HEAD comes with GET, OPTIONS with every path), from the app's route table. */
export function servedRoutes(app: Hono<AppEnv>): Map<string, string[]> {
  const served = new Map<string, Set<string>>();
  for (const { method, path } of app.routes) {
    if (method === 'ALL') continue; // middleware and the fallbacks below
    served.set(path, (served.get(path) ?? new Set()).add(method));
  }
  return new Map(
    [...served].map(([path, methods]) => [path, [...methods, ...(methods.has('GET') ? ['HEAD'] : []), 'OPTIONS']]),
  );
}

/** Call after the routes are added: every other method on a served path gets a 405 naming the allowed ones. */
export function refuseOtherMethods(app: Hono<AppEnv>): void {
  for (const [path, methods] of servedRoutes(app)) {
    const allow = methods.join(', ');
    app.all(path, (c) => {
      throw new ApiError(
        'method_not_allowed',
        `${shorten(c.req.method)} is not accepted on ${displayPath(path)}; accepted: ${allow}.`,
        null,
        { Allow: allow },
      );
    });
  }
}

export function notFound(app: Hono<AppEnv>) {
  const paths = [...servedRoutes(app).keys()].map(displayPath).join(', ');
  return (c: Context<AppEnv>): Response => {
    throw new ApiError('not_found', `No route ${quote(c.req.path)}; routes: ${paths}.`);
  };
}

/** What a 500 says: nothing about the bug (it is logged), so no stack or path reaches the client. */
export const INTERNAL_ERROR_MESSAGE = 'Something went wrong on our side; the error was logged.';

export function onError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof ApiError) return error.getResponse();
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals (e.g. a body it cannot read): same shape as ours.
    return new ApiError('invalid_body', error.message || 'The request could not be read.').getResponse();
  }
  console.error('edge-api: unexpected error', shorten(c.req.method), quote(c.req.path), error);
  return new ApiError('internal_error', INTERNAL_ERROR_MESSAGE).getResponse();
}
