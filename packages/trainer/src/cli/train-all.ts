// `npm run train`: trains the default models listed in train.config.json, verifies them with core and writes
// packages/core/models/<arch>.json and reports/<arch>.svg. The vector recipe holds 10% of the pairs out, and the
// shipped model is that model: its meta lists the pairs it never saw.
import { readFile } from 'node:fs/promises';
import type { Weights } from '@lstm-adder/core';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { DEFAULTS, validateConfig, type Arch, type TrainConfig } from '../config.js';
import { setupBackend, type BackendInfo } from '../node/backend.js';
import { writeFileAtomic } from '../node/atomic-write.js';
import { trainModel, type TrainedModel } from '../pipeline.js';
import { renderReport } from '../report/svg.js';
import { summaryLine, EXIT_INTERRUPTED } from './main.js';
import { createReporter } from './progress.js';

interface Entry { arch: Arch; out: string; report: string; overrides?: Partial<TrainConfig> }

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const file = JSON.parse(await readFile(resolve(root, 'train.config.json'), 'utf8')) as { models: Entry[] };
const backend: BackendInfo = await setupBackend((process.env.TRAIN_BACKEND as 'auto' | undefined) ?? 'auto');
console.log(`backend: ${backend.name} (${backend.reason})`);

let interrupted = false;
process.on('SIGINT', () => { if (interrupted) process.exit(EXIT_INTERRUPTED); interrupted = true; });
const started = performance.now();

async function train(config: TrainConfig, label: string): Promise<TrainedModel> {
  const reporter = createReporter(config, { json: false, tty: Boolean(process.stdout.isTTY) });
  reporter.info(`${label}`);
  const model = await trainModel(config, backend, { onEpoch: (r) => reporter.epoch(r), shouldStop: () => interrupted });
  reporter.stop();
  if (interrupted) { console.log('interrupted: the model files were left unchanged'); process.exit(EXIT_INTERRUPTED); }
  console.log(`${model.verification.passed ? 'verified' : 'NOT verified'}: ${summaryLine(model)}`);
  return model;
}

/** Equal up to wall-clock figures: weights, recipe, backend and every verification number. */
function sameModel(a: Weights, b: Weights): boolean {
  const key = (w: Weights) => JSON.stringify([w.lstm, w.dense, w.outputActivation, w.meta.config, w.meta.backend, w.meta.verification, w.meta.digits]);
  return key(a) === key(b);
}

let failed = false;
for (const entry of file.models) {
  const config = validateConfig({ ...structuredClone(DEFAULTS[entry.arch]), ...entry.overrides });
  const model = await train(config, `${entry.arch}: training`);
  failed ||= !model.verification.passed;
  model.weights.meta.totalTrainSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const out = resolve(root, entry.out);
  const previous = await readFile(out, 'utf8').then((text) => JSON.parse(text) as Weights, () => null);
  if (previous && sameModel(previous, model.weights)) {
    // Same weights and verdict (same seed, recipe and backend): keep the file, whose only differences would be
    // wall times, so the committed model does not churn and turbo's next run is a cache hit.
    console.log(`${entry.out}: unchanged (identical weights and verification); wrote ${entry.report}`);
    await writeFileAtomic(resolve(root, entry.report), await renderReport(previous));
  } else {
    await writeFileAtomic(out, JSON.stringify(model.weights) + '\n');
    await writeFileAtomic(resolve(root, entry.report), await renderReport(model.weights));
    console.log(`wrote ${entry.out} and ${entry.report}`);
  }
}
console.log(`npm run train: ${((performance.now() - started) / 1000).toFixed(1)}s${failed ? ' — a model did NOT meet its verification target (figures in its meta)' : ''}`);
