// Sound enclosures of one LSTM step over a set of states, in affine arithmetic: every quantity is an affine form
// x0 + Σ x_k·ε_k ± e (ε_k ∈ [−1, 1] shared noise symbols, e ≥ 0 an independent error). A form contains every value
// core's float64 forward pass can compute from any state in the input set: the step's rounding, the σ and tanh
// linearisation errors and core's own evaluation errors are all charged to e. The one assumption: Math.exp is within
// 2^-44 relative error of e^x (V8's is within 1 ulp), so core's σ and tanh are within EVAL_ERROR of the true ones.
import { sigmoid, tanh } from '../cell.js';
import type { PackedWeights } from '../packed.js';

/** |core's σ or tanh − the true function| under the Math.exp assumption (2^-43 derived; 2^-40 charged). */
export const EVAL_ERROR = 2 ** -40;
const U = 2 ** -52;
/** Charged per form for results that may underflow. */
const TINY = 1e-300;

/**
 * A set of states: 2H forms (h_0…h_{H−1}, c_0…c_{H−1}), each `stride` = K + 2 numbers: the centre, K coefficients,
 * then the error. Only the first `kc` symbols are in use.
 */
export interface Forms {
  data: Float64Array;
  K: number;
}

export const stride = (K: number): number => K + 2;

/** Radius of form `f` at `off`: Σ|x_k| + e, rounded up. */
export function radius(data: Float64Array, off: number, kc: number, K: number): number {
  let r = data[off + 1 + K] as number;
  for (let k = 0; k < kc; k++) r += Math.abs(data[off + 1 + k] as number);
  return r * (1 + 4 * U) + TINY;
}

/**
 * f(x) ⊂ α·x + ζ ± δ for x in [lo, hi], f = σ or tanh (min-range: α is the smaller end slope, so f − α·x is
 * nondecreasing and its range is its two end values). δ includes core's evaluation error. Writes [α, ζ, δ].
 */
