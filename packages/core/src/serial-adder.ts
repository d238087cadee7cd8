// The bit-serial formulation: step t reads [bit t of a, bit t of b], LSB first, and emits bit t of the sum;
// one extra [0, 0] step emits the last carry. Inputs take four values, so x·U is looked up, not computed.
// A step spends the cell's five exps per hidden unit (σ for i, f, o; tanh for g and c) and nothing else: the
// output σ is monotone, so a bit is the sign of its logit and the margin needs σ of only the two logits closest to
// zero, taken once per sum. Every number equals the plain forward pass's (same operations in the same order).
import type { AddOptions, Adder, AddResult } from './adder-types.js';
import { serialStepCount, encodeSerial } from './bits.js';
import { cellStep, inputTerm, sigmoid } from './cell.js';
import { decodeBits } from './decode.js';
import { forward } from './forward.js';
import { parseOperand, type Operand } from './operand.js';
import { pack } from './packed.js';
import { newResult } from './result.js';
import type { Weights } from './weights.js';

/** Bit t (LSB = 0) of a number written in binary. */
const bitAt = (binary: string, t: number): number =>
  t < binary.length ? binary.charCodeAt(binary.length - 1 - t) - 48 : 0;

// Below this |logit| the bit is read from σ itself: σ(−ε) rounds to exactly 0.5 (a 1) for ε under about 1e-16.
const TINY_LOGIT = 1e-12;

export function createSerialAdder(weights: Weights): Adder {
  const p = pack(weights);
  const { H } = p;
  const G = 4 * H;
  const inpX = new Float64Array(4 * G); // x·U for x = [aBit, bBit], at (2·aBit + bBit)·G
  for (let code = 0; code < 4; code++) inputTerm(p, [code >> 1, code & 1], inpX, code * G);
  const h = new Float64Array(H);
  const c = new Float64Array(H);
  const W = p.W; // H×1
  const bias = p.bd[0] as number;

  function add(aIn: Operand, bIn: Operand, options: AddOptions = {}): AddResult {
    const a = parseOperand(aIn, 'a');
    const b = parseOperand(bIn, 'b');
    if (options.trace) {
      const { outputs, trace } = forward(weights, encodeSerial(a, b), { trace: true });
      const { sum, bits, margin } = decodeBits(outputs.map((out) => out[0] as number).reverse());
      const result = newResult(a, b, sum, bits, margin);
      result.trace = trace;
      return result;
    }
    const n = serialStepCount(a, b);
    const aBin = a.toString(2);
    const bBin = b.toString(2);
    const logits = new Float64Array(n); // MSB first
    h.fill(0);
    c.fill(0);
    for (let t = 0; t < n; t++) {
      cellStep(p, h, c, inpX, (2 * bitAt(aBin, t) + bitAt(bBin, t)) * G);
      let y = bias; // h·W + b summed as denseOutput sums it
      for (let j = 0; j < H; j++) y += (h[j] as number) * (W[j] as number);
      logits[n - 1 - t] = y;
    }
    if (!p.sigmoidOutput) {
      const { sum, bits, margin } = decodeBits(logits);
      return newResult(a, b, sum, bits, margin);
    }
    let bits = '';
    let lowestUp = Infinity; // the smallest logit read as a 1, and the largest read as a 0
    let highestDown = -Infinity;
    for (let k = 0; k < n; k++) {
      const y = logits[k] as number;
      const one = y >= 0 || (y > -TINY_LOGIT && sigmoid(y) >= 0.5);
      bits += one ? '1' : '0';
      if (one) lowestUp = Math.min(lowestUp, y);
      else highestDown = Math.max(highestDown, y);
    }
    const margin = Math.min(Math.abs(sigmoid(lowestUp) - 0.5), Math.abs(sigmoid(highestDown) - 0.5));
    return newResult(a, b, BigInt(`0b${bits}`), bits, margin);
  }

  return { arch: 'serial', weights, add };
}
