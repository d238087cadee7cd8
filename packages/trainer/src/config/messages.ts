// How the config schemas word their refusals: what was expected, then what was received, a string quoted and cut
// by core's quote (a file's or a flag's text is the client's: escape codes and megabytes never reach a terminal).
import { quote } from '@lstm-adder/core';
import * as v from 'valibot';

export type Issue = { input: unknown; received: string };
/** What an issue received: a string quoted and cut (core's quote), anything else as valibot describes it. */
export const got = (issue: Issue) => `got ${typeof issue.input === 'string' ? quote(issue.input) : issue.received}`;
export const expect = (expected: string) => (issue: Issue) => `expected ${expected}, ${got(issue)}`;

export const words = (options: readonly string[]) => options.map((o) => `"${o}"`).join(' or ');
export const oneOf = <T extends readonly string[]>(options: T) => v.picklist(options, expect(words(options)));

/** A strict object (unknown keys refused) whose own issues read: a missing field (valibot reports it at the field,
 *  expected `"name"`), an unknown one (`unknown` says why), or not `what` at all. */
export const objectOf = <T extends v.ObjectEntries>(
  entries: T,
  unknown: (key: string) => string = () => `unknown field (accepted: ${Object.keys(entries).join(', ')})`,
  what = 'an object',
) =>
  v.strictObject(entries, (issue) =>
    issue.expected?.startsWith('"')
      ? 'missing'
      : issue.expected === 'never'
        ? unknown(String(issue.path?.at(-1)?.key))
        : `expected ${what}, ${got(issue)}`,
  );
