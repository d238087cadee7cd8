// The vector model's domain is finite: 16,384 pairs. Each pair's two steps are enclosed (affine.ts, here with no
// noise symbols: outward-rounded intervals of width ~1e-11), so a pair is proven right on any engine that meets the
// Math.exp assumption, not only on the one that ran it. core's vector adder tables e^(−z) of two parts of each
// pre-activation (vector-adder.ts); within ±350 that product stays inside the enclosures' evaluation error.
import { VECTOR_BITS, VECTOR_MAX_OPERAND, toBits } from '../bits.js';
import { cellStep, inputTerm, recurrentTerm } from '../cell.js';
import { pack } from '../packed.js';
import type { Weights } from '../weights.js';
import { encloseStep, StepScratch, stepModel, radius } from './affine.js';

export interface VectorProof {
  proven: boolean;
  method: 'enumeration';
  pairs: number;
  /** Pairs proven right. */
  right: number;
  /** Pairs the model certainly gets wrong (the first 20). */
  wrong: { a: number; b: number }[];
  /** Pairs the enclosures could not decide (an output within ~1e-11 of its threshold). */
  undecided: number;
  /** The smallest certified distance of an output from 0.5 (identity output) or of a logit from 0 (sigmoid). */
  minMargin: number | null;
  seconds: number;
  failure?: string;
}

/** core's vector adder clamps each tabled exponent to ±350 (vector-adder.ts). */
const CLAMP = 350;

export function proveVector(weights: Weights): VectorProof {
  if (weights.arch !== 'vector') throw new TypeError(`expected a vector model, got arch "${weights.arch}"`);
  const started = performance.now();
  const p = pack(weights);
  const m = stepModel(p);
  const { H, O } = p;
  const G = 4 * H;
  const sigmoid = weights.outputActivation === 'sigmoid';
  // A bit is 1 when the output is ≥ 0.5: with a sigmoid, when the logit is ≥ 1e-11 for certain (σ of a smaller
  // positive logit may round to just under 0.5 under the Math.exp assumption), 0 when it is ≤ −1e-11.
  const one = sigmoid ? 1e-11 : 0.5;
  const zero = sigmoid ? -1e-11 : 0.5;
  const N = VECTOR_MAX_OPERAND + 1;
  const inpX = new Float64Array(N * G);
  for (let x = 0; x < N; x++) inputTerm(p, toBits(x, VECTOR_BITS), inpX, x * G);
  const scratch = new StepScratch(H, 0);
  const S = 2;
  const zeroState = new Float64Array(2 * H * S);
  const first = new Float64Array(2 * H * S);
  const second = new Float64Array(2 * H * S);
  const logits = new Float64Array(O * S);
  const h = new Float64Array(H);
  const c = new Float64Array(H);
  const rec = new Float64Array(G);
  const beyond = (z: ArrayLike<number>) => {
    for (let q = 0; q < G; q++) {
      const scale = Math.floor(q / H) === 2 ? 2 : 1;
      if (Math.abs((z[q] as number) * scale) > CLAMP) return true;
    }
    return false;
  };
  const base = { method: 'enumeration' as const, pairs: N * N };
  let right = 0;
  let undecided = 0;
  let minMargin = Number.POSITIVE_INFINITY;
  const wrong: { a: number; b: number }[] = [];
  /** Stops unproven: every pair not yet proven right is undecided. */
  const stop = (failure: string): VectorProof => ({
    ...base,
    proven: false,
    right,
    wrong,
    undecided: N * N - right,
    minMargin: null,
    seconds: (performance.now() - started) / 1000,
    failure,
  });
  if (beyond(inpX.map((x) => x))) return stop('an input term is beyond ±350, where core clamps');
  for (let a = 0; a < N; a++) {
    h.fill(0);
    c.fill(0);
    cellStep(p, h, c, inpX, a * G);
    recurrentTerm(p, h, rec);
    if (beyond(rec)) return stop(`a pre-activation for a = ${a} is beyond ±350, where core clamps`);
    if (!encloseStep(m, scratch, zeroState, 0, inpX, a * G, first, logits)) return stop('a bound is not finite');
    for (let b = 0; b < N; b++) {
      if (!encloseStep(m, scratch, first, 0, inpX, b * G, second, logits)) {
        undecided++;
        continue;
      }
      const sum = toBits(a + b, VECTOR_BITS);
      let pairMargin = Number.POSITIVE_INFINITY;
      let certainlyWrong = false;
      for (let k = 0; k < O; k++) {
        const y = logits[k * S] as number;
        const r = radius(logits, k * S, 0, 0);
        const margin = sum[k] ? y - r - one : zero - (y + r);
        pairMargin = Math.min(pairMargin, margin);
        if (sum[k] ? y + r < zero : y - r >= one) certainlyWrong = true;
      }
      if (pairMargin > 0) {
        right++;
        minMargin = Math.min(minMargin, pairMargin);
      } else if (certainlyWrong) {
        if (wrong.length < 20) wrong.push({ a, b });
      } else undecided++;
    }
  }
  const wrongCount = N * N - right - undecided;
  const proven = right === N * N;
  return {
    ...base,
    proven,
    right,
    wrong,
    undecided,
    minMargin: proven ? minMargin : null,
    seconds: (performance.now() - started) / 1000,
    ...(proven ? {} : { failure: `${wrongCount} pairs wrong, ${undecided} undecided` }),
  };
}
