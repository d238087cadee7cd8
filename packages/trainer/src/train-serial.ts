// The bit-serial model's data and scoring (2 → H → 1, one bit pair per step, LSB first, one carry step);
// the loop in loop.ts does the rest. Each batch has its own random width so the learned carry does not depend
// on the length. Its weights, gradients and checks are plain arrays (lstm-grad.ts; a TF.js kernel per step costs far
// more than the arithmetic at this size), stepped by adam.ts, TF.js's Adam to the last bit. No Node built-ins.
import type { Loss, SerialConfig } from './config.js';
import { encodeSerialBatch, serialBatch, type SerialBatch } from './data/serial-batches.js';
import { initialWeights } from './init.js';
import type { LstmShape } from './lstm.js';
import type { Batch, Task } from './loop.js';
import { lossAndGrads, type Regularisers, sequenceMargins, type ParamGrads, type Sequences } from './lstm-grad.js';
import type { ParamSnapshot } from './snapshot.js';
import { createRng, gaussian, randInt } from './random.js';

/** Width of the per-epoch check, beyond the training widths: a carry that drifts fails here first. */
export const SERIAL_CHECK_WIDTH = 64;

/** A batch as lstm-grad.ts reads it: an input and a target every step. */
const sequencesOf = (batch: SerialBatch): Sequences => ({
  size: batch.size,
  inputs: batch.steps,
  targets: batch.targets,
});

/** Exact-match rate and the smallest margin over all bits of a batch, against the loss's own decision threshold. */
export function scoreSerialBatch(
  weights: ParamSnapshot,
  batch: SerialBatch,
  loss: Loss,
): { accuracy: number; minMargin: number } {
  const rowMin = sequenceMargins(weights, sequencesOf(batch), loss);
  let right = 0,
    minMargin = Infinity;
  for (const m of rowMin) {
    if (m > 0) right++;
    minMargin = Math.min(minMargin, m);
  }
  return { accuracy: right / rowMin.length, minMargin };
}

/** The sizes of the parameters laid end to end in one flat vector (kernel | recurrent | bias | denseW | denseB), the
 *  one vector Adam steps. */
function flatSizes({ inputSize: I, hiddenSize: H, outputSize: O }: LstmShape): number[] {
  return [I * 4 * H, H * 4 * H, 4 * H, H * O, O];
}

/** Views of a flat vector as the five parameters (no copy). */
function unflatten(shape: LstmShape, sizes: number[], data: Float32Array): ParamSnapshot {
  const views: Float32Array[] = [];
  let at = 0;
  for (const n of sizes) {
    views.push(data.subarray(at, at + n));
    at += n;
  }
  const [kernel, recurrent, bias, denseW, denseB] = views as [
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
    Float32Array,
  ];
  return { ...shape, kernel, recurrent, bias, denseW, denseB };
}

function flatten(p: ParamGrads, total: number): Float32Array {
  const out = new Float32Array(total);
  let at = 0;
  for (const part of [p.kernel, p.recurrent, p.bias, p.denseW, p.denseB]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Rows of the per-epoch checks: a small look every epoch (the curves), and a larger one only when the small one
 *  is all right (then the checks decide whether core is asked). At H = 3 a check row costs about as much as a
 *  training row, so checking as much as training would double the time to exact. */
const CHECK_ROWS = { train: 128, long: 32, confirm: 256 };

/** The sums the prover found wrong that regression batches replay (the latest first to go when it is full). */
const REGRESSION_SUMS = 64;

/** The serial task: a Task that also takes the sums the prover finds wrong, to train on them. */
export interface SerialTask extends Task {
  addRegression(a: bigint, b: bigint): void;
}

export function serialTask(config: SerialConfig): SerialTask {
  const rng = createRng(config.seed);
  const checkRng = createRng(config.seed, 'check');
  const shape: LstmShape = { inputSize: 2, hiddenSize: config.hidden, outputSize: 1 };
  const sizes = flatSizes(shape);
  const total = sizes.reduce((n, k) => n + k, 0);
  // Drawn by lstm.ts, so both models start from the same code; a restart draws the next weights of the same stream.
  const fresh = () => flatten(initialWeights(shape, rng, config.init, config.initScale), total);
  const params = fresh();
  // a copy: the loop keeps snapshots while training goes on
  const snapshot = () => unflatten(shape, sizes, params.slice());
  const [minWidth, maxWidth] = config.trainWidths;
  const regularisers: Regularisers = {
    cellPenalty: config.cellPenalty,
    ...(config.stateNoise > 0
      ? { stateNoise: { sigma: config.stateNoise, gauss: gaussian(createRng(config.seed, 'noise')) } }
      : {}),
  };
  const regression: [bigint, bigint][] = [];

  /** Every regressionEvery-th batch: the sums the prover found wrong, repeated to fill the batch. */
  const regressionBatch = (): SerialBatch => {
    const rows = Array.from({ length: config.batch }, (_, r) => regression[r % regression.length]!);
    const width = Math.max(...rows.map(([a, b]) => Math.max(a.toString(2).length, b.toString(2).length)));
    return encodeSerialBatch(
      rows.map(([a]) => a),
      rows.map(([, b]) => b),
      width,
    );
  };

  let step = 0;
  function* batches(): Generator<Batch> {
    for (let k = 0; k < config.batchesPerEpoch; k++) {
      step++;
      const long = config.longBatches !== null && step % config.longBatches[0] === 0;
      const replay = regression.length > 0 && config.regressionEvery > 0 && step % config.regressionEvery === 0;
      const width = long ? config.longBatches![1] : minWidth + randInt(rng, maxWidth - minWidth + 1);
      const batch = replay ? regressionBatch() : serialBatch(rng, width, config.batch, config.chainRows);
      yield {
        size: config.batch,
        width: batch.width,
        gradients: () => {
          const weights = unflatten(shape, sizes, params);
          const { loss, grads } = lossAndGrads(weights, sequencesOf(batch), config.loss, regularisers);
          return { loss, grads: [flatten(grads, total)] };
        },
      };
    }
  }

  return {
    params,
    snapshot,
    batches,
    addRegression(a, b) {
      regression.push([a, b]);
      if (regression.length > REGRESSION_SUMS) regression.shift();
    },
    score() {
      const weights = snapshot();
      const train = scoreSerialBatch(weights, serialBatch(checkRng, maxWidth, CHECK_ROWS.train), config.loss);
      const long = scoreSerialBatch(weights, serialBatch(checkRng, SERIAL_CHECK_WIDTH, CHECK_ROWS.long), config.loss);
      let exact = train.accuracy === 1 && long.accuracy === 1;
      let minMargin = Math.min(train.minMargin, long.minMargin);
      if (exact) {
        const more = [maxWidth, SERIAL_CHECK_WIDTH].map((w) =>
          scoreSerialBatch(weights, serialBatch(checkRng, w, CHECK_ROWS.confirm), config.loss),
        );
        exact = more.every((c) => c.accuracy === 1);
        minMargin = Math.min(minMargin, ...more.map((c) => c.minMargin));
      }
      // Best = right on the checks with the widest margin (a saturated carry is what survives 4096 bits).
      return {
        trainAccuracy: train.accuracy,
        heldOutAccuracy: long.accuracy,
        allPairsAccuracy: null,
        score: train.accuracy + long.accuracy + (exact ? minMargin : 0),
        candidate: exact,
      };
    },
    restart: () => params.set(fresh()),
    dispose: () => {}, // no tensors
  };
}
