// The notebook's formulation: two steps, bits8(a) then bits8(b), MSB first; the sum's 8 bits come out after step 2.
// Step 1 starts from h0 = c0 = 0 and sees only a, so its state, and its share of step 2's pre-activations,
// is one of 128 values: computed once here, a query is then one gate step and the dense layer.
import type { Adder, AddResult } from './adder.js';
import { VECTOR_BITS, toBits } from './bits.js';
import { denseOutput, gateStep, inputTerm, recurrentTerm } from './cell.js';
import { decodeBits } from './decode.js';
import { forward } from './forward.js';
import { parseOperand, type Operand } from './operand.js';
import { pack } from './packed.js';
import type { Weights } from './weights.js';

export const VECTOR_MAX_OPERAND = 127;
const N = VECTOR_MAX_OPERAND + 1;
// Every 8-bit answer's bigint and bit string, made once rather than per query.
const SMALL = Array.from({ length: 256 }, (_, n) => BigInt(n));
const BITS8 = Array.from({ length: 256 }, (_, n) => n.toString(2).padStart(VECTOR_BITS, '0'));

function vectorOperand(value: Operand, name: string): number {
  // The common case, a small integer number, skips the general parser.
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= VECTOR_MAX_OPERAND) return value;
  const n = parseOperand(value, name);
  if (n > BigInt(VECTOR_MAX_OPERAND)) {
    throw new RangeError(`${name} must be an integer from 0 to ${VECTOR_MAX_OPERAND} for the vector model, got ${n}`);
  }
  return Number(n);
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
  const rec = new Float64Array(G);
  const y = new Float64Array(p.O);
  for (let x = 0; x < N; x++) inputTerm(p, toBits(x, VECTOR_BITS), inpX, x * G);
  for (let a = 0; a < N; a++) {
    h.fill(0);
    c.fill(0);
    recurrentTerm(p, h, rec);
    gateStep(p, rec, 0, inpX, a * G, c, h);
    c1.set(c, a * H);
    recurrentTerm(p, h, recA, a * G);
  }

  function add(aIn: Operand, bIn: Operand, options: { trace?: boolean } = {}): AddResult {
    const a = vectorOperand(aIn, 'a');
    const b = vectorOperand(bIn, 'b');
    if (options.trace) {
      const { outputs, trace } = forward(weights, [toBits(a, VECTOR_BITS), toBits(b, VECTOR_BITS)], { trace: true });
      return { a: BigInt(a), b: BigInt(b), ...decodeBits(outputs[1] as Float64Array), trace: trace as NonNullable<typeof trace> };
    }
    for (let u = 0; u < H; u++) c[u] = c1[a * H + u] as number;
    gateStep(p, recA, a * G, inpX, b * G, c, h);
    denseOutput(p, h, y);
    let sum = 0;
    let margin = Infinity;
    for (let k = 0; k < VECTOR_BITS; k++) {
      const yk = y[k] as number;
      sum = 2 * sum + (yk >= 0.5 ? 1 : 0);
      const m = Math.abs(yk - 0.5);
      if (m < margin) margin = m;
    }
    return { a: SMALL[a] as bigint, b: SMALL[b] as bigint, sum: SMALL[sum] as bigint, bits: BITS8[sum] as string, margin };
  }

  return { arch: 'vector', weights, add };
}

