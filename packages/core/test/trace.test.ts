// The trace must show exactly the states the forward pass used; one step is recomputed here from the contract's
// formulas.
import { describe, expect, it } from 'vitest';
import { createAdder, encodeSerial, encodeVector, forward, parseWeights, type Weights } from '../src/index.js';
import { vectorWeightsJson } from './fixtures.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** One LSTM step written straight from the contract, with the unfused matrices. */
function naiveStep(w: Weights, x: number[], hPrev: ArrayLike<number>, cPrev: ArrayLike<number>) {
  const H = w.hiddenSize;
  const pre = (gate: 'i' | 'f' | 'g' | 'o', u: number) => {
    const { U, V, b } = w.lstm[gate];
    let z = b[u]!;
    x.forEach((xk, k) => {
      z += xk * U[k]![u]!;
    });
    for (let j = 0; j < H; j++) z += hPrev[j]! * V[j]![u]!;
    return z;
  };
  const out = {
    i: [] as number[],
    f: [] as number[],
    g: [] as number[],
    o: [] as number[],
    c: [] as number[],
    h: [] as number[],
  };
  for (let u = 0; u < H; u++) {
    const i = sigmoid(pre('i', u));
    const f = sigmoid(pre('f', u));
    const g = Math.tanh(pre('g', u));
    const o = sigmoid(pre('o', u));
    const c = f * cPrev[u]! + i * g;
    out.i.push(i);
    out.f.push(f);
    out.g.push(g);
    out.o.push(o);
    out.c.push(c);
    out.h.push(o * Math.tanh(c));
  }
  return out;
}

describe('trace', () => {
  const weights = parseWeights(vectorWeightsJson());

  it('records per step the gates and states that produced the outputs', () => {
    const steps = encodeVector(57, 99);
    const plain = forward(weights, steps);
    const traced = forward(weights, steps, { trace: true });
    expect(traced.outputs).toEqual(plain.outputs);
    expect(traced.trace).toHaveLength(2);
    // Step 2 recomputed by hand from step 1's traced states gives step 2's traced states.
    const [one, two] = traced.trace!;
    const byHand = naiveStep(weights, steps[1]!, one!.h, one!.c);
    for (const key of ['i', 'f', 'g', 'o', 'c', 'h'] as const) {
      byHand[key].forEach((v, u) => {
        expect(two![key][u]).toBeCloseTo(v, 12);
      });
    }
    // Step 1 starts from zero states.
    const first = naiveStep(weights, steps[0]!, new Array(32).fill(0), new Array(32).fill(0));
    first.h.forEach((v, u) => {
      expect(one!.h[u]).toBeCloseTo(v, 12);
    });
    // The output is the dense layer of the traced h.
    const y0 = weights.dense.b[0]! + weights.dense.W.reduce((s, row, j) => s + row[0]! * two!.h[j]!, 0);
    expect(plain.outputs[1]![0]).toBeCloseTo(y0, 12);
    expect(two!.y).toEqual(plain.outputs[1]);
  });

  it('is only there when asked for', () => {
    expect(forward(weights, encodeVector(1, 2)).trace).toBeUndefined();
    expect(createAdder(weights).add(1, 2).trace).toBeUndefined();
  });

  it('comes with an add, with the same answer as without', () => {
    const adder = createAdder(weights);
    const traced = adder.add(57, 99, { trace: true });
    const plain = adder.add(57, 99);
    expect(traced.trace).toHaveLength(2);
    expect({ ...traced, trace: undefined }).toEqual({ ...plain, trace: undefined });
  });

  it('rejects steps of the wrong size', () => {
    expect(() => forward(weights, [[1, 0]])).toThrow('steps[0]: expected 8 inputs, got 2');
    expect(encodeSerial(1n, 1n)).toHaveLength(2);
  });
});
