// Verification of an exported model with core's forward pass (the code the Worker and the page run),
// plus the parity check that TF.js and core compute the same outputs from the same JSON.
import * as tf from '@tensorflow/tfjs-core';
import {
  createAdder,
  encodeVector,
  evaluateAllPairs,
  forward,
  mulberry32,
  randomBigInt,
  sigmoid,
  VECTOR_BITS,
  type SerialEvaluation,
  type SerialEvaluationOptions,
  type Weights,
} from '@lstm-adder/core';
import { encodeSerialBatch } from './data/serial-batches.js';
import { pairOf, PAIR_COUNT, encodeAllPairs } from './data/vector-pairs.js';
import { fromWeights } from './export.js';
import { snapshotTensors } from './snapshot.js';
import { forwardLogits, disposeParams } from './lstm.js';
import { createRng } from './random.js';

export const SERIAL_VERIFICATION = {
  widths: [8, 16, 32, 64, 1024, 4096],
  samples: [10_000, 10_000, 10_000, 10_000, 100, 100],
  seed: 20_241_126,
};
/** A cheap first look at a training candidate (about a tenth of the verification's bits, widest first): a carry
 *  that drifts fails here within a few sums. Passing it decides nothing; the verification does. */
export const SERIAL_SCREEN = { widths: [64, 4096], samples: [1_000, 10], seed: 20_241_127 };
/** Largest |TF.js − core| output difference accepted. */
export const PARITY_TOLERANCE = 1e-5;

export interface VectorVerification {
  allPairs: {
    total: number;
    correct: number;
    accuracy: number;
    wrong: { a: number; b: number; expected: number; got: number }[];
  };
  heldOut: {
    total: number;
    correct: number;
    accuracy: number;
    wrong: { a: number; b: number; expected: number; got: number }[];
  } | null;
  passed: boolean;
}

export function verifyVector(weights: Weights, heldOutPairs: Int32Array = new Int32Array(0)): VectorVerification {
  const adder = createAdder(weights);
  const allPairs = evaluateAllPairs(adder);
  const heldOut = heldOutPairs.length ? evaluateAllPairs(adder, Array.from(heldOutPairs, pairOf)) : null;
  return { allPairs, heldOut, passed: allPairs.correct === allPairs.total };
}

export interface SerialVerification extends SerialEvaluation {
  passed: boolean;
  seed: number;
  /** min |y − 0.5| over every bit of every sum checked: how far the least sure bit is from flipping. */
  minMargin: number;
  /** (2^w − 1) + 1 and (2^w − 1) + (2^w − 1) at every width of the plan: a carry across the whole width, which
   *  random operands almost never need (a model can pass every random sum and drop such a carry after 13 bits). */
  carryChains: { total: number; correct: number };
}

export type Plan = SerialEvaluationOptions & { samples: number[] };
/** Every `count`-th sum of the plan from the `index`-th: a share that another thread can check at the same time.
 *  Share 0 also checks the carry chains. */
export interface PlanShare {
  index: number;
  count: number;
}
/** Runs a plan (the verification, or a share of it on another thread): how pipeline.ts asks for a verdict. */
export type PlanRunner = (weights: Weights, plan: Plan, failFast: boolean) => Promise<SerialVerification>;
interface PlannedWidth {
  width: number;
  a: bigint[];
  b: bigint[];
}

/** The plan's sums, drawn exactly as core's evaluateSerial draws them (one mulberry32 stream, width after width). */
const planSums = (() => {
  const memo = new Map<string, PlannedWidth[]>();
  return (plan: Plan): PlannedWidth[] => {
    const key = JSON.stringify(plan);
    let sums = memo.get(key);
    if (!sums) {
      const next = mulberry32(plan.seed);
      sums = plan.widths.map((width, k) => {
        const a: bigint[] = [],
          b: bigint[] = [];
        for (let s = 0; s < plan.samples[k]!; s++) {
          a.push(randomBigInt(next, width));
          b.push(randomBigInt(next, width));
        }
        return { width, a, b };
      });
      memo.set(key, sums);
    }
    return sums;
  };
})();

/**
 * Core's verdict on a serial model over the plan's sums, in chunks of about `chunkBits` bits: the generator yields
 * the fraction done between chunks, so a Web Worker can stay responsive. `failFast` checks the widest sums first
 * (a drifting carry fails there) and stops at the first wrong one: cheap for the many candidates that fail.
 * `share` checks only that share of the sums (mergeVerifications joins the shares); `cancelled` is asked between
 * sums (another share failed fast).
 */
export function* verifySerialSteps(
  weights: Weights,
  plan: Plan = SERIAL_VERIFICATION,
  {
    failFast = false,
    chunkBits = 1 << 16,
    share = { index: 0, count: 1 },
    cancelled = () => false,
  }: { failFast?: boolean; chunkBits?: number; share?: PlanShare; cancelled?: () => boolean } = {},
): Generator<number, SerialVerification> {
  const adder = createAdder(weights);
  const sums = planSums(plan);
  const { index: first, count: every } = share;
  const inShare = (n: number) => Math.max(0, Math.ceil((n - first) / every));
  const totalBits = sums.reduce((n, w) => n + w.width * inShare(w.a.length), 0);
  const byWidth = sums.map(({ width, a }) => ({ width, samples: inShare(a.length), correct: 0, accuracy: 0 }));
  const wrong: SerialVerification['wrong'] = [];
  const order = sums.map((_, k) => k);
  if (failFast) order.sort((x, y) => sums[y]!.width - sums[x]!.width);
  let bits = 0,
    sinceYield = 0,
    minMargin = Infinity,
    stopped = false;
  const carryChains = { total: 0, correct: 0 };
  for (const width of first === 0 ? plan.widths : []) {
    const ones = (1n << BigInt(width)) - 1n;
    for (const b of [1n, ones]) {
      carryChains.total++;
      if (adder.add(ones, b).sum === ones + b) carryChains.correct++;
      else stopped ||= failFast;
    }
  }
  for (const k of order) {
    const { width, a, b } = sums[k]!;
    for (let s = first; s < a.length && !stopped && !(failFast && cancelled()); s += every) {
      const r = adder.add(a[s]!, b[s]!);
      minMargin = Math.min(minMargin, r.margin);
      if (r.sum === a[s]! + b[s]!) byWidth[k]!.correct++;
      else {
        if (wrong.length < 20) wrong.push({ a: a[s]!.toString(), b: b[s]!.toString(), width });
        stopped = failFast;
      }
      bits += width;
      sinceYield += width;
      if (sinceYield >= chunkBits) {
        sinceYield = 0;
        yield bits / totalBits;
      }
    }
  }
  for (const w of byWidth) w.accuracy = w.samples ? w.correct / w.samples : 0;
  return summarise(byWidth, wrong, plan.seed, minMargin, carryChains);
}

