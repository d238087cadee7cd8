// The vector model's data: all 16,384 pairs of 0..127 indexed k = a·128 + b, encoded with core's encodeVector
// so the trainer sees exactly the bits the adders feed the model.
import { encodeVector, toBits, VECTOR_BITS, VECTOR_OPERANDS, VECTOR_PAIRS } from '@lstm-adder/core';
import { type PRNG, randInt, shuffle } from '../random.js';

export const PAIR_COUNT = VECTOR_PAIRS;

export const pairIndex = (a: number, b: number): number => a * VECTOR_OPERANDS + b;
export const pairOf = (k: number): [number, number] => [Math.floor(k / VECTOR_OPERANDS), k % VECTOR_OPERANDS];

export interface VectorPairData {
  /** Row k: bits8(a) of pair k (MSB first). */
  first: Float32Array;
  /** Row k: bits8(b). */
  second: Float32Array;
  /** Row k: bits8(a + b), the target. */
  target: Float32Array;
}

/** Encodes every pair once; rows are gathered by pair index during training. */
export function encodeAllPairs(): VectorPairData {
  const first = new Float32Array(PAIR_COUNT * VECTOR_BITS);
  const second = new Float32Array(PAIR_COUNT * VECTOR_BITS);
  const target = new Float32Array(PAIR_COUNT * VECTOR_BITS);
  for (let k = 0; k < PAIR_COUNT; k++) {
    const [a, b] = pairOf(k);
    const [x1, x2] = encodeVector(a, b) as [number[], number[]];
    first.set(x1, k * VECTOR_BITS);
    second.set(x2, k * VECTOR_BITS);
    target.set(toBits(a + b, VECTOR_BITS), k * VECTOR_BITS);
  }
  return { first, second, target };
}

export interface HoldoutSplit {
  /** Pair indices training may use, ascending. */
  train: Int32Array;
  /** Pair indices training never sees, ascending. */
  heldOut: Int32Array;
}

/** A deterministic split: round(fraction · 16,384) pairs chosen by a seeded shuffle are held out. */
export function splitHoldout(fraction: number, rng: PRNG): HoldoutSplit {
  const order = Int32Array.from({ length: PAIR_COUNT }, (_, k) => k);
  shuffle(rng, order);
  const n = Math.round(fraction * PAIR_COUNT);
  return { heldOut: order.slice(0, n).sort(), train: order.slice(n).sort() };
}

/** The notebook's data: `samples` pairs drawn uniformly with replacement, the first (1 − testFraction) for training. */
export function notebookSplit(
  samples: number,
  testFraction: number,
  rng: PRNG,
): { train: Int32Array; test: Int32Array } {
  const drawn = Int32Array.from({ length: samples }, () =>
    pairIndex(randInt(rng, VECTOR_OPERANDS), randInt(rng, VECTOR_OPERANDS)),
  );
  const nTrain = Math.round(samples * (1 - testFraction));
  return { train: drawn.slice(0, nTrain), test: drawn.slice(nTrain) };
}
