// The prover, the falsifier and the certificate checker, timed: proving the shipped serial model, the proven test
// fixture and a harder exact model (seed 2 of the recipe shipped before proofs: tens of thousands of cells), the
// falsifier on wrong models (time to a counterexample) and on an exact one (its whole budget), checking each
// certificate, and proveVector on the shipped vector model. Each figure is the median of a few runs, wall and CPU.
// BENCH_QUICK=1: one run each, and the JSON printed instead of replacing bench/prove-results.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseWeights, type Weights } from '../src/index.js';
import { checkCertificate, findCounterexample, proveSerial, proveVector } from '../src/proof/index.js';

const QUICK = process.env.BENCH_QUICK === '1';
const RUNS = QUICK ? 1 : 3;
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const load = (path: string): Weights => parseWeights(JSON.parse(readFileSync(here(path), 'utf8')));

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number, digits = 3) => Number(x.toPrecision(digits));

/** Runs `task` RUNS times: its last result, and the median wall and CPU seconds. */
function timed<T>(task: () => T): { result: T; wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  let result: T | undefined;
  for (let run = 0; run < RUNS; run++) {
    const wall = performance.now();
    const cpu = cpuNow();
    result = task();
    cpus.push(cpuNow() - cpu);
    walls.push((performance.now() - wall) / 1000);
  }
  return { result: result as T, wall: round(median(walls)), cpu: round(median(cpus)) };
}

const serialModels: [string, Weights][] = [
  ['shipped serial model', load('../models/serial.json')],
  ['test fixture exact.json', load('../test/fixtures/proof/exact.json')],
  ['old recipe, seed 2', load('./fixtures/old-recipe-seed2.json')],
];
const proofs = serialModels.map(([model, weights]) => {
  const { result, wall, cpu } = timed(() => proveSerial(weights));
  const check = result.certificate ? timed(() => checkCertificate(weights, result.certificate)) : null;
  return {
    model,
    proven: result.proven,
    cells: result.cells,
    'min logit': result.minLogit === null ? null : round(result.minLogit),
    's (wall)': wall,
    's (CPU)': cpu,
    'check s (CPU)': check ? check.cpu : null,
    'certificate KiB': result.certificate ? round(JSON.stringify(result.certificate).length / 1024) : null,
  };
});
console.table(proofs);

const wrongModels: [string, Weights][] = [
  ['stopped after 2 epochs', load('../test/fixtures/proof/two-epochs.json')],
  ['drifting carry (shipped before proofs)', load('../test/fixtures/proof/drifting-carry.json')],
];
const falsifier = [
  ...wrongModels.map(([model, weights]) => {
    const { result, wall, cpu } = timed(() => findCounterexample(weights));
    return { model, found: result ? `${result.a} + ${result.b}` : null, 's (wall)': wall, 's (CPU)': cpu };
  }),
  ...serialModels.slice(0, 1).map(([model, weights]) => {
    const { result, wall, cpu } = timed(() => findCounterexample(weights));
    return {
      model: `${model} (exact: the whole budget)`,
      found: result ? `${result.a} + ${result.b}` : null,
      's (wall)': wall,
      's (CPU)': cpu,
    };
  }),
];
console.table(falsifier);

const vector = timed(() => proveVector(load('../models/vector.json')));
const vectorRow = {
  proven: vector.result.proven,
  pairs: vector.result.right,
  's (wall)': vector.wall,
  's (CPU)': vector.cpu,
};
console.table([vectorRow]);

const results = {
  note: 'npm run bench -w @lstm-adder/core; medians of runs; bars: proving an exact H = 3 model ≤ 5 s (goal 1 s)',
  date: new Date().toISOString(),
  load: (await import('node:os')).loadavg()[0],
  proofs,
  falsifier,
  vector: vectorRow,
};
if (QUICK) console.log(JSON.stringify(results, null, 2));
else writeFileSync(here('./prove-results.json'), `${JSON.stringify(results, null, 2)}\n`);
