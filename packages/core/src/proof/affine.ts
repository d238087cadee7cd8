// Sound enclosures of one LSTM step over a set of states, in affine arithmetic: every quantity is an affine form
// x0 + Σ x_k·ε_k ± e (ε_k ∈ [−1, 1] noise symbols shared by all forms, e ≥ 0 an error of its own). A form contains
// every value core's float64 forward pass can compute from any state of the input set: core's rounding, this file's
// rounding and the linearisation of σ and tanh are all charged to e. The one assumption: Math.exp is within 2^-44
// relative error of e^x (V8's is within 1 ulp), so core's σ and tanh are within EVAL_ERROR of the true functions.
//
// Rounding is charged generously rather than op by op: a sum of n float terms is within n·2^-53 of its value,
// relative to the sum of the terms' magnitudes, so every form is charged ROUNDING times a bound on the magnitudes of
// everything summed into it (by core or here). The charges are ~1e-14 of values whose margins are ~0.1.
import { sigmoid, tanh } from '../cell.js';
import type { PackedWeights } from '../packed.js';

/** |core's σ or tanh − the true function| under the Math.exp assumption (2^-43 derived; 2^-40 charged). */
export const EVAL_ERROR = 2 ** -40;
/** Relative slack for a sum of up to 4096 float terms, and for a rounded multiplication by it. */
const SLACK = 2 ** -40;
const U = 2 ** -52;
/** Charged once per form for results that may underflow. */
const TINY = 1e-300;

export const stride = (K: number): number => K + 2;

/** Radius of the form at `off` (centre, K coefficients, error): Σ|x_k| + e over its kc symbols, rounded up. */
export function radius(data: Float64Array, off: number, kc: number, K: number): number {
  let r = data[off + 1 + K] as number;
  for (let k = 0; k < kc; k++) r += Math.abs(data[off + 1 + k] as number);
  return r * (1 + SLACK) + TINY;
}

/**
 * f(x) ⊂ α·x + ζ ± δ for every x in [lo, hi], f = σ or tanh; δ also covers core's evaluation error. Min-range: σ' and
 * tanh' peak at 0 and fall off both ways, so their minimum on [lo, hi] is at an end; with α at most that minimum,
 * f − α·x is nondecreasing and its range is its two end values. Writes [α, ζ, δ]; false if [lo, hi] is not finite.
 */
