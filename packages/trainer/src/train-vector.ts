// The vector model's training loop (8 → H → 8, two steps). Pure TF.js + core: no Node built-ins,
// so a browser page could run it; files, signals and the CLI live in the callers.
import * as tf from '@tensorflow/tfjs-core';
import { VECTOR_BITS } from '@lstm-adder/core';
import type { TrainConfig } from './config.js';
import { encodeAllPairs, notebookSplit, PAIR_COUNT, splitHoldout } from './data/vector-pairs.js';
import { forwardLogits, initParams, paramList, disposeParams } from './lstm.js';
import { lossOf, rowMargins } from './objective.js';
import { createRng, shuffle } from './random.js';
import { snapshotVariables, takeSnapshot, type ParamSnapshot } from './snapshot.js';
import type { EpochRecord, TrainHooks, TrainResult } from './train-types.js';

/** Every choice random in training comes from one seeded stream; the held-out split from its own, so it depends on the seed only. */
export function vectorSplit(config: TrainConfig): { train: Int32Array; heldOut: Int32Array } {
  if (config.vectorData.kind === 'random') {
    const { train, test } = notebookSplit(config.vectorData.samples, config.vectorData.testFraction, createRng(`${config.seed}:data`));
    return { train, heldOut: test };
  }
  if (config.holdout <= 0) return { train: Int32Array.from({ length: PAIR_COUNT }, (_, k) => k), heldOut: new Int32Array(0) };
  return splitHoldout(config.holdout, createRng(`${config.seed}:holdout`));
}

const fractionCorrect = (ids: Int32Array, correct: Uint8Array): number | null => {
  if (ids.length === 0) return null;
  let n = 0;
  for (const k of ids) n += correct[k]!;
  return n / ids.length;
};

/** `init`: start from these weights instead of a fresh initialisation (fine-tuning the held-out experiment's model on all pairs). */
export async function trainVector(config: TrainConfig, hooks: TrainHooks = {}, init?: ParamSnapshot): Promise<TrainResult> {
  const now = hooks.now ?? (() => performance.now());
  const start = now();
  const rng = createRng(config.seed);
  const { train, heldOut } = vectorSplit(config);
  const { first, second, target } = encodeAllPairs();
  const X1 = tf.tensor2d(first, [PAIR_COUNT, VECTOR_BITS]);
  const X2 = tf.tensor2d(second, [PAIR_COUNT, VECTOR_BITS]);
  const Y = tf.tensor2d(target, [PAIR_COUNT, VECTOR_BITS]);
  const params = init ? snapshotVariables(init) : initParams({ inputSize: VECTOR_BITS, hiddenSize: config.hidden, outputSize: VECTOR_BITS }, rng);
  const optimizer = tf.train.adam(config.lr);
  const vars = paramList(params);
  const history: EpochRecord[] = [];
  let margins: Float32Array = new Float32Array(PAIR_COUNT);
  let best: { snapshot: ParamSnapshot; epoch: number; trainAccuracy: number } | null = null;
  let lr = config.lr, sinceBest = 0;
  let stopReason: TrainResult['stopReason'] = 'epochs';

  const marginsOfAllPairs = (): Float32Array =>
    tf.tidy(() => rowMargins(config.loss, Y, forwardLogits(params, [X1, X2], [1])[0]!).dataSync() as Float32Array);

  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      const ids = composeEpoch(config, epoch, train, margins, rng);
      let lossSum = 0, lossCount = 0;
      for (let s = 0; s < ids.length; s += config.batch) {
        if (hooks.shouldStop?.()) { stopReason = 'interrupted'; break; }
        const slice = ids.subarray(s, s + config.batch);
        hooks.onBatch?.(slice);
        const batchIds = tf.tensor1d(slice, 'int32');
        const loss = optimizer.minimize(() => {
          const logits = forwardLogits(params, [tf.gather(X1, batchIds), tf.gather(X2, batchIds)], [1])[0]!;
          return lossOf(config.loss, tf.gather(Y, batchIds), logits);
        }, true, vars)!;
        // Reading every loss would stall the pipeline; a sample per 8 batches is enough for the curve.
        if (lossCount === 0 || (s / config.batch) % 8 === 0) { lossSum += loss.dataSync()[0]!; lossCount++; }
        loss.dispose();
        batchIds.dispose();
      }
      if (stopReason === 'interrupted') break;

      margins = marginsOfAllPairs();
      const correct = Uint8Array.from(margins, (m) => (m > 0 ? 1 : 0));
      const trainAccuracy = fractionCorrect(train, correct)!;
      const record: EpochRecord = {
        epoch, loss: lossSum / lossCount, trainAccuracy,
        heldOutAccuracy: fractionCorrect(heldOut, correct),
        allPairsAccuracy: correct.reduce((n, c) => n + c, 0) / PAIR_COUNT,
        lr, samples: ids.length, seconds: (now() - start) / 1000,
      };
      history.push(record);
      hooks.onEpoch?.(record);

      // Keep the best epoch by training accuracy (never by held-out: that would leak it).
      if (config.preset === 'seed' || !best || trainAccuracy >= best.trainAccuracy) {
        if (!best || trainAccuracy > best.trainAccuracy) sinceBest = 0;
        best = { snapshot: takeSnapshot(params), epoch, trainAccuracy };
      } else sinceBest++;
      if (sinceBest >= config.patience && lr > config.lrMin) {
        lr = Math.max(config.lrMin, lr / 2);
        (optimizer as unknown as { learningRate: number }).learningRate = lr;
        sinceBest = 0;
      }
      if (config.preset !== 'seed' && trainAccuracy === 1 && (await (hooks.verify?.(best.snapshot) ?? true))) { stopReason = 'target'; break; }
      if (record.seconds >= config.maxSeconds) { stopReason = 'time'; break; }
      if (hooks.shouldStop?.()) { stopReason = 'interrupted'; break; }
      await new Promise((resolve) => setTimeout(resolve, 0)); // let signals and progress output through
    }
  } finally {
    disposeParams(params);
    optimizer.dispose();
    tf.dispose([X1, X2, Y]);
  }
  if (!best) throw new Error('training stopped before the first epoch finished; nothing to export');
  return {
    snapshot: best.snapshot, bestEpoch: best.epoch, history, epochsRun: history.length, stopReason,
    seconds: (now() - start) / 1000, split: { train: train.length, heldOut: heldOut.length }, heldOutPairs: heldOut,
  };
}

/**
 * The pairs of one epoch, shuffled. The notebook's recipe: its fixed random sample. The default ("mined"):
 * every training pair (or `easyFraction` of the confident ones), plus one extra copy of each pair whose margin is
 * under `hardMargin` and `wrongRepeat` extra copies of each pair still wrong: once most pairs are learnt, a plain
 * pass is mostly gradient from pairs that are already right, and the long carry chains stay wrong.
 */
export function composeEpoch(config: TrainConfig, epoch: number, train: Int32Array, margins: Float32Array, rng: () => number): Int32Array {
  const data = config.vectorData;
  const out: number[] = [];
  if (data.kind === 'random' || epoch === 1) {
    out.push(...train);
  } else {
    for (const k of train) {
      const m = margins[k]!;
      const copies = m <= 0 ? 1 + data.wrongRepeat : m < data.hardMargin ? 2 : rng() < data.easyFraction ? 1 : 0;
      for (let r = 0; r < copies; r++) out.push(k);
    }
  }
  const ids = Int32Array.from(out);
  shuffle(rng, ids);
  return ids;
}
