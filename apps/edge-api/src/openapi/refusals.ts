// Each operation's refusals, read off the app's route table: the codes its route's middlewares and handlers are tagged
// with (refusals.ts), the ones every request can meet (the middleware on every path: rate_limited), and internal_error
// (a bug can happen anywhere). The OpenAPI document lists exactly these, each with an example the app answers.
import type { Hono } from 'hono';
import { ERROR_STATUS, type ErrorCode } from '../errors.js';
import { displayPath } from '../http/fallbacks.js';
import { refusalsOf } from '../refusals.js';

type RouteTable = Pick<Hono, 'routes'>;

/** `GET /add` → its refusals, in the order of ERROR_STATUS (which groups them by status). */
export function operationRefusals(app: RouteTable): Map<string, ErrorCode[]> {
  const everywhere = new Set<ErrorCode>(['internal_error']);
  const byOperation = new Map<string, Set<ErrorCode>>();
  for (const { method, path, handler } of app.routes) {
    if (method === 'ALL' && path === '/*') for (const code of refusalsOf(handler)) everywhere.add(code);
    if (method === 'ALL') continue; // the 405 handlers of each path: other methods, not this operation
    const key = `${method} ${displayPath(path)}`;
    const codes = byOperation.get(key) ?? new Set<ErrorCode>();
    for (const code of refusalsOf(handler)) codes.add(code);
    byOperation.set(key, codes);
  }
  const order = Object.keys(ERROR_STATUS) as ErrorCode[];
  return new Map(
    [...byOperation].map(([key, codes]) => [key, order.filter((code) => codes.has(code) || everywhere.has(code))]),
  );
}
