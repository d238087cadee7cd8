// Verification of an exported model with core's forward pass (the code the Worker and the page run),
// plus the parity check that TF.js and core compute the same outputs from the same JSON.
import * as tf from '@tensorflow/tfjs-core';
import { createAdder, encodeVector, evaluateAllPairs, evaluateSerial, forward, type Weights } from '@lstm-adder/core';
import { encodeSerialBatch, randomOperand } from './data/serial-batches.js';
import { pairOf, PAIR_COUNT, encodeAllPairs } from './data/vector-pairs.js';
import { fromWeights } from './export.js';
import { snapshotTensors } from './snapshot.js';
import { forwardLogits, disposeParams } from './lstm.js';
import { createRng } from './random.js';

export const SERIAL_VERIFICATION = { widths: [8, 16, 32, 64, 1024, 4096], samples: [10_000, 10_000, 10_000, 10_000, 100, 100], seed: 20_241_126 };
/** Largest |TF.js − core| output difference accepted. */
export const PARITY_TOLERANCE = 1e-5;

export interface VectorVerification {
  allPairs: { total: number; correct: number; accuracy: number; wrong: { a: number; b: number; expected: number; got: number }[] };
  heldOut: { total: number; correct: number; accuracy: number; wrong: { a: number; b: number; expected: number; got: number }[] } | null;
  passed: boolean;
}

export function verifyVector(weights: Weights, heldOutPairs: Int32Array = new Int32Array(0)): VectorVerification {
  const adder = createAdder(weights);
  const allPairs = evaluateAllPairs(adder);
  const heldOut = heldOutPairs.length ? evaluateAllPairs(adder, Array.from(heldOutPairs, pairOf)) : null;
  return { allPairs, heldOut, passed: allPairs.correct === allPairs.total };
}

export type SerialVerification = ReturnType<typeof evaluateSerial> & { passed: boolean; seed: number };

export function verifySerial(weights: Weights, plan = SERIAL_VERIFICATION): SerialVerification {
  const result = evaluateSerial(createAdder(weights), plan);
  return { ...result, passed: result.correct === result.total, seed: plan.seed };
}

const activate = (w: Weights, y: number): number => (w.outputActivation === 'sigmoid' ? 1 / (1 + Math.exp(-y)) : y);

/** Max |TF.js output − core output| over all vector pairs, or over seeded 64-bit serial sums (every step). */
export function parityCheck(weights: Weights): { maxAbsDiff: number; compared: number; tolerance: number; passed: boolean } {
  const params = snapshotTensors(fromWeights(weights));
  let maxAbsDiff = 0, compared = 0;
  try {
    if (weights.arch === 'vector') {
      const { first, second } = encodeAllPairs();
      const logits = tf.tidy(() => forwardLogits(params, [tf.tensor2d(first, [PAIR_COUNT, 8]), tf.tensor2d(second, [PAIR_COUNT, 8])], [1])[0]!.dataSync());
      for (let k = 0; k < PAIR_COUNT; k++) {
        const [a, b] = pairOf(k);
        const core = forward(weights, encodeVector(a, b)).outputs[1]!;
        for (let j = 0; j < 8; j++, compared++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(activate(weights, logits[k * 8 + j]!) - core[j]!));
      }
    } else {
      const rng = createRng('parity'), width = 64, n = 64;
      const a = Array.from({ length: n }, () => randomOperand(rng, width)), b = Array.from({ length: n }, () => randomOperand(rng, width));
      const batch = encodeSerialBatch(a, b, width);
      const logits = tf.tidy(() => forwardLogits(params, batch.steps.map((s) => tf.tensor2d(s, [n, 2]))).map((t) => t.dataSync()));
      for (let r = 0; r < n; r++) {
        const core = forward(weights, batch.steps.map((s) => [s[2 * r]!, s[2 * r + 1]!])).outputs;
        for (let t = 0; t <= width; t++, compared++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(activate(weights, logits[t]![r]!) - core[t]![0]!));
      }
    }
  } finally {
    disposeParams(params);
  }
  return { maxAbsDiff, compared, tolerance: PARITY_TOLERANCE, passed: maxAbsDiff <= PARITY_TOLERANCE };
}
