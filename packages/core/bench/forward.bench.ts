// µs per add for the shipped models, against the naive forward pass in the same run (ratios, not absolute times, are what compare).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Bench } from 'tinybench';
import { createAdder, encodeVector, mulberry32, parseWeights, randomBigInt } from '../src/index.js';
import { naiveForward } from './naive-forward.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const load = (arch: string) => parseWeights(JSON.parse(readFileSync(here(`../models/${arch}.json`), 'utf8')));
const vectorWeights = load('vector');
const serialWeights = load('serial');
const vector = createAdder(vectorWeights);
const serial = createAdder(serialWeights);

// Each task runs a batch of varied queries, so per-call timer overhead and a single hot branch do not flatter the figure.
const BATCH = 512;
const next = mulberry32(2026);
const pairs = Array.from({ length: BATCH }, () => [next() & 127, next() & 127] as const);
const serialPairs = (bits: number, count: number) => Array.from({ length: count }, () => [randomBigInt(next, bits), randomBigInt(next, bits)] as const);

interface Case {
  name: string;
  ops: number;
  bits?: number;
  run: () => unknown;
}

let sink = 0;
const cases: Case[] = [
  { name: 'vector add (packed, precomputed step 1)', ops: BATCH, run: () => pairs.forEach(([a, b]) => (sink += vector.add(a, b).margin)) },
  { name: 'vector naive forward (baseline)', ops: BATCH, run: () => pairs.forEach(([a, b]) => (sink += naiveForward(vectorWeights, encodeVector(a, b))[1]![0]!)) },
];
for (const [bits, count] of [[8, 256], [64, 64], [1024, 4]] as const) {
  const batch = serialPairs(bits, count);
  cases.push({ name: `serial add ${bits}-bit`, ops: count, bits: bits + 1, run: () => batch.forEach(([a, b]) => (sink += serial.add(a, b).margin)) });
}

const bench = new Bench({ time: Number(process.env.BENCH_TIME_MS ?? 1500), warmup: true });
for (const c of cases) bench.add(c.name, c.run);
await bench.run();

const usPerOp = (c: Case) => {
  const task = bench.getTask(c.name);
  const result = task?.result as { latency?: { mean: number } } | undefined;
  if (!result?.latency) throw new Error(`benchmark "${c.name}" produced no result`);
  return (result.latency.mean * 1000) / c.ops;
};
const us = Object.fromEntries(cases.map((c) => [c.name, usPerOp(c)]));
const vectorUs = us[cases[0]!.name]!;
const naiveUs = us[cases[1]!.name]!;
const rows = cases.map((c) => ({
  case: c.name,
  'µs/add': Number(us[c.name]!.toFixed(3)),
  'µs/bit': c.bits ? Number((us[c.name]! / c.bits).toFixed(3)) : '',
  'vs naive': c.name.startsWith('vector') ? Number((naiveUs / us[c.name]!).toFixed(1)) : '',
}));
console.table(rows);

const serial1024 = us['serial add 1024-bit']! / 1025;
const targets = {
  'vector add ≤ 8 µs (goal ≤ 3 µs)': vectorUs <= 8,
  'vector add ≥ 10× naive': naiveUs / vectorUs >= 10,
  'serial ≤ 1 µs per bit (1024-bit)': serial1024 <= 1,
};
console.table(Object.entries(targets).map(([target, met]) => ({ target, met })));

const out = here('./results.json');
mkdirSync(here('.'), { recursive: true });
writeFileSync(
  out,
  JSON.stringify(
    {
      date: new Date().toISOString(),
      node: process.version,
      models: { vector: { hiddenSize: vectorWeights.hiddenSize }, serial: { hiddenSize: serialWeights.hiddenSize } },
      usPerAdd: us,
      speedupVsNaive: naiveUs / vectorUs,
      serialUsPerBit1024: serial1024,
      targets,
    },
    null,
    2,
  ) + '\n',
);
console.log(`wrote ${out}${sink ? '' : ' '}`);
