// The bit-serial formulation: step t reads [bit t of a, bit t of b], LSB first, and emits bit t of the sum;
// one extra [0, 0] step emits the last carry. Inputs take four values, so x·U is looked up, not computed.
// A step spends the cell's five exps per hidden unit (σ for i, f, o; tanh for g and c) and nothing else: the
// output σ is monotone, so a bit is the sign of its logit and the margin needs σ of only the two logits closest to
// zero, taken once per sum. Every number equals the plain forward pass's (same operations in the same order).
// Around the steps, everything is linear in the bits: the bits are read from a.toString(2) and the sum's bit string
// is written 30 bits at a time (a string grown one character at a time costs a second per million bits).
import type { AddOptions, Adder, AddResult } from './adder-types.js';
import { cellStep, inputTerm, sigmoid } from './cell.js';
import { parseOperand, type Operand } from './operand.js';
import { pack } from './packed.js';
import { newResult } from './result.js';
import { Trace } from './trace.js';
import type { Weights } from './weights.js';

// Below this |logit| the bit is read from σ itself: σ(−ε) rounds to exactly 0.5 (a 1) for ε under about 1e-16.
const TINY_LOGIT = 1e-12;
/** Sum bits per chunk of the bit string: a chunk's value stays a small integer. */
const CHUNK = 30;
/** Below this many steps the sum is exact as a number (2^53), so it needs no parsing. */
const EXACT_STEPS = 53;

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
  const sigmoidOutput = p.sigmoidOutput;

  function add(aIn: Operand, bIn: Operand, options: AddOptions = {}): AddResult {
    const a = parseOperand(aIn, 'a');
    const b = parseOperand(bIn, 'b');
    const aBin = a.toString(2);
    const bBin = b.toString(2);
    // One step per bit of the longer operand (0 is written "0", one step), plus one for the last carry.
    const n = Math.max(aBin.length, bBin.length) + 1;
    const trace = options.trace ? new Trace(n, H, 1) : undefined;
    const chunks: string[] = []; // the sum's bits, CHUNK at a time, least significant chunk first
    let chunk = 0;
    let weight = 1; // 2^(t mod CHUNK)
    let exact = 0; // the sum as a number while it is exact
    let place = 1;
    let lowestUp = Infinity; // the smallest logit read as a 1, and the largest read as a 0
    let highestDown = -Infinity;
    let margin = Infinity; // identity outputs: min |y − 0.5|
    h.fill(0);
    c.fill(0);
    for (let t = 0; t < n; t++) {
      const aBit = t < aBin.length ? aBin.charCodeAt(aBin.length - 1 - t) - 48 : 0;
      const bBit = t < bBin.length ? bBin.charCodeAt(bBin.length - 1 - t) - 48 : 0;
      cellStep(p, h, c, inpX, (2 * aBit + bBit) * G, trace, t * H);
      let y = bias; // h·W + b summed as denseOutput sums it
      for (let j = 0; j < H; j++) y += (h[j] as number) * (W[j] as number);
      let one: boolean;
      if (sigmoidOutput) {
        one = y >= 0 || (y > -TINY_LOGIT && sigmoid(y) >= 0.5);
        if (one) lowestUp = Math.min(lowestUp, y);
        else highestDown = Math.max(highestDown, y);
      } else {
        one = y >= 0.5;
        margin = Math.min(margin, Math.abs(y - 0.5));
      }
      if (trace) {
        for (let u = 0; u < H; u++) {
          trace.c[t * H + u] = c[u] as number;
          trace.h[t * H + u] = h[u] as number;
        }
        trace.y[t] = sigmoidOutput ? sigmoid(y) : y;
      }
      if (one) {
        chunk += weight;
        if (t < EXACT_STEPS) exact += place;
      }
      place *= 2;
      weight *= 2;
      const k = t % CHUNK;
      if (k === CHUNK - 1 || t === n - 1) {
        chunks.push(chunk.toString(2).padStart(k + 1, '0'));
        chunk = 0;
        weight = 1;
      }
    }
    if (sigmoidOutput) {
      margin = Math.min(Math.abs(sigmoid(lowestUp) - 0.5), Math.abs(sigmoid(highestDown) - 0.5));
    }
    const bits = chunks.length === 1 ? (chunks[0] as string) : chunks.reverse().join('');
    const sum = n <= EXACT_STEPS ? BigInt(exact) : BigInt(`0b${bits}`);
    const result = newResult(a, b, sum, bits, margin);
    if (trace) result.trace = trace;
    return result;
  }

  return { arch: 'serial', weights, add };
}
