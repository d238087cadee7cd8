// How valibot issues read in error messages: the field's path, and what was received, cut short.
import * as v from 'valibot';
import { quote } from './quote.js';

/** `[{ key: 'pairs' }, { key: 0 }, { key: 'a' }]` → `pairs[0].a`; an absent or empty path → `''`. */
export function formatIssuePath(path: readonly { key: unknown }[] | undefined): string {
  let out = '';
  for (const { key } of path ?? []) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

/** A value as valibot describes it (`12`, `null`, `Array`), but a string as JSON, cut to 40 characters. */
export const describe = (value: unknown): string => (typeof value === 'string' ? quote(value) : v._stringify(value));

/** `got …` for a message: what the issue received, described short (valibot's own `received` quotes strings whole). */
export const got = (issue: { input: unknown }): string => `got ${describe(issue.input)}`;
