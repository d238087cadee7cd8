// npm run bench -w @lstm-adder/trainer: the default recipes over several seeds, as `npm run train` trains them.
// vector: 3 split seeds (10% of the pairs held out); serial: seeds 1–10, each trained until core proves it right
// for every length (or the recipe's limits), with every proof attempt and counterexample met on the way. Prints the
// tables, writes bench/results.json and the README's tables.
// cli: `lstm-adder-train --arch serial` as a user runs it, one process at a time (3 runs; wall time from spawn to exit,
// start-up and writing included). An optional group by name: `npm run bench -w @lstm-adder/trainer -- seed` (the
// notebook's recipe, ~5 minutes alone). `-- table` trains nothing: it renders the README's tables again from the
// committed results.json (after a change to results-table.ts). Not part of CI.
// BENCH_QUICK=1 (the docs test): serial seed 1 and one CLI run whatever the groups, and the JSON printed instead of
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
import type { ProofEvent } from '../src/train-types.js';
import { median, type ResultRow, type Results, resultsTable, type SerialSummary } from './results-table.js';

const RESULTS = fileURLToPath(new URL('./results.json', import.meta.url));
const README = fileURLToPath(new URL('../README.md', import.meta.url));
/** The README with its results block rendered from `results` (test/readme.test.ts holds the two together). */
async function writeReadmeTables(results: Results): Promise<void> {
  const text = await readFile(README, 'utf8');
  const block = /(<!-- results: [^\n]*-->\n)[\s\S]*?(\n<!-- end results -->)/;
  await writeFile(README, text.replace(block, `$1${resultsTable(results)}$2`));
}
if (process.argv[2] === 'table') {
  await writeReadmeTables(JSON.parse(await readFile(RESULTS, 'utf8')));
  console.log(`rendered the README's tables from ${RESULTS}`);
  process.exit(0);
}

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
  // Every proof attempt's outcome, as the CLI's progress line reports them.
  const attempts: Extract<ProofEvent, { kind: 'result' }>[] = [];
  const onProof = (e: ProofEvent) => {
    if (e.kind === 'result') attempts.push(e);
  };
  const m = await trainModel(config, backend, { onProof }, {}, { runPlan: verifier.run, runProof: verifier.prove });
  const proof = m.verification.proof;
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
    proof:
      config.arch === 'serial' && proof
        ? {
            proven: proof.proven,
            cells: proof.cells ?? null,
            minLogit: proof.minLogit,
            seconds: proof.seconds,
            attempts: attempts.length,
            attemptSeconds: Number(attempts.reduce((t, a) => t + a.seconds, 0).toFixed(2)),
            counterexamples: attempts.flatMap((a) =>
              a.counterexample ? [`${a.counterexample.a} + ${a.counterexample.b}`] : [],
            ),
          }
        : null,
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
      `${r.heldOut ?? r.serial}${r.allPairs ? `; all ${r.allPairs}` : ''}` +
      (r.proof
        ? `; ${r.proof.proven ? `proven (${r.proof.cells} cells, ${r.proof.seconds}s)` : 'NOT proven'} after ` +
          `${r.proof.attempts} attempts, counterexamples: ${r.proof.counterexamples.join(', ') || 'none'}`
        : ''),
  );
}

interface CliRun {
  wallSeconds: number;
  trainSeconds: number | null;
  status: number | null;
  verified: boolean;
}
const cliRuns: CliRun[] = [];
/** One `lstm-adder-train --arch serial` process, timed from spawn to exit; verified = exit 0 and core's verdict
 *  (the proof included) in the file. */
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
      `exit ${r.status}, ${r.verified ? 'verified (proof included)' : 'NOT verified'}`,
  );
}

const SEEDS = { vector: [1, 2, 3], serial: QUICK ? [1] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] };
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

const cli = cliRuns.length
  ? { runs: cliRuns, medianWallSeconds: median(cliRuns.map((r) => r.wallSeconds)), bar: 5 }
  : null;
// The serial seeds together: how many are proven, and how long a seed takes to be (training, checks and proofs).
const serialRows = rows.filter((r) => r.arch === 'serial');
const walls = serialRows.map((r) => r.wallSeconds);
const serial: SerialSummary | null = serialRows.length
  ? {
      seeds: serialRows.length,
      proven: serialRows.filter((r) => r.proof?.proven).length,
      medianWallSeconds: median(walls),
      maxWallSeconds: Math.max(...walls),
    }
  : null;
const results = {
  date: new Date().toISOString(),
  backend,
  cpus: cpus().length,
  node: process.version,
  loadAverage: { start: loadAtStart, end: loadavg() },
  groups,
  rows,
  serial,
  cli,
};
const json = `${JSON.stringify(results, null, 2)}\n`;
console.log(`\n${resultsTable(results)}\n`);
if (QUICK) console.log(json);
else {
  await writeFile(RESULTS, json);
  await writeReadmeTables(results);
  console.log(`wrote ${RESULTS} and the README's results tables`);
}
