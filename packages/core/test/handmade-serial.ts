// A serial LSTM written by hand that adds exactly: an oracle for the serial path that needs no training.
// Three hidden units u_k hold [a + b + carry ≥ k] for k = 1, 2, 3 as h = ±tanh(1); u_2 is the next carry,
// and the sum bit is the parity u_1 − u_2 + u_3. Gates are saturated: i = o = 1, f = 0.
import type { Weights } from '../src/index.js';

export function handmadeSerialWeights(): Weights {
  const H = 3;
  const K = 40; // steepness: the smallest |pre-activation| is K/4, so tanh is saturated to ~1e-8
  const M = 30; // gate saturation
  const unit = Math.tanh(1);
  const carryScale = K / (2 * unit); // h_2 = ±unit counts as carry 1 / 0, and h0 = 0 as carry ½ (still no carry below)
  const zeros = (r: number, c: number) => Array.from({ length: r }, () => new Array<number>(c).fill(0));
  const constGate = (bias: number) => ({ U: zeros(2, H), V: zeros(H, H), b: new Array<number>(H).fill(bias) });
  const g = {
    U: [new Array<number>(H).fill(K), new Array<number>(H).fill(K)],
    V: [new Array<number>(H).fill(0), new Array<number>(H).fill(carryScale), new Array<number>(H).fill(0)],
    b: [1, 2, 3].map((k) => K * (0.5 - (k - 0.25))),
  };
  return {
    format: 'lstm-adder.weights/v1',
    arch: 'serial',
    inputSize: 2,
    hiddenSize: H,
    outputSize: 1,
    outputActivation: 'sigmoid',
    lstm: { i: constGate(M), f: constGate(-M), g, o: constGate(M) },
    dense: { W: [[K / unit], [-K / unit], [K / unit]], b: [0] },
    meta: { source: 'hand-built exact serial adder (test oracle)' },
  };
}
