// The bit-serial model's data and scoring (2 → H → 1, one bit pair per step, LSB first, one carry step);
// the loop in loop.ts does the rest. Each batch has its own random width so the learned carry does not depend
// on the length. Pure TF.js + core: no Node built-ins.
import * as tf from '@tensorflow/tfjs-core';
import type { Loss, TrainConfig } from './config.js';
import { serialBatch, type SerialBatch } from './data/serial-batches.js';
import { forwardLogitsStacked, initParams, type LstmParams } from './lstm.js';
import { TrainingLoop, type Batch, type Task } from './loop.js';
import { lossOf, rowMargins } from './objective.js';
import { createRng, randInt } from './random.js';
import type { TrainHooks, TrainResult } from './train-types.js';

/** Width of the per-epoch TF.js check, beyond the training widths: a carry that drifts fails here first. */
export const SERIAL_CHECK_WIDTH = 64;

/** The batch's steps ([B, 2] each) and its sum bits as one [T·B, 1] column, time-major like forwardLogitsStacked. */
function tensorsOf(batch: SerialBatch): { steps: tf.Tensor2D[]; labels: tf.Tensor2D } {
  const size = batch.a.length;
  const labels = new Float32Array(batch.targets.length * size);
  batch.targets.forEach((t, k) => labels.set(t, k * size));
  return { steps: batch.steps.map((s) => tf.tensor2d(s, [size, 2])), labels: tf.tensor2d(labels, [labels.length, 1]) };
}

/** Exact-match rate and the smallest margin over all bits of a batch, against the loss's own decision threshold. */
export function scoreSerialBatch(params: LstmParams, batch: SerialBatch, loss: Loss): { accuracy: number; minMargin: number } {
  const rowMin = tf.tidy(() => {
    const { steps, labels } = tensorsOf(batch);
    const byRow = (x: tf.Tensor2D) => tf.transpose(tf.reshape(x, [steps.length, batch.a.length])) as tf.Tensor2D; // [B, T]
    return rowMargins(loss, byRow(labels), byRow(forwardLogitsStacked(params, steps))).dataSync();
  });
  let right = 0, minMargin = Infinity;
  for (const m of rowMin) { if (m > 0) right++; minMargin = Math.min(minMargin, m); }
  return { accuracy: right / rowMin.length, minMargin };
}

export function serialTask(config: TrainConfig): Task {
  const rng = createRng(config.seed);
  const checkRng = createRng(config.seed, 'check');
  const params = initParams({ inputSize: 2, hiddenSize: config.hidden, outputSize: 1 }, rng);
  const [minWidth, maxWidth] = config.trainWidths;

  function* batches(): Generator<Batch> {
    for (let k = 0; k < config.batchesPerEpoch; k++) {
      const batch = serialBatch(rng, minWidth + randInt(rng, maxWidth - minWidth + 1), config.batch);
      yield {
        size: config.batch,
        loss: () => {
          const { steps, labels } = tensorsOf(batch);
          return lossOf(config.loss, labels, forwardLogitsStacked(params, steps));
        },
      };
    }
  }

  return {
    params, batches,
    score() {
      const train = scoreSerialBatch(params, serialBatch(checkRng, maxWidth, 256), config.loss);
      const long = scoreSerialBatch(params, serialBatch(checkRng, SERIAL_CHECK_WIDTH, 1024), config.loss);
      const exact = train.accuracy === 1 && long.accuracy === 1;
      // Best = right on both checks with the widest margin (a saturated carry is what survives 4096 bits).
      return {
        trainAccuracy: train.accuracy, heldOutAccuracy: long.accuracy, allPairsAccuracy: null,
        score: train.accuracy + long.accuracy + (exact ? Math.min(train.minMargin, long.minMargin) : 0), candidate: exact,
      };
    },
    dispose: () => {},
  };
}

export function trainSerial(config: TrainConfig, hooks: TrainHooks = {}): Promise<TrainResult> {
  return new TrainingLoop(config, serialTask(config), hooks).run();
}