function summarise(
  byWidth: SerialVerification['byWidth'],
  wrong: SerialVerification['wrong'],
  seed: number,
  minMargin: number,
  carryChains: SerialVerification['carryChains'],
): SerialVerification {
  const total = byWidth.reduce((n, w) => n + w.samples, 0),
    correct = byWidth.reduce((n, w) => n + w.correct, 0);
  const passed = correct === total && carryChains.correct === carryChains.total;
  return {
    total,
    correct,
    accuracy: total ? correct / total : 0,
    byWidth,
    wrong,
    passed,
    seed,
    minMargin,
    carryChains,
  };
}

/** One verdict from the shares of a plan (counts added, the smallest margin, the first 20 wrong sums by width). */
export function mergeVerifications(parts: SerialVerification[]): SerialVerification {
  const byWidth = parts[0]!.byWidth.map(({ width }, k) => {
    const samples = parts.reduce((n, p) => n + p.byWidth[k]!.samples, 0),
      correct = parts.reduce((n, p) => n + p.byWidth[k]!.correct, 0);
    return { width, samples, correct, accuracy: samples ? correct / samples : 0 };
  });
  const wrong = parts
    .flatMap((p) => p.wrong)
    .sort((x, y) => x.width - y.width)
    .slice(0, 20);
  const carryChains = {
    total: parts.reduce((n, p) => n + p.carryChains.total, 0),
    correct: parts.reduce((n, p) => n + p.carryChains.correct, 0),
  };
  return summarise(byWidth, wrong, parts[0]!.seed, Math.min(...parts.map((p) => p.minMargin)), carryChains);
}

/** Runs a plan on this thread, a Worker's turn given between chunks. */
export const runPlanHere: PlanRunner = (weights, plan, failFast) =>
  drainAsync(verifySerialSteps(weights, plan, { failFast }));

/** Runs a verification generator to its end without yielding. */
export function drain<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs a verification generator to its end, giving the event loop a turn between chunks (a Worker's messages). */
export async function drainAsync<T>(steps: Generator<unknown, T>): Promise<T> {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

export const verifySerial = (
  weights: Weights,
  plan: Plan = SERIAL_VERIFICATION,
  options: { failFast?: boolean } = {},
): SerialVerification => drain(verifySerialSteps(weights, plan, options));

const activate = (w: Weights, y: number): number => (w.outputActivation === 'sigmoid' ? sigmoid(y) : y);

/** Max |TF.js output − core output| over all vector pairs, or over seeded 64-bit serial sums (every step). */
export function parityCheck(weights: Weights): {
  maxAbsDiff: number;
  compared: number;
  tolerance: number;
  passed: boolean;
} {
  const params = snapshotTensors(fromWeights(weights));
  let maxAbsDiff = 0,
    compared = 0;
  try {
    if (weights.arch === 'vector') {
      const { first, second } = encodeAllPairs();
      const logits = tf.tidy(() =>
        forwardLogits(
          params,
          [tf.tensor2d(first, [PAIR_COUNT, VECTOR_BITS]), tf.tensor2d(second, [PAIR_COUNT, VECTOR_BITS])],
          [1],
        )[0]!.dataSync(),
      );
      for (let k = 0; k < PAIR_COUNT; k++) {
        const [a, b] = pairOf(k);
        const core = forward(weights, encodeVector(a, b)).outputs[1]!;
        for (let j = 0; j < VECTOR_BITS; j++, compared++)
          maxAbsDiff = Math.max(maxAbsDiff, Math.abs(activate(weights, logits[k * VECTOR_BITS + j]!) - core[j]!));
      }
    } else {
      const rng = createRng(0, 'parity'),
        width = 64,
        n = 64;
      const a = Array.from({ length: n }, () => randomBigInt(rng, width)),
        b = Array.from({ length: n }, () => randomBigInt(rng, width));
      const batch = encodeSerialBatch(a, b, width);
      const logits = tf.tidy(() =>
        forwardLogits(
          params,
          batch.steps.map((s) => tf.tensor2d(s, [n, 2])),
        ).map((t) => t.dataSync()),
      );
      for (let r = 0; r < n; r++) {
        const core = forward(
          weights,
          batch.steps.map((s) => [s[2 * r]!, s[2 * r + 1]!]),
        ).outputs;
        for (let t = 0; t <= width; t++, compared++)
          maxAbsDiff = Math.max(maxAbsDiff, Math.abs(activate(weights, logits[t]![r]!) - core[t]![0]!));
      }
    }
  } finally {
    disposeParams(params);
  }
  return { maxAbsDiff, compared, tolerance: PARITY_TOLERANCE, passed: maxAbsDiff <= PARITY_TOLERANCE };
}
