// The LSTM cell's arithmetic, split so callers can precompute the parts that do not depend on the query.
// Pre-activations are always summed as (b + h·V) + (x·U), so a table of either part, as the serial adder keeps
// for x·U and the vector adder for b + h·V, gives bit-for-bit the numbers of the plain step-by-step forward pass.
import type { PackedWeights } from './packed.js';

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * tanh(x) = 2σ(2x) − 1. V8's Math.tanh costs about twice Math.exp, and a step is mostly these calls; the absolute
 * error stays within a few ulps of 1, below 1e-15 (tested), far inside what float32 training can tell apart.
 */
export const tanh = (x: number): number => 2 / (1 + Math.exp(-2 * x)) - 1;

/**
 * out[off..off+4H) = b + h·V, each unit summed in order h_0, h_1, … exactly as cellStep sums it, for tables of it
 * (the vector adder's step 2). Four units at a time stay in registers: 4H is always a multiple of 4.
 */
export function recurrentTerm(p: PackedWeights, h: Float64Array, out: Float64Array, off = 0): void {
  const { H, V, b } = p;
  const G = 4 * H;
  for (let u = 0; u < G; u += 4) {
    let z0 = b[u] as number;
    let z1 = b[u + 1] as number;
    let z2 = b[u + 2] as number;
    let z3 = b[u + 3] as number;
    for (let j = 0, row = u; j < H; j++, row += G) {
      const hj = h[j] as number;
      z0 += hj * (V[row] as number);
      z1 += hj * (V[row + 1] as number);
      z2 += hj * (V[row + 2] as number);
      z3 += hj * (V[row + 3] as number);
    }
    out[off + u] = z0;
    out[off + u + 1] = z1;
    out[off + u + 2] = z2;
    out[off + u + 3] = z3;
  }
}

/** out[off..off+4H) = x·U. Inputs are bits, so this is the sum of the U rows of the set bits. */
export function inputTerm(p: PackedWeights, x: ArrayLike<number>, out: Float64Array, off = 0): void {
  const G = 4 * p.H;
  const { U } = p;
  out.fill(0, off, off + G);
  for (let k = 0; k < p.I; k++) {
    const xk = x[k] as number;
    if (xk === 0) continue;
    const row = k * G;
    for (let u = 0; u < G; u++) out[off + u] = (out[off + u] as number) + xk * (U[row + u] as number);
  }
}

/** Where a step's gate activations go, for a trace. */
export interface GateBuffers {
  i: Float64Array;
  f: Float64Array;
  g: Float64Array;
  o: Float64Array;
}

/**
 * One LSTM step, h and c updated in place: the pre-activations (b + h·V) + inp[inpOff..] (the first part summed
 * into the packed weights' scratch before h changes), then i, f, o = σ(·), g = tanh(·), c = f⊙c + i⊙g, h = o⊙tanh(c).
 * With `gates`, the activations are written to gates.i[gateOff + u] and so on (a trace's flat arrays).
 */
export function cellStep(
  p: PackedWeights,
  h: Float64Array,
  c: Float64Array,
  inp: Float64Array,
  inpOff: number,
  gates?: GateBuffers,
  gateOff = 0,
): void {
  const { H, rec } = p;
  recurrentTerm(p, h, rec);
  for (let u = 0; u < H; u++) {
    const i = sigmoid((rec[u] as number) + (inp[inpOff + u] as number));
    const f = sigmoid((rec[H + u] as number) + (inp[inpOff + H + u] as number));
    const g = tanh((rec[2 * H + u] as number) + (inp[inpOff + 2 * H + u] as number));
    const o = sigmoid((rec[3 * H + u] as number) + (inp[inpOff + 3 * H + u] as number));
    const cu = f * (c[u] as number) + i * g;
    c[u] = cu;
    h[u] = o * tanh(cu);
    if (gates) {
      gates.i[gateOff + u] = i;
      gates.f[gateOff + u] = f;
      gates.g[gateOff + u] = g;
      gates.o[gateOff + u] = o;
    }
  }
}

/** y = act(h·W + b) of the dense layer. */
export function denseOutput(p: PackedWeights, h: Float64Array, y: Float64Array): void {
  const { O, W, bd } = p;
  for (let k = 0; k < O; k++) y[k] = bd[k] as number;
  for (let j = 0; j < p.H; j++) {
    const hj = h[j] as number;
    const row = j * O;
    for (let k = 0; k < O; k++) y[k] = (y[k] as number) + hj * (W[row + k] as number);
  }
  if (p.sigmoidOutput) for (let k = 0; k < O; k++) y[k] = sigmoid(y[k] as number);
}