export function minRange(lo: number, hi: number, isTanh: boolean, out: Float64Array): boolean {
  if (!(lo <= hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) return false;
  const vLo = isTanh ? tanh(lo) : sigmoid(lo);
  const vHi = isTanh ? tanh(hi) : sigmoid(hi);
  // f' = σ(1 − σ) or 1 − tanh², from values within EVAL_ERROR of the truth: within 2·EVAL_ERROR of the true slope.
  const dLo = isTanh ? 1 - vLo * vLo : vLo * (1 - vLo);
  const dHi = isTanh ? 1 - vHi * vHi : vHi * (1 - vHi);
  const alpha = Math.max(0, Math.min(dLo, dHi) - 4 * EVAL_ERROR);
  const fLo = vLo - EVAL_ERROR;
  const fHi = vHi + EVAL_ERROR;
  const aLo = alpha * lo;
  const aHi = alpha * hi;
  const gLo = fLo - aLo - SLACK * (Math.abs(aLo) + Math.abs(fLo));
  const gHi = fHi - aHi + SLACK * (Math.abs(aHi) + Math.abs(fHi));
  const zeta = 0.5 * (gLo + gHi);
  out[0] = alpha;
  out[1] = zeta;
  // Plus core's own σ/tanh of the exact argument, within EVAL_ERROR of f.
  out[2] = (0.5 * (gHi - gLo) + EVAL_ERROR + U * Math.abs(zeta)) * (1 + SLACK) + TINY;
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
  /** The rounding charged per form, relative to the magnitudes summed into it (sums of up to 4H + I + 2 terms). */
  rounding: number;
}

export function stepModel(p: PackedWeights): StepModel {
  return { H: p.H, O: p.O, V: p.V, b: p.b, W: p.W, bd: p.bd, rounding: (4 * p.H + p.I + 16) * 2 * U };
}

/** Scratch for one step over K symbols: pre-activations, activations, and a min-range result. */
export class StepScratch {
  readonly pre: Float64Array;
  readonly act: Float64Array;
  /** The full radius of each activation, and of each input state form. */
  readonly actRadius: Float64Array;
  readonly stateRadius: Float64Array;
  readonly lin = new Float64Array(3);
  constructor(
    H: number,
    readonly K: number,
  ) {
    this.pre = new Float64Array(4 * H * stride(K));
    this.act = new Float64Array(4 * H * stride(K));
    this.actRadius = new Float64Array(4 * H);
    this.stateRadius = new Float64Array(2 * H);
  }
}

/**
 * One LSTM step over the set `inState` (2H forms, h then c, its first `kc` symbols in use), the input's x·U at
 * `inp[inpOff…]`: writes the enclosure of the new (h, c) to `outState` and of the O outputs before any output
 * activation, h·W + b, to `logits` (O forms). Returns false if a bound is not finite.
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
  const { H, V, b, rounding } = m;
  const K = s.K;
  const S = K + 2;
  const G = 4 * H;
  const { pre, act, actRadius, stateRadius, lin } = s;
  for (let d = 0; d < 2 * H; d++) stateRadius[d] = radius(inState, d * S, kc, K);
  // Pre-activations (b + h·V) + x·U; then σ for i, f, o and tanh for g, each as α·pre + ζ ± δ.
  for (let q = 0; q < G; q++) {
    const o = q * S;
    const bq = b[q] as number;
    const xq = inp[inpOff + q] as number;
    let c0 = bq;
    // Every term summed into this form, by core or here, is at most |V|·(|h centre| + h radius), |b| or |x·U|.
    let mag = Math.abs(bq) + Math.abs(xq);
    let e = 0;
    for (let k = 0; k < kc; k++) pre[o + 1 + k] = 0;
    for (let j = 0; j < H; j++) {
      const v = V[j * G + q] as number;
      if (v === 0) continue;
      const hs = j * S;
      const hc = inState[hs] as number;
      c0 += hc * v;
      mag += Math.abs(v) * (Math.abs(hc) + (stateRadius[j] as number));
      for (let k = 0; k < kc; k++) pre[o + 1 + k] = (pre[o + 1 + k] as number) + (inState[hs + 1 + k] as number) * v;
      e += (inState[hs + 1 + K] as number) * Math.abs(v);
    }
    c0 += xq;
    pre[o] = c0;
    e = (e + rounding * mag) * (1 + SLACK) + TINY;
    let rad = 0;
    for (let k = 0; k < kc; k++) rad += Math.abs(pre[o + 1 + k] as number);
    const spread = (rad + e) * (1 + SLACK) + TINY;
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
    const ae = (alpha * e + (lin[2] as number) + rounding * (Math.abs(a0) + arad + 1)) * (1 + SLACK) + TINY;
    act[o + 1 + K] = ae;
    actRadius[q] = (arad + ae) * (1 + SLACK) + TINY;
  }
  // c' = f·c + i·g, then h' = o·tanh(c'), unit by unit. A product of forms x·y is x0·y0 + Σ(x0·y_k + y0·x_k)·ε_k with
  // error |x0|·e_y + |y0|·e_x + r_x·r_y (r: a form's whole radius).
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
    const ri = actRadius[u] as number;
    const rf = actRadius[H + u] as number;
    const rg = actRadius[2 * H + u] as number;
    const ro = actRadius[3 * H + u] as number;
    const rc = stateRadius[H + u] as number;
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
    const cMag = (Math.abs(f0) + rf) * (Math.abs(c0) + rc) + (Math.abs(i0) + ri) * (Math.abs(g0) + rg);
    const ce =
      (Math.abs(f0) * (inState[cs + 1 + K] as number) +
        Math.abs(c0) * (act[fo + 1 + K] as number) +
        rf * rc +
        Math.abs(i0) * (act[go + 1 + K] as number) +
        Math.abs(g0) * (act[io + 1 + K] as number) +
        ri * rg +
        rounding * cMag) *
        (1 + SLACK) +
      TINY;
    outState[cs + 1 + K] = ce;
    const cRad = (crad + ce) * (1 + SLACK) + TINY;
    if (!minRange(n0 - cRad, n0 + cRad, true, lin)) return false;
    // tanh(c') = α·c' + ζ ± δ: its coefficients are α·c'_k, its error α·e_c' + δ.
    const alpha = lin[0] as number;
    const t0 = alpha * n0 + (lin[1] as number);
    const te = (alpha * ce + (lin[2] as number) + rounding * (Math.abs(t0) + alpha * crad + 1)) * (1 + SLACK) + TINY;
    const rt = (alpha * crad + te) * (1 + SLACK) + TINY;
    const h0 = o0 * t0;
    outState[hs] = h0;
    for (let k = 0; k < kc; k++) {
      outState[hs + 1 + k] = o0 * alpha * (outState[cs + 1 + k] as number) + t0 * (act[oo + 1 + k] as number);
    }
    const hMag = (Math.abs(o0) + ro) * (Math.abs(t0) + rt);
    outState[hs + 1 + K] =
      (Math.abs(o0) * te + Math.abs(t0) * (act[oo + 1 + K] as number) + ro * rt + rounding * hMag) * (1 + SLACK) + TINY;
  }
  // The dense layer: h'·W + b.
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
      const hc = outState[hs] as number;
      l0 += hc * w;
      mag += Math.abs(w) * (Math.abs(hc) + radius(outState, hs, kc, K));
      for (let k = 0; k < kc; k++) {
        logits[lo + 1 + k] = (logits[lo + 1 + k] as number) + (outState[hs + 1 + k] as number) * w;
      }
      e += (outState[hs + 1 + K] as number) * Math.abs(w);
    }
    logits[lo] = l0;
    logits[lo + 1 + K] = (e + rounding * mag) * (1 + SLACK) + TINY;
  }
  for (let k = 0; k < 2 * H * S; k++) if (!Number.isFinite(outState[k] as number)) return false;
  return true;
}

/**
 * Turns each state form's error into a noise symbol of its own (symbols kc…kc + 2H − 1), so the next steps carry it
 * linearly: the errors then contract with the dynamics instead of adding up. Returns the new symbol count.
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
