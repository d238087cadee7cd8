// The bit-serial model's training loop (2 → H → 1, one bit pair per step, LSB first, one carry step).
// Each batch has its own random width so the learned carry does not depend on the length.
// Pure TF.js + core: no Node built-ins.
import * as tf from '@tensorflow/tfjs-core';
import type { TrainConfig } from './config.js';
import { serialBatch, type SerialBatch } from './data/serial-batches.js';
import { forwardLogits, initParams, paramList, disposeParams } from './lstm.js';
import { lossOf } from './objective.js';
import { createRng, randInt } from './random.js';
import { takeSnapshot, type ParamSnapshot } from './snapshot.js';
import type { EpochRecord, TrainHooks, TrainResult } from './train-types.js';

/** Width of the per-epoch TF.js check, beyond the training widths: a carry that drifts fails here first. */
export const SERIAL_CHECK_WIDTH = 64;

function tensorsOf(batch: SerialBatch): { steps: tf.Tensor2D[]; labels: tf.Tensor2D } {
  const size = batch.a.length;
  const steps = batch.steps.map((s) => tf.tensor2d(s, [size, 2]));
  const labels = tf.concat(batch.targets.map((t) => tf.tensor2d(t, [size, 1])), 1) as tf.Tensor2D; // [B, n]
  return { steps, labels };
}

/** Exact-match rate and the smallest |logit| over all bits of a batch. */
function checkBatch(params: ReturnType<typeof initParams>, batch: SerialBatch): { accuracy: number; minMargin: number } {
  return tf.tidy(() => {
    const { steps, labels } = tensorsOf(batch);
    const logits = tf.concat(forwardLogits(params, steps), 1);
    const signed = tf.mul(logits, tf.sub(tf.mul(labels, 2), 1));
    const rowMin = tf.min(signed, 1).dataSync();
    let right = 0, minMargin = Infinity;
    for (const m of rowMin) { if (m > 0) right++; minMargin = Math.min(minMargin, m); }
    return { accuracy: right / rowMin.length, minMargin };
  });
}

export async function trainSerial(config: TrainConfig, hooks: TrainHooks = {}): Promise<TrainResult> {
  const now = hooks.now ?? (() => performance.now());
  const start = now();
  const rng = createRng(config.seed);
  const checkRng = createRng(`${config.seed}:check`);
  const params = initParams({ inputSize: 2, hiddenSize: config.hidden, outputSize: 1 }, rng);
  const optimizer = tf.train.adam(config.lr);
  const vars = paramList(params);
  const [minWidth, maxWidth] = config.trainWidths;
  const history: EpochRecord[] = [];
  let best: { snapshot: ParamSnapshot; epoch: number; score: number } | null = null;
  let lr = config.lr, sinceBest = 0;
  let stopReason: TrainResult['stopReason'] = 'epochs';

  try {
    for (let epoch = 1; epoch <= config.epochs; epoch++) {
      let lossSum = 0;
      let batches = 0;
      for (; batches < config.batchesPerEpoch; batches++) {
        if (hooks.shouldStop?.()) { stopReason = 'interrupted'; break; }
        const width = minWidth + randInt(rng, maxWidth - minWidth + 1);
        const batch = serialBatch(rng, width, config.batch);
        const loss = tf.tidy(() => {
          const { steps, labels } = tensorsOf(batch);
          return optimizer.minimize(() => lossOf(config.loss, labels, tf.concat(forwardLogits(params, steps), 1)), true, vars)!;
        });
        lossSum += loss.dataSync()[0]!;
        loss.dispose();
      }
      if (stopReason === 'interrupted') break;

      const trainCheck = checkBatch(params, serialBatch(checkRng, maxWidth, 256));
      const longCheck = checkBatch(params, serialBatch(checkRng, SERIAL_CHECK_WIDTH, 128));
      const record: EpochRecord = {
        epoch, loss: lossSum / batches, trainAccuracy: trainCheck.accuracy, heldOutAccuracy: longCheck.accuracy,
        allPairsAccuracy: null, lr, samples: batches * config.batch, seconds: (now() - start) / 1000,
      };
      history.push(record);
      hooks.onEpoch?.(record);

      // Best = right on both checks with the widest margin (a saturated carry is what survives 4096 bits).
      const score = trainCheck.accuracy + longCheck.accuracy + (trainCheck.accuracy === 1 && longCheck.accuracy === 1 ? Math.min(trainCheck.minMargin, longCheck.minMargin) : 0);
      if (!best || score > best.score) { best = { snapshot: takeSnapshot(params), epoch, score }; sinceBest = 0; }
      else if (++sinceBest >= config.patience && lr > config.lrMin) {
        lr = Math.max(config.lrMin, lr / 2);
        (optimizer as unknown as { learningRate: number }).learningRate = lr;
        sinceBest = 0;
      }
      if (best.epoch === epoch && score > 2 && (await (hooks.verify?.(best.snapshot) ?? false))) { stopReason = 'target'; break; }
      if (record.seconds >= config.maxSeconds) { stopReason = 'time'; break; }
      if (hooks.shouldStop?.()) { stopReason = 'interrupted'; break; }
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    disposeParams(params);
    optimizer.dispose();
  }
  if (!best) throw new Error('training stopped before the first epoch finished; nothing to export');
  return { snapshot: best.snapshot, bestEpoch: best.epoch, history, epochsRun: history.length, stopReason, seconds: (now() - start) / 1000 };
}
