// npm run bench -w @lstm-adder/trainer: the notebook's recipe (--preset seed) against the default recipe on the
// same backend, the held-out experiment, and the serial model. Prints a table and writes bench/results.json.
// Slow on purpose (the seed preset alone is ~5 minutes here); not part of CI.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { DEFAULTS, SEED_PRESET, type TrainConfig } from '../src/config.js';
import { setupBackend } from '../src/node/backend.js';
import { trainModel } from '../src/pipeline.js';

const only = process.argv.slice(2); // optional subset: seed default holdout serial
const backend = await setupBackend((process.env.TRAIN_BACKEND as 'auto' | undefined) ?? 'auto');
console.log(`backend: ${backend.name} (${backend.reason})`);

interface Row { recipe: string; arch: string; hidden: number; epochs: number; stop: string; trainSeconds: number; result: string; exact: boolean; bytes: number }
const rows: Row[] = [];
const pct = (c: number, t: number) => `${c}/${t} (${((100 * c) / t).toFixed(2)}%)`;

async function bench(name: string, config: TrainConfig): Promise<void> {
  if (only.length && !only.includes(name)) return;
  console.log(`… ${name}`);
  const m = await trainModel(config, backend);
  const v = m.verification;
  let result: string;
  if (v.vector) {
    result = `all pairs ${pct(v.vector.allPairs.correct, v.vector.allPairs.total)}`;
    if (v.vector.heldOut) result += `; ${name === 'seed' ? 'test split' : 'held-out'} ${pct(v.vector.heldOut.correct, v.vector.heldOut.total)}`;
  } else {
    result = v.serial!.byWidth.map((w) => `${w.width}b ${w.correct}/${w.samples}`).join(', ');
  }
  rows.push({
    recipe: name, arch: config.arch, hidden: config.hidden, epochs: m.result.epochsRun, stop: m.result.stopReason,
    trainSeconds: Number(m.result.seconds.toFixed(1)), result, exact: v.passed, bytes: JSON.stringify(m.weights).length,
  });
}

await bench('seed', SEED_PRESET);
await bench('default', DEFAULTS.vector);
await bench('holdout', { ...DEFAULTS.vector, holdout: 0.1 });
await bench('serial', DEFAULTS.serial);

const header = ['recipe', 'arch', 'H', 'epochs', 'stop', 'train s', 'verified by core', 'exact', 'JSON bytes'];
const table = [header, ...rows.map((r) => [r.recipe, r.arch, String(r.hidden), String(r.epochs), r.stop, r.trainSeconds.toFixed(1), r.result, r.exact ? 'yes' : 'no', String(r.bytes)])];
const widths = header.map((_, c) => Math.max(...table.map((row) => row[c]!.length)));
const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
console.log([line(table[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...table.slice(1).map(line)].join('\n'));

const out = fileURLToPath(new URL('./results.json', import.meta.url));
await writeFile(out, JSON.stringify({ date: new Date().toISOString(), backend, cpus: cpus().length, node: process.version, rows }, null, 2) + '\n');
console.log(`wrote ${out}`);
