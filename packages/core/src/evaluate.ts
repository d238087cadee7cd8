// Exhaustive and sampled evaluations of an adder against arithmetic.
import type { Adder } from './adder-types.js';
import { mulberry32, randomBigInt } from './random.js';
import { VECTOR_MAX_OPERAND } from './bits.js';

export interface PairsEvaluation {
  total: number;
  correct: number;
  accuracy: number;
  wrong: { a: number; b: number; expected: number; got: number }[];
}

function* allPairs(): Generator<[number, number]> {
  for (let a = 0; a <= VECTOR_MAX_OPERAND; a++) for (let b = 0; b <= VECTOR_MAX_OPERAND; b++) yield [a, b];
}

/** Exact-match accuracy of a vector adder over `pairs` (default: all 16,384 pairs of 0..127), with every wrong pair. */
export function evaluateAllPairs(adder: Adder, pairs: Iterable<[number, number]> = allPairs()): PairsEvaluation {
  if (adder.arch !== 'vector')
    throw new TypeError(`evaluateAllPairs needs a vector adder, got a ${adder.arch} one (use evaluateSerial)`);
  let total = 0;
  const wrong: PairsEvaluation['wrong'] = [];
  for (const [a, b] of pairs) {
    total++;
    const got = Number(adder.add(a, b).sum);
    if (got !== a + b) wrong.push({ a, b, expected: a + b, got });
  }
  const correct = total - wrong.length;
  return { total, correct, accuracy: total ? correct / total : 0, wrong };
}

export interface SerialEvaluation {
  total: number;
  correct: number;
  accuracy: number;
  byWidth: { width: number; samples: number; correct: number; accuracy: number }[];
  /** The first wrong pairs (at most 20), as decimal strings. */
  wrong: { a: string; b: string; width: number }[];
}

export interface SerialEvaluationOptions {
  /** Operand widths in bits: each pair draws a and b uniformly from [0, 2^width). */
  widths: number[];
  /** Pairs per width: one count for all, or one per width. */
  samples: number | number[];
  seed: number;
}

const MAX_WRONG_LISTED = 20;

/** Exact-match accuracy of a serial adder on seeded random pairs of each width. */
export function evaluateSerial(adder: Adder, { widths, samples, seed }: SerialEvaluationOptions): SerialEvaluation {
  if (adder.arch !== 'serial')
    throw new TypeError(`evaluateSerial needs a serial adder, got a ${adder.arch} one (use evaluateAllPairs)`);
  const next = mulberry32(seed);
  const wrong: SerialEvaluation['wrong'] = [];
  const byWidth = widths.map((width, k) => {
    const count = Array.isArray(samples) ? (samples[k] ?? 0) : samples;
    let correct = 0;
    for (let s = 0; s < count; s++) {
      const a = randomBigInt(next, width);
      const b = randomBigInt(next, width);
      if (adder.add(a, b).sum === a + b) correct++;
      else if (wrong.length < MAX_WRONG_LISTED) wrong.push({ a: a.toString(), b: b.toString(), width });
    }
    return { width, samples: count, correct, accuracy: count ? correct / count : 0 };
  });
  const total = byWidth.reduce((n, w) => n + w.samples, 0);
  const correct = byWidth.reduce((n, w) => n + w.correct, 0);
  return { total, correct, accuracy: total ? correct / total : 0, byWidth, wrong };
}
