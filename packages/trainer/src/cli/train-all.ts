// `npm run train`: trains the default models listed in train.config.json, verifies them with core and writes
// packages/core/models/<arch>.json and reports/<arch>.svg. For vector it first runs the held-out experiment
// (10% of pairs never seen); unless that model is already exact on every pair, it is fine-tuned on all pairs
// and the experiment's figures stay in the shipped model's meta.
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

interface Entry { arch: Arch; out: string; report: string; holdoutExperiment?: number; overrides?: Partial<TrainConfig> }

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const file = JSON.parse(await readFile(resolve(root, 'train.config.json'), 'utf8')) as { models: Entry[] };
const backend: BackendInfo = await setupBackend((process.env.TRAIN_BACKEND as 'auto' | undefined) ?? 'auto');
console.log(`backend: ${backend.name} (${backend.reason})`);

let interrupted = false;
process.on('SIGINT', () => { if (interrupted) process.exit(EXIT_INTERRUPTED); interrupted = true; });
const started = performance.now();

async function train(config: TrainConfig, label: string, extraMeta: Record<string, unknown> = {}, init?: TrainedModel): Promise<TrainedModel> {
  const reporter = createReporter(config, { json: false, tty: Boolean(process.stdout.isTTY) });
  reporter.info(`${label}`);
  const model = await trainModel(config, backend, { onEpoch: (r) => reporter.epoch(r), shouldStop: () => interrupted }, extraMeta, init?.result.snapshot);
  reporter.stop();
  if (interrupted) { console.log('interrupted: the model files were left unchanged'); process.exit(EXIT_INTERRUPTED); }
  console.log(`${model.verification.passed ? 'verified' : 'NOT verified'}: ${summaryLine(model)}`);
  return model;
}

function holdoutSummary(m: TrainedModel) {
  const v = m.verification.vector!;
  const meta = m.weights.meta;
  return {
    holdout: meta.config?.holdout, seed: meta.seed, heldOutPairs: v.heldOut?.total ?? 0,
    heldOutAccuracy: v.heldOut?.accuracy ?? null, heldOutCorrect: v.heldOut?.correct ?? null,
    trainAccuracy: m.result.history.at(-1)?.trainAccuracy ?? null, allPairsAccuracy: v.allPairs.accuracy,
    epochsRun: meta.epochsRun, trainSeconds: meta.trainSeconds, stopReason: meta.stopReason,
    heldOutWrong: (v.heldOut?.wrong ?? []).map(({ a, b, got }) => ({ a, b, got })),
    history: meta.history,
  };
}

/** Equal up to wall-clock figures: weights, recipe, backend and every verification number. */
function sameModel(a: Weights, b: Weights): boolean {
  const key = (w: Weights) => JSON.stringify([w.lstm, w.dense, w.outputActivation, w.meta.config, w.meta.backend, w.meta.verification, w.meta.digits]);
  return key(a) === key(b);
}

let failed = false;
for (const entry of file.models) {
  const config = validateConfig({ ...structuredClone(DEFAULTS[entry.arch]), ...entry.overrides });
  let model: TrainedModel;
  if (entry.arch === 'vector' && entry.holdoutExperiment) {
    const experiment = await train({ ...config, holdout: entry.holdoutExperiment }, `vector: held-out experiment (${entry.holdoutExperiment * 100}% of pairs never trained on)`);
    const summary = holdoutSummary(experiment);
    if (experiment.verification.passed) {
      model = experiment;
      model.weights.meta.holdoutExperiment = { ...summary, shipped: true };
    } else {
      model = await train({ ...config, holdout: 0, lr: experiment.result.history.at(-1)?.lr ?? config.lr }, 'vector: fine-tuning the experiment\'s model on all 16,384 pairs', {
        holdoutExperiment: { ...summary, shipped: false, note: 'the shipped model continues from this experiment\'s weights, trained on all pairs' },
      }, experiment);
    }
  } else {
    model = await train(config, `${entry.arch}: training`);
  }
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
