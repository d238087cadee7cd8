// Where a trained model may be written. A model core does not verify never replaces the file at `out`: it goes to
// a side file the message names (exit 3), unless the user asked for it with --allow-unverified.
import { quote } from '@lstm-adder/core';
import type { Verdict } from '../verdict.js';
import { EXIT } from './exit.js';

export interface Placement {
  out: string;
  report: string | null;
  status: number;
  note: string | null;
}

/** Where a model goes for its verdict; the note names paths as `show` writes them, quoted (they are the client's). */
export function placeModel(
  verdict: Verdict,
  out: string,
  report: string | null,
  side: (path: string) => string,
  allowUnverified: boolean,
  show: (path: string) => string = (path) => path,
): Placement {
  const name = (path: string) => quote(show(path));
  if (verdict.kind !== 'unverified') return { out, report, status: EXIT.ok, note: null };
  if (allowUnverified)
    return { out, report, status: EXIT.ok, note: `${name(out)}: written although not verified (--allow-unverified)` };
  const sideOut = side(out);
  return {
    out: sideOut,
    report: report && side(report),
    status: EXIT.unverified,
    note:
      `${name(out)} left unchanged; the unverified model is in ${name(sideOut)} (--allow-unverified writes it to ` +
      `${name(out)}); exit ${EXIT.unverified}`,
  };
}
