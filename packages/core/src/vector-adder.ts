// The notebook's formulation: two steps, bits8(a) then bits8(b), MSB first; the sum's 8 bits come out after step 2.
// Step 1 starts from h0 = c0 = 0 and sees only a, so its state, and its share of step 2's pre-activations,
// is one of 128 values. Step 2's pre-activation is that share plus b's, z = zA[a] + zB[b], and the gates need
// only e^(−z) = e^(−zA)·e^(−zB): both factors are tabled too, so a query spends one exp per hidden unit (for
// tanh(c)) instead of five. The product rounds differently from e^(−z) by an ulp or two, so answers equal the
// plain forward pass's in every bit and within 1e-12 in margin (tested on all pairs), not bit for bit.
import type { AddOptions, Adder, AddResult } from './adder-types.js';
import { VECTOR_BITS, VECTOR_MAX_OPERAND, VECTOR_OPERANDS, toBits } from './bits.js';
import { cellStep, denseOutput, inputTerm, recurrentTerm, tanh } from './cell.js';
import { forward } from './forward.js';
import { fitsVector } from './default-arch.js';
import { describeInteger, parseOperand, type Operand } from './operand.js';
import { shorten } from './quote.js';
import { pack } from './packed.js';
import { newResult } from './result.js';
import type { Weights } from './weights.js';

const N = VECTOR_OPERANDS;
const DIGITS = /^[0-9]+$/;
// Every 8-bit answer's bigint and bit string, made once rather than per query.
const SMALL = Array.from({ length: 256 }, (_, n) => BigInt(n));
const BITS8 = Array.from({ length: 256 }, (_, n) => n.toString(2).padStart(VECTOR_BITS, '0'));

const outOfRange = (name: string, shown: string) =>
  new RangeError(`${name} must be an integer from 0 to ${VECTOR_MAX_OPERAND} for the vector model, got ${shown}`);

function vectorOperand(value: Operand, name: string): number {
  // The common case, a small integer number, skips the general parser.
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= VECTOR_MAX_OPERAND) return value;
  // A long string of digits is refused on its length, never parsed (10^6 digits would take a third of a second).
  if (typeof value === 'string' && DIGITS.test(value)) {
    if (fitsVector(value)) return Number(value);
    throw outOfRange(name, shorten(value.replace(/^0+(?=.)/, '')));
  }
  const n = parseOperand(value, name);
  if (n > BigInt(VECTOR_MAX_OPERAND)) throw outOfRange(name, describeInteger(n));
  return Number(n);
}

// Keeps every tabled exponential finite and nonzero, so a product of two is never 0·∞; σ(±350) is 0 or 1 to 1e-152.
const CLAMP = 350;

/**
 * e^(−z) for the σ gates i, f, o and e^(−2z) for g (tanh(z) = 2σ(2z) − 1), per row of 4H pre-activations:
 * the factors whose products give step 2's gates.
 */
function negExpTable(z: Float64Array, H: number): Float64Array {
  const out = new Float64Array(z.length);
  for (let k = 0; k < z.length; k++) {
    const gate = Math.floor((k % (4 * H)) / H);
    const scaled = (gate === 2 ? -2 : -1) * (z[k] as number);
    out[k] = Math.exp(Math.min(CLAMP, Math.max(-CLAMP, scaled)));
  }
  return out;
}

export function createVectorAdder(weights: Weights): Adder {
  const p = pack(weights);
  const { H } = p;
  const G = 4 * H;
  const recA = new Float64Array(N * G); // b + h1(a)·V: step 2's recurrent part, per a
  const inpX = new Float64Array(N * G); // bits8(x)·U: either step's input part, per operand x
  const c1 = new Float64Array(N * H); // cell state after step 1, per a
  const h = new Float64Array(H);
  const c = new Float64Array(H);
  const y = new Float64Array(p.O);
  for (let x = 0; x < N; x++) inputTerm(p, toBits(x, VECTOR_BITS), inpX, x * G);
  for (let a = 0; a < N; a++) {
    h.fill(0);
    c.fill(0);
    cellStep(p, h, c, inpX, a * G);
    c1.set(c, a * H);
    recurrentTerm(p, h, recA, a * G);
  }
  const expA = negExpTable(recA, H);
  const expB = negExpTable(inpX, H);

  function add(aIn: Operand, bIn: Operand, options: AddOptions = {}): AddResult {
    const a = vectorOperand(aIn, 'a');
    const b = vectorOperand(bIn, 'b');
    const ka = a * G;
    const kb = b * G;
    for (let u = 0; u < H; u++) {
      const i = 1 / (1 + (expA[ka + u] as number) * (expB[kb + u] as number));
      const f = 1 / (1 + (expA[ka + H + u] as number) * (expB[kb + H + u] as number));
      const g = 2 / (1 + (expA[ka + 2 * H + u] as number) * (expB[kb + 2 * H + u] as number)) - 1;
      const o = 1 / (1 + (expA[ka + 3 * H + u] as number) * (expB[kb + 3 * H + u] as number));
      h[u] = o * tanh(f * (c1[a * H + u] as number) + i * g);
    }
    denseOutput(p, h, y);
    let sum = 0;
    let margin = Infinity;
    for (let k = 0; k < VECTOR_BITS; k++) {
      const yk = y[k] as number;
      sum = 2 * sum + (yk >= 0.5 ? 1 : 0);
      const m = Math.abs(yk - 0.5);
      if (m < margin) margin = m;
    }
    const result = newResult(
      SMALL[a] as bigint,
      SMALL[b] as bigint,
      SMALL[sum] as bigint,
      BITS8[sum] as string,
      margin,
    );
    // The trace comes from the plain forward pass; the answer stays the fast path's, so it never depends on asking.
    if (options.trace)
      result.trace = forward(weights, [toBits(a, VECTOR_BITS), toBits(b, VECTOR_BITS)], { trace: true }).trace;
    return result;
  }

  return { arch: 'vector', weights, add };
}
