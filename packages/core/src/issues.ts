// How valibot issues read in error messages: the field's path, and what was received, cut short.
import { shorten } from './shorten.js';

/** `[{ key: 'pairs' }, { key: 0 }, { key: 'a' }]` → `pairs[0].a`; an absent or empty path → `''`. */
export function formatIssuePath(path: readonly { key: unknown }[] | undefined): string {
  let out = '';
  for (const { key } of path ?? []) out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
  return out;
}

/** `got …` for a message: valibot's description of the received value, cut short (valibot quotes strings whole). */
export const got = (issue: { received: string }): string => `got ${shorten(issue.received)}`;
