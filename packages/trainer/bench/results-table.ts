// The trainer README's results table, rendered from bench/results.json: the bench prints it, and
// test/readme.test.ts checks that the README holds exactly this rendering of the committed results.
export interface ResultRow {
  arch: string;
  hidden: number;
  seed: number;
  epochs: number;
  stop: string;
  trainSeconds: number;
  exact: boolean;
  heldOut: string | null;
  allPairs: string | null;
  serial: string | null;
  minMargin: number | null;
}
export interface Results {
  rows: ResultRow[];
  cli: { runs: { wallSeconds: number }[]; medianWallSeconds: number } | null;
}

/** `8b 10000/10000, …` → `40,200/40,200 sums`. */
function serialSums(byWidth: string): string {
  const counts = [...byWidth.matchAll(/(\d+)\/(\d+)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
  const sum = (k: 0 | 1) => counts.reduce((n, c) => n + c[k], 0).toLocaleString('en-US');
  return `${sum(0)}/${sum(1)} random sums, 8 to 4,096 bits`;
}

export function resultsTable({ rows, cli }: Results): string {
  const lines = [
    '| model | seed | epochs (stop) | training s | held-out pairs | core verifies | min \\|y − 0.5\\| | exact |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows
      .map((r) =>
        [
          `${r.arch}, H = ${r.hidden}`,
          r.seed,
          `${r.epochs} (${r.stop})`,
          r.trainSeconds.toFixed(1),
          r.heldOut?.replace(/ \(.*\)$/, '') ?? '—',
          r.allPairs ? `${r.allPairs.replace(/ \(.*\)$/, '')} pairs` : serialSums(r.serial ?? ''),
          r.minMargin ?? '—',
          r.exact ? 'yes' : 'no',
        ].join(' | '),
      )
      .map((row) => `| ${row} |`),
  ];
  if (cli)
    lines.push(
      '',
      `\`lstm-adder-train --arch serial\` as a process, spawn to exit: ` +
        `${cli.runs.map((r) => r.wallSeconds.toFixed(2)).join(', ')} s ` +
        `(median ${cli.medianWallSeconds.toFixed(2)} s).`,
    );
  return lines.join('\n');
}
