// The bit-serial formulation: step t reads [bit t of a, bit t of b], LSB first, and emits bit t of the sum;
// one extra [0, 0] step emits the last carry. Inputs take four values, so x·U is looked up, not computed.
import type { AddOptions, Adder, AddResult } from './adder-types.js';
import { encodeSerial, serialStepCount } from './bits.js';
import { denseOutput, gateStep, inputTerm, recurrentTerm } from './cell.js';
import { decodeBits } from './decode.js';
import { forward } from './forward.js';
import { parseOperand, type Operand } from './operand.js';
import { pack } from './packed.js';
import { newResult } from './result.js';
import type { Weights } from './weights.js';

/** Bit t (LSB = 0) of a number written in binary. */
const bitAt = (binary: string, t: number): number =>
  t < binary.length ? binary.charCodeAt(binary.length - 1 - t) - 48 : 0;

export function createSerialAdder(weights: Weights): Adder {
  const p = pack(weights);
  const { H } = p;
  const G = 4 * H;
  const inpX = new Float64Array(4 * G); // x·U for x = [aBit, bBit], at (2·aBit + bBit)·G
  for (let code = 0; code < 4; code++) inputTerm(p, [code >> 1, code & 1], inpX, code * G);
  const h = new Float64Array(H);
  const c = new Float64Array(H);
  const rec = new Float64Array(G);
  const y = new Float64Array(1);

  function add(aIn: Operand, bIn: Operand, options: AddOptions = {}): AddResult {
    const a = parseOperand(aIn, 'a');
    const b = parseOperand(bIn, 'b');
    if (options.trace) {
      const { outputs, trace } = forward(weights, encodeSerial(a, b), { trace: true });
      const msbFirst = outputs.map((out) => out[0] as number).reverse();
      const { sum, bits, margin } = decodeBits(msbFirst);
      const result = newResult(a, b, sum, bits, margin);
      result.trace = trace;
      return result;
    }
    const n = serialStepCount(a, b);
    const aBin = a.toString(2);
    const bBin = b.toString(2);
    const ys = new Float64Array(n);
    h.fill(0);
    c.fill(0);
    for (let t = 0; t < n; t++) {
      recurrentTerm(p, h, rec);
      gateStep(p, rec, 0, inpX, (2 * bitAt(aBin, t) + bitAt(bBin, t)) * G, c, h);
      denseOutput(p, h, y);
      ys[n - 1 - t] = y[0] as number;
    }
    const { sum, bits, margin } = decodeBits(ys);
    return newResult(a, b, sum, bits, margin);
  }

  return { arch: 'serial', weights, add };
}
