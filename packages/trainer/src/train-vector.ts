// The vector model's data and scoring (8 → H → 8, two steps); the loop in loop.ts does the rest.
// Pure TF.js + core: no Node built-ins, so a browser page runs it too.
import * as tf from '@tensorflow/tfjs-core';
import { VECTOR_BITS } from '@lstm-adder/core';
import type { VectorConfig } from './config.js';
import { encodeAllPairs, notebookSplit, PAIR_COUNT, splitHoldout, type VectorPairData } from './data/vector-pairs.js';
import { initParams } from './init.js';
import { disposeParams, forwardLogits, paramList, type LstmParams } from './lstm.js';
import { TrainingLoop, type Batch, type Task } from './loop.js';
import { lossOf, rowMargins } from './objective.js';
import { createRng, shuffle, uniform, type PRNG } from './random.js';
import { snapshotVariables, takeSnapshot, type ParamSnapshot } from './snapshot.js';
import type { TrainHooks, TrainResult } from './train-types.js';

/** The held-out split depends on the seed alone (its own stream), not on anything training does. */
export function vectorSplit(config: VectorConfig): { train: Int32Array; heldOut: Int32Array } {
  if (config.vectorData.kind === 'random') {
    const { train, test } = notebookSplit(
      config.vectorData.samples,
      config.vectorData.testFraction,
      createRng(config.seed, 'data'),
    );
    return { train, heldOut: test };
  }
  if (config.holdout <= 0)
    return { train: Int32Array.from({ length: PAIR_COUNT }, (_, k) => k), heldOut: new Int32Array(0) };
  return splitHoldout(config.holdout, createRng(config.seed, 'holdout'));
}

const fractionCorrect = (ids: Int32Array, correct: Uint8Array): number | null => {
  if (ids.length === 0) return null;
  let n = 0;
  for (const k of ids) n += correct[k]!;
  return n / ids.length;
};

export interface VectorTaskOptions {
  /** Start from these weights instead of a fresh initialisation. */
  init?: ParamSnapshot;
  /** The encoded pairs (default: every pair with its true sum). Tests pass altered targets to prove what training
   *  reads. */
  data?: VectorPairData;
}

export function vectorTask(config: VectorConfig, options: VectorTaskOptions = {}): Task {
  const rng = createRng(config.seed);
  const { train, heldOut } = vectorSplit(config);
  const { first, second, target } = options.data ?? encodeAllPairs();
  const X1 = tf.tensor2d(first, [PAIR_COUNT, VECTOR_BITS]);
  const X2 = tf.tensor2d(second, [PAIR_COUNT, VECTOR_BITS]);
  const Y = tf.tensor2d(target, [PAIR_COUNT, VECTOR_BITS]);
  const params = options.init
    ? snapshotVariables(options.init)
    : initParams({ inputSize: VECTOR_BITS, hiddenSize: config.hidden, outputSize: VECTOR_BITS }, rng, config.init);
  let margins: Float32Array = new Float32Array(PAIR_COUNT);

  function* batches(epoch: number): Generator<Batch> {
    const ids = composeEpoch(config, epoch, train, margins, rng);
    for (let s = 0; s < ids.length; s += config.batch) {
      const slice = ids.subarray(s, s + config.batch);
      yield {
        ids: slice,
        size: slice.length,
        loss: () => {
          const at = tf.tensor1d(slice, 'int32');
          const logits = forwardLogits(params, [tf.gather(X1, at), tf.gather(X2, at)], [1])[0]!;
          return lossOf(config.loss, tf.gather(Y, at), logits);
        },
      };
    }
  }

  const marginsOf = (p: LstmParams) =>
    tf.tidy(() => rowMargins(config.loss, Y, forwardLogits(p, [X1, X2], [1])[0]!).dataSync() as Float32Array);
  return {
    variables: paramList(params),
    snapshot: () => takeSnapshot(params),
    batches,
    split: { train: train.length, heldOut: heldOut.length },
    heldOutPairs: heldOut,
    score() {
      // One forward pass over all pairs; the mining of the next epoch uses the training pairs' margins only.
      margins = marginsOf(params);
      const correct = Uint8Array.from(margins, (m) => (m > 0 ? 1 : 0));
      const trainAccuracy = fractionCorrect(train, correct)!;
      return {
        trainAccuracy,
        score: trainAccuracy,
        candidate: trainAccuracy === 1,
        heldOutAccuracy: fractionCorrect(heldOut, correct),
        allPairsAccuracy: correct.reduce((n, c) => n + c, 0) / PAIR_COUNT,
      };
    },
    dispose: () => {
      tf.dispose([X1, X2, Y]);
      disposeParams(params);
    },
  };
}

export function trainVector(
  config: VectorConfig,
  hooks: TrainHooks = {},
  options: VectorTaskOptions = {},
): Promise<TrainResult> {
  return new TrainingLoop(config, vectorTask(config, options), hooks).run();
}

/**
 * The pairs of one epoch, shuffled. The notebook's recipe: its fixed random sample. The default ("mined"):
 * every training pair (or `easyFraction` of the confident ones), plus `hardRepeat` extra copies of each pair whose
 * worst-bit margin is under `hardMargin` and `wrongRepeat` more of each pair still wrong: once most pairs are learnt,
 * a plain pass is mostly gradient from pairs that are already right, and the long carry chains stay wrong.
 */
export function composeEpoch(
  config: VectorConfig,
  epoch: number,
  train: Int32Array,
  margins: Float32Array,
  rng: PRNG,
): Int32Array {
  const data = config.vectorData;
  const out: number[] = [];
  if (data.kind === 'random' || epoch === 1) {
    out.push(...train);
  } else {
    for (const k of train) {
      const m = margins[k]!;
      const copies =
        m < data.hardMargin
          ? 1 + data.hardRepeat + (m <= 0 ? data.wrongRepeat : 0)
          : uniform(rng) < data.easyFraction
            ? 1
            : 0;
      for (let r = 0; r < copies; r++) out.push(k);
    }
  }
  const ids = Int32Array.from(out);
  shuffle(rng, ids);
  return ids;
}
