// The validator hook: the first problem becomes a 400 with our error shape (thrown, so app.onError renders it).
import type { BaseIssue } from 'valibot';
import { issueToError, type Route, type Where } from './issues.js';

type Outcome = { success: true } | { success: false; issues: readonly BaseIssue<unknown>[] };

export const rejectInvalid =
  (where: Where, route: Route) =>
  (result: Outcome): void => {
    if (!result.success) {
      const first = result.issues[0];
      if (first) throw issueToError(first, where, route);
    }
  };
