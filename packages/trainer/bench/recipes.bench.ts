// npm run bench -w @lstm-adder/trainer: the default recipes over several seeds, as `npm run train` trains them.
// vector: 3 split seeds (10% of the pairs held out); serial: 5 seeds. Prints a table, writes bench/results.json.
// cli: `lstm-adder-train --arch serial` as a user runs it, one process at a time (3 runs; wall time from spawn to exit,
// start-up and writing included). An optional group by name: `npm run bench -w @lstm-adder/trainer -- seed` (the
// notebook's recipe, ~5 minutes alone). Not part of CI.
// BENCH_QUICK=1 (the docs test): one serial seed and one CLI run whatever the groups, and the JSON printed instead of
// replacing results.json.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdder, evaluateSerial } from '@lstm-adder/core';
import { fileURLToPath } from 'node:url';
import { DEFAULTS, SEED_PRESET, type TrainConfig } from '../src/config.js';
import { setupBackend } from '../src/node/backend.js';
import { createVerifyPool } from '../src/node/verify-pool.js';
import { trainModel } from '../src/pipeline.js';
import { type ResultRow, resultsTable } from './results-table.js';

const QUICK = process.env.BENCH_QUICK === '1';
const loadAtStart = loadavg(); // the machine is shared: times are only comparable at a similar load
const asked = process.argv.slice(2);
const groups = QUICK ? ['serial', 'cli'] : asked.length ? asked : ['vector', 'serial', 'cli'];
const backend = await setupBackend((process.env.TRAIN_BACKEND as 'auto' | undefined) ?? 'auto');
const verifier = createVerifyPool(); // as the CLI and npm run train verify serial models: on two threads
console.log(`backend: ${backend.name} (${backend.reason}); groups: ${groups.join(', ')}`);

/** A row of results.json: what the README's table shows (results-table.ts), and more. */
interface Row extends ResultRow {
  recipe: string;
  wallSeconds: number;
  cpuSeconds: number;
  digits: number;
  /** Serial: 10,000 random 33-bit sums, a width outside the verification plan (issue 10's 8, 33, 64, 1,024, 4,096). */
  sums33: string | null;
}
const rows: Row[] = [];
const pct = (c: number, t: number) => `${c}/${t} (${((100 * c) / t).toFixed(2)}%)`;

async function bench(recipe: string, config: TrainConfig): Promise<void> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const m = await trainModel(config, backend, {}, {}, { runPlan: verifier.run });
  const used = process.cpuUsage(cpu);
  const v = m.verification;
  rows.push({
    recipe,
    arch: config.arch,
    hidden: config.hidden,
    seed: config.seed,
    epochs: m.result.epochsRun,
    stop: m.result.stopReason,
    trainSeconds: Number(m.result.seconds.toFixed(1)),
    wallSeconds: Number(((performance.now() - wall) / 1000).toFixed(1)),
    cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(1)),
    exact: v.passed,
    heldOut: v.vector?.heldOut ? pct(v.vector.heldOut.correct, v.vector.heldOut.total) : null,
    allPairs: v.vector ? pct(v.vector.allPairs.correct, v.vector.allPairs.total) : null,
    serial: v.serial ? v.serial.byWidth.map((w) => `${w.width}b ${w.correct}/${w.samples}`).join(', ') : null,
    minMargin: v.serial ? Number(v.serial.minMargin.toPrecision(3)) : null,
    digits: m.weights.meta.digits as number,
    sums33:
      config.arch === 'serial'
        ? (({ correct, total }) => `${correct}/${total}`)(
            evaluateSerial(createAdder(m.weights), { widths: [33], samples: 10_000, seed: 33 }),
          )
        : null,
  });
  const r = rows.at(-1)!;
  console.log(
    `  ${recipe} seed ${config.seed}: ${r.stop} after ${r.epochs} epochs, ${r.trainSeconds}s; ` +
      `${r.heldOut ?? r.serial}${r.allPairs ? `; all ${r.allPairs}` : ''}`,
  );
}

interface CliRun {
  wallSeconds: number;
  trainSeconds: number | null;
  status: number | null;
  verified: boolean;
}
const cliRuns: CliRun[] = [];
/** One `lstm-adder-train --arch serial` process, timed from spawn to exit; verified = exit 0 and core's verdict in
 *  the file. */
