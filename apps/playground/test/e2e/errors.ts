// Every browser test fails on a page error or a console error it did not expect: an uncaught exception (the
// page's or a worker's) or anything the page logs as an error, a failed request included.
import type { Page } from 'playwright-core';

export interface ErrorWatch {
  /** Allows console errors matching `pattern` from now on (a test that makes the API refuse or go away). */
  allow(pattern: RegExp): void;
  /** The unexpected errors so far, one line each. */
  readonly errors: string[];
}

export function watchErrors(page: Page): ErrorWatch {
  const errors: string[] = [];
  const allowed: RegExp[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (!allowed.some((pattern) => pattern.test(text))) errors.push(`console error: ${text}`);
  });
  return { allow: (pattern) => allowed.push(pattern), errors };
}