export function minRange(lo: number, hi: number, isTanh: boolean, out: Float64Array): boolean {
  if (!(lo <= hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) return false;
  const vLo = isTanh ? tanh(lo) : sigmoid(lo);
  const vHi = isTanh ? tanh(hi) : sigmoid(hi);
  // σ' = σ(1 − σ), tanh' = 1 − tanh², from values within EVAL_ERROR of the truth: within 4·EVAL_ERROR of it.
  const dLo = isTanh ? 1 - vLo * vLo : vLo * (1 - vLo);
  const dHi = isTanh ? 1 - vHi * vHi : vHi * (1 - vHi);
  const alpha = Math.max(0, Math.min(dLo, dHi) - 4 * EVAL_ERROR);
  const fLo = vLo - EVAL_ERROR;
  const fHi = vHi + EVAL_ERROR;
  const aLo = alpha * lo;
  const aHi = alpha * hi;
  const gLo = fLo - aLo - U * (Math.abs(aLo) + Math.abs(fLo)) * 2;
  const gHi = fHi - aHi + U * (Math.abs(aHi) + Math.abs(fHi)) * 2;
  out[0] = alpha;
  out[1] = 0.5 * (gLo + gHi);
  // Core's own σ/tanh of the exact argument is within EVAL_ERROR of f: charged here too.
  out[2] = (0.5 * (gHi - gLo) + EVAL_ERROR) * (1 + 8 * U) + U * Math.abs(out[1] as number) + TINY;
  return true;
}

/** What the step needs of the weights, fused as core packs them (gate blocks i, f, g, o). */
export interface StepModel {
  H: number;
  O: number;
  V: Float64Array;
  b: Float64Array;
  W: Float64Array;
  bd: Float64Array;
  /** Relative rounding charged per form: covers every float sum core and this file compute for it. */
  gamma: number;
}

export function stepModel(p: PackedWeights): StepModel {
  return { H: p.H, O: p.O, V: p.V, b: p.b, W: p.W, bd: p.bd, gamma: (4 * p.H + p.I + 16) * U };
}

/** Scratch buffers for one step at K symbols. */
export class StepScratch {
  readonly pre: Float64Array;
  readonly act: Float64Array;
  readonly lin = new Float64Array(3);
  constructor(
    H: number,
    readonly K: number,
  ) {
    this.pre = new Float64Array(4 * H * stride(K));
    this.act = new Float64Array(4 * H * stride(K));
  }
}

/**
 * One LSTM step over the set `inState` (its first `kc` symbols in use), the input's x·U at `inp[inpOff…]`:
 * writes the enclosure of the new (h, c) to `outState` and of the O output logits h·W + b to `logits`
 * (O forms). Returns false if a bound is not finite (the set is too large to say anything).
 */
export function encloseStep(
  m: StepModel,
  s: StepScratch,
  inState: Float64Array,
  kc: number,
  inp: Float64Array,
  inpOff: number,
  outState: Float64Array,
  logits: Float64Array,
): boolean {
  const { H, V, b, gamma } = m;
  const K = s.K;
  const S = K + 2;
  const G = 4 * H;
  const { pre, act, lin } = s;
  // Pre-activations (b + h·V) + x·U, then each gate's activation.
  for (let q = 0; q < G; q++) {
    const o = q * S;
    const bq = b[q] as number;
    const xq = inp[inpOff + q] as number;
    let c0 = bq;
    let mag = Math.abs(bq) + Math.abs(xq);
    let e = 0;
    for (let k = 0; k < kc; k++) pre[o + 1 + k] = 0;
    for (let j = 0; j < H; j++) {
      const v = V[j * G + q] as number;
      if (v === 0) continue;
      const hs = j * S;
      const t = (inState[hs] as number) * v;
      c0 += t;
      mag += Math.abs(t);
      for (let k = 0; k < kc; k++) pre[o + 1 + k] = (pre[o + 1 + k] as number) + (inState[hs + 1 + k] as number) * v;
      e += (inState[hs + 1 + K] as number) * Math.abs(v);
    }
    c0 += xq;
    let rad = 0;
    for (let k = 0; k < kc; k++) rad += Math.abs(pre[o + 1 + k] as number);
    e = (e + gamma * (mag + rad + e)) * (1 + 4 * U) + TINY;
    pre[o] = c0;
    const spread = (rad + e) * (1 + 4 * U);
    const isTanh = q >= 2 * H && q < 3 * H;
    if (!minRange(c0 - spread, c0 + spread, isTanh, lin)) return false;
    const alpha = lin[0] as number;
    const a0 = alpha * c0 + (lin[1] as number);
    act[o] = a0;
    let arad = 0;
    for (let k = 0; k < kc; k++) {
      const a = alpha * (pre[o + 1 + k] as number);
      act[o + 1 + k] = a;
      arad += Math.abs(a);
    }
    act[o + 1 + K] = (alpha * e + (lin[2] as number) + gamma * (Math.abs(a0) + arad + 1)) * (1 + 4 * U) + TINY;
  }
  // c' = f·c + i·g and h' = o·tanh(c'), unit by unit.
  for (let u = 0; u < H; u++) {
    const io = u * S;
    const fo = (H + u) * S;
    const go = (2 * H + u) * S;
    const oo = (3 * H + u) * S;
    const cs = (H + u) * S;
    const hs = u * S;
    const i0 = act[io] as number;
    const f0 = act[fo] as number;
    const g0 = act[go] as number;
    const o0 = act[oo] as number;
    const c0 = inState[cs] as number;
    const ri = radius(act, io, kc, K);
    const rf = radius(act, fo, kc, K);
    const rg = radius(act, go, kc, K);
    const rc = radius(inState, cs, kc, K);
    const n0 = f0 * c0 + i0 * g0;
    outState[cs] = n0;
    let crad = 0;
    for (let k = 0; k < kc; k++) {
      const a =
        f0 * (inState[cs + 1 + k] as number) +
        c0 * (act[fo + 1 + k] as number) +
        i0 * (act[go + 1 + k] as number) +
        g0 * (act[io + 1 + k] as number);
      outState[cs + 1 + k] = a;
      crad += Math.abs(a);
    }
    let ce =
      Math.abs(f0) * (inState[cs + 1 + K] as number) +
      Math.abs(c0) * (act[fo + 1 + K] as number) +
      rf * rc +
      Math.abs(i0) * (act[go + 1 + K] as number) +
      Math.abs(g0) * (act[io + 1 + K] as number) +
      ri * rg;
    ce = (ce + gamma * (Math.abs(f0 * c0) + Math.abs(i0 * g0) + crad + ce)) * (1 + 4 * U) + TINY;
    outState[cs + 1 + K] = ce;
    // tanh(c') as α·c' + ζ ± δ, then h' = o·tanh(c').
    const spread = (crad + ce) * (1 + 4 * U);
    if (!minRange(n0 - spread, n0 + spread, true, lin)) return false;
    const alpha = lin[0] as number;
    const t0 = alpha * n0 + (lin[1] as number);
    const te = alpha * ce + (lin[2] as number);
    const rt = (alpha * crad + te) * (1 + 4 * U);
    const ro = radius(act, oo, kc, K);
    const h0 = o0 * t0;
    outState[hs] = h0;
    let hrad = 0;
    for (let k = 0; k < kc; k++) {
      const a = o0 * alpha * (outState[cs + 1 + k] as number) + t0 * (act[oo + 1 + k] as number);
      outState[hs + 1 + k] = a;
      hrad += Math.abs(a);
    }
    const he = Math.abs(o0) * te + Math.abs(t0) * (act[oo + 1 + K] as number) + ro * rt;
    outState[hs + 1 + K] = (he + gamma * (Math.abs(h0) + hrad + he + 1)) * (1 + 4 * U) + TINY;
  }
  // The dense layer's logits, h'·W + b.
  const { O, W, bd } = m;
  for (let y = 0; y < O; y++) {
    const lo = y * S;
    let l0 = bd[y] as number;
    let mag = Math.abs(l0);
    let e = 0;
    for (let k = 0; k < kc; k++) logits[lo + 1 + k] = 0;
    for (let j = 0; j < H; j++) {
      const w = W[j * O + y] as number;
      const hs = j * S;
      const t = (outState[hs] as number) * w;
      l0 += t;
      mag += Math.abs(t);
      for (let k = 0; k < kc; k++)
        logits[lo + 1 + k] = (logits[lo + 1 + k] as number) + (outState[hs + 1 + k] as number) * w;
      e += (outState[hs + 1 + K] as number) * Math.abs(w);
    }
    let rad = 0;
    for (let k = 0; k < kc; k++) rad += Math.abs(logits[lo + 1 + k] as number);
    logits[lo] = l0;
    logits[lo + 1 + K] = (e + gamma * (mag + rad + e)) * (1 + 4 * U) + TINY;
  }
  for (let k = 0; k < 2 * H * S; k++) if (!Number.isFinite(outState[k] as number)) return false;
  return true;
}

/**
 * Turns each state form's error into a noise symbol of its own (symbols kc…kc + 2H − 1), so the next steps carry it
 * linearly (errors then contract with the dynamics instead of adding up). Returns the new symbol count.
 */
export function condense(state: Float64Array, H: number, kc: number, K: number): number {
  const S = K + 2;
  for (let d = 0; d < 2 * H; d++) {
    const o = d * S;
    for (let j = 0; j < 2 * H; j++) state[o + 1 + kc + j] = j === d ? (state[o + 1 + K] as number) : 0;
    state[o + 1 + K] = 0;
  }
  return kc + 2 * H;
}
