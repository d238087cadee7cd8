// Exit statuses and the one-line error report shared by lstm-adder-train and `npm run train`.
import { quote } from '@lstm-adder/core';
import { ConfigError } from '../config.js';
import { OutputPathError } from '../node/output-paths.js';
import { BackendError } from '../node/backend-error.js';
import { ReportUnavailable } from '../node/report.js';

export const EXIT = {
  /** Written: verified, or an experiment that met its own target (or --allow-unverified). */
  ok: 0,
  /** An unexpected error (a bug, or the machine): one line, the stack with --verbose. */
  error: 1,
  /** Bad flag, train.config.json or output path, the requested backend cannot start, or a report was asked for
   *  without vega installed: nothing was trained. */
  usage: 2,
  /** Trained, but core does not verify the model: the previous file is unchanged; the model is in a side file. */
  unverified: 3,
  /** Ctrl-C (128 + SIGINT): the previous file is unchanged; the weights so far are in a side file. */
  interrupted: 130,
  /** SIGTERM (128 + its number), as Ctrl-C. */
  terminated: 143,
} as const;

/** Reports a command's exit status (its action's result; main.ts exits with it). */
export type Done = (status: number) => void;

const MAX_MESSAGE = 300;
/** The errors that mean bad input (exit 2): their messages are already one line. */
const USAGE_ERRORS = [ConfigError, OutputPathError, BackendError, ReportUnavailable];

/**
 * A line of text the CLI did not write (an error message may quote a path): cut to `max` characters, and every
 * character core's quote escapes (control, direction and line-separator characters) escaped as quote escapes it.
 */
export function printable(text: string, max = MAX_MESSAGE): string {
  const line = text.length > max ? `${text.slice(0, max)}…` : text;
  let out = '';
  for (const c of line) {
    const quoted = quote(c);
    out += quoted === `"${c}"` || c === '"' || c === '\\' ? c : quoted.slice(1, -1);
  }
  return out;
}

/** Prints `error: <one line>` (and the stack only when `verbose`) and returns the exit status for `error`. */
export function reportError(
  error: unknown,
  verbose: boolean,
  write = (s: string) => {
    process.stderr.write(s);
  },
): number {
  if (USAGE_ERRORS.some((kind) => error instanceof kind)) {
    write(`error: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  // TF.js errors thrown from its minified bundle: the message's first line only, never the source around it.
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n', 1)[0]!.trim() || (error instanceof Error ? error.name : 'unknown error');
  write(`error: ${printable(line)}\n`);
  write(
    verbose && error instanceof Error && error.stack
      ? `${error.stack}\n`
      : '(run again with --verbose for the stack)\n',
  );
  return EXIT.error;
}
