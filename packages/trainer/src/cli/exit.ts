// Exit statuses and the one-line error report shared by lstm-adder-train and `npm run train`.
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
  /** Ctrl-C: the previous file is unchanged; the best weights so far are in a side file. */
  interrupted: 130,
} as const;

const MAX_MESSAGE = 300;
/** The errors that mean bad input (exit 2): their messages are already one line. */
const USAGE_ERRORS = [ConfigError, OutputPathError, BackendError, ReportUnavailable];

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
  write(`error: ${line.length > MAX_MESSAGE ? `${line.slice(0, MAX_MESSAGE)}…` : line}\n`);
  write(
    verbose && error instanceof Error && error.stack
      ? `${error.stack}\n`
      : '(run again with --verbose for the stack)\n',
  );
  return EXIT.error;
}
