// Ctrl-C (SIGINT) and SIGTERM, at any point of a run: the first asks the run to stop at its next safe point (after a
// batch, before a verification, before a file replaces another); a second leaves at once. Either way no model file
// is replaced and no temporary file stays behind (temp-files.ts), and the exit status is 128 + the signal's number:
// 130 for Ctrl-C, 143 for SIGTERM.
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
let received: NodeJS.Signals | null = null;

/** The exit status for a signal: 128 + its number. */
export const statusOf = (signal: NodeJS.Signals): number => 128 + constants.signals[signal];

/** The first signal this process received since trapSignals(), or null. */
export const interrupted = (): NodeJS.Signals | null => received;

/** Takes over SIGINT and SIGTERM for the rest of the process: call first thing in a program. */
export function trapSignals(): void {
  for (const signal of SIGNALS)
    process.on(signal, () => {
      if (received) process.exit(statusOf(signal)); // the second: leave now (the exit handlers remove temp files)
      received = signal;
    });
}
