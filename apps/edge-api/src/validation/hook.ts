// Turning schema failures into 400s with our error shape (thrown, so app.onError renders them).
import { createMiddleware } from 'hono/factory';
import * as v from 'valibot';
import { issueToError, type Route, type Where } from './issues.js';

type Outcome = { success: true } | { success: false; issues: readonly v.BaseIssue<unknown>[] };

/** The hook for @hono/valibot-validator: throws the first problem as an ApiError. */
export const rejectInvalid =
  (where: Where, route: Route) =>
  (result: Outcome): void => {
    if (!result.success) {
      const first = result.issues[0];
      if (first) throw issueToError(first, where, route);
    }
  };

/**
 * Checks a query whose parameters are all optional without adding it to the route's typed input,
 * so the typed client can call the route with no arguments (Hono's client makes any validated `query` required).
 */
export const checkOptionalQuery = (schema: v.GenericSchema<Record<string, string | string[]>>, route: Route) =>
  createMiddleware(async (c, next) => {
    const query = Object.fromEntries(Object.entries(c.req.queries()).map(([k, vs]) => [k, vs.length === 1 ? vs[0] : vs]));
    rejectInvalid('query', route)(v.safeParse(schema, query));
    await next();
  });
