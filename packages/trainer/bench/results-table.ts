// The trainer README's results tables, rendered from bench/results.json: the bench prints them, and
// test/readme.test.ts checks that the README holds exactly this rendering of the committed results.
export interface ProofRow {
  proven: boolean;
  cells: number | null;
  minLogit: number | null;
  /** The last proof attempt's (the one the meta records). */
  seconds: number;
  attempts: number;
  /** All attempts' together. */
  attemptSeconds: number;
  /** Each sum the prover found wrong on the way (`a + b`), which training then replayed. */
  counterexamples: string[];
}
export interface ResultRow {
  arch: string;
  hidden: number;
  seed: number;
  epochs: number;
  stop: string;
  trainSeconds: number;
  wallSeconds: number;
  exact: boolean;
  heldOut: string | null;
  allPairs: string | null;
  serial: string | null;
  minMargin: number | null;
  proof: ProofRow | null;
}
/** The serial seeds together. */
export interface SerialSummary {
  seeds: number;
  proven: number;
  medianWallSeconds: number;
  maxWallSeconds: number;
}
export interface Results {
  rows: ResultRow[];
  serial: SerialSummary | null;
  cli: { runs: { wallSeconds: number }[]; medianWallSeconds: number } | null;
}

/** The middle value (the lower of the two middle ones for an even count). */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;

const markdown = (header: string[], rows: (string | number)[][]) =>
  [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');

export function resultsTable({ rows, serial, cli }: Results): string {
  const blocks: string[] = [];
  const vector = rows.filter((r) => r.arch === 'vector');
  if (vector.length)
    blocks.push(
      markdown(
        [
          `vector H = ${vector[0]!.hidden}, split seed`,
          'epochs',
          'training s',
          'held-out right',
          'all pairs right',
          'exact',
        ],
        vector.map((r) => [
          r.seed,
          r.epochs,
          r.trainSeconds.toFixed(1),
          r.heldOut?.replace(/ \(.*\)$/, '') ?? '—',
          r.allPairs?.replace(/ \(.*\)$/, '') ?? '—',
          r.exact ? 'yes' : 'no',
        ]),
      ),
    );
  const serialRows = rows.filter((r) => r.arch === 'serial');
  if (serialRows.length)
    blocks.push(
      markdown(
        [
          `serial H = ${serialRows[0]!.hidden}, seed`,
          'epochs (stop)',
          'wall s',
          'proof attempts (counterexamples)',
          'proven',
          'cells',
          'min logit',
          'proof s',
        ],
        serialRows.map((r) => [
          r.seed,
          `${r.epochs} (${r.stop})`,
          r.wallSeconds.toFixed(1),
          r.proof ? `${r.proof.attempts} (${r.proof.counterexamples.length})` : '—',
          r.proof?.proven ? 'yes' : 'no',
          r.proof?.cells ?? '—',
          r.proof?.minLogit ?? '—',
          r.proof ? r.proof.seconds.toFixed(2) : '—',
        ]),
      ),
    );
  if (serial)
    blocks.push(
      `Serial: ${serial.proven} of ${serial.seeds} seeds proven; wall time per seed (training, checks, proofs) ` +
        `median ${serial.medianWallSeconds.toFixed(1)} s, max ${serial.maxWallSeconds.toFixed(1)} s.`,
    );
  if (cli)
    blocks.push(
      `\`lstm-adder-train --arch serial\`, spawn to exit: ` +
        `${cli.runs.map((r) => r.wallSeconds.toFixed(2)).join(', ')} s ` +
        `(median ${cli.medianWallSeconds.toFixed(2)} s).`,
    );
  return blocks.join('\n\n');
}