async function benchCli(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'lstm-adder-cli-bench-'));
  const out = join(dir, 'serial.json');
  const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const started = performance.now();
  let log = '';
  const status = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [bin, '--arch', 'serial', '--out', out], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.on('close', resolve);
  });
  const wallSeconds = Number(((performance.now() - started) / 1000).toFixed(2));
  const model = await readFile(out, 'utf8')
    .then((text) => JSON.parse(text) as { meta: { verification: { passed: boolean } } })
    .catch(() => null);
  const trained = /in ([\d.]+)s;/.exec(log);
  await rm(dir, { recursive: true, force: true });
  cliRuns.push({
    wallSeconds,
    trainSeconds: trained ? Number(trained[1]) : null,
    status,
    verified: status === 0 && model?.meta.verification.passed === true,
  });
  const r = cliRuns.at(-1)!;
  console.log(
    `  lstm-adder-train --arch serial: ${r.wallSeconds}s wall (training and verification ${r.trainSeconds}s), ` +
      `exit ${r.status}, ${r.verified ? 'verified' : 'NOT verified'}`,
  );
}

const SEEDS = { vector: [1, 2, 3], serial: QUICK ? [1] : [1, 2, 3, 4, 5] };
for (const group of groups) {
  console.log(`… ${group}`);
  if (group === 'vector')
    for (const seed of SEEDS.vector) await bench('default, 10% held out', { ...DEFAULTS.vector, seed });
  else if (group === 'serial') for (const seed of SEEDS.serial) await bench('default', { ...DEFAULTS.serial, seed });
  else if (group === 'seed') await bench('seed (the notebook)', SEED_PRESET);
  else if (group === 'cli') for (let k = 0; k < (QUICK ? 1 : 3); k++) await benchCli();
  else throw new Error(`unknown bench group ${group} (vector, serial, cli, seed)`);
}
await verifier.close();

const header = [
  'recipe',
  'arch',
  'H',
  'seed',
  'epochs',
  'stop',
  'train s',
  'wall s',
  'CPU s',
  'held-out',
  'all pairs / serial widths',
  '33-bit',
  'min |y−0.5|',
  'digits',
  'exact',
];
const table = [
  header,
  ...rows.map((r) => [
    r.recipe,
    r.arch,
    String(r.hidden),
    String(r.seed),
    String(r.epochs),
    r.stop,
    r.trainSeconds.toFixed(1),
    r.wallSeconds.toFixed(1),
    r.cpuSeconds.toFixed(1),
    r.heldOut ?? '—',
    r.allPairs ?? r.serial ?? '—',
    r.sums33 ?? '—',
    r.minMargin === null ? '—' : String(r.minMargin),
    String(r.digits),
    r.exact ? 'yes' : 'no',
  ]),
];
const markdown = (t: string[][]) =>
  [t[0]!, t[0]!.map(() => '---'), ...t.slice(1)].map((row) => `| ${row.join(' | ')} |`).join('\n');
if (rows.length) console.log(markdown(table));
const sorted = cliRuns.map((r) => r.wallSeconds).sort((a, b) => a - b);
const cli = cliRuns.length
  ? { runs: cliRuns, medianWallSeconds: sorted[Math.floor((sorted.length - 1) / 2)]!, bar: 5 }
  : null;
if (cli)
  console.log(
    `\n${markdown([
      ['lstm-adder-train --arch serial', 'wall s (spawn to exit)', 'training and verification s', 'verified'],
      ...cliRuns.map((r, k) => [
        `run ${k + 1}`,
        r.wallSeconds.toFixed(2),
        String(r.trainSeconds),
        r.verified ? 'yes' : 'no',
      ]),
    ])}\nmedian ${cli.medianWallSeconds.toFixed(2)} s (bar ≤ ${cli.bar} s)`,
  );

const json = `${JSON.stringify(
  {
    date: new Date().toISOString(),
    backend,
    cpus: cpus().length,
    node: process.version,
    loadAverage: { start: loadAtStart, end: loadavg() },
    groups,
    rows,
    cli,
  },
  null,
  2,
)}\n`;
if (QUICK) console.log(json);
else {
  const out = fileURLToPath(new URL('./results.json', import.meta.url));
  await writeFile(out, json);
  // The README's results table is this JSON's (test/readme.test.ts holds them together).
  const readme = fileURLToPath(new URL('../README.md', import.meta.url));
  const table = resultsTable(JSON.parse(json));
  const text = await readFile(readme, 'utf8');
  await writeFile(readme, text.replace(/(<!-- results: [^\n]*-->\n)[\s\S]*?(\n<!-- end results -->)/, `$1${table}$2`));
  console.log(`wrote ${out} and the README's results table`);
}
