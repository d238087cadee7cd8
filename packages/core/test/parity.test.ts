// The forward pass against PyTorch: the notebook's trained vector model and a random serial model.
import { describe, expect, it } from 'vitest';
import { createAdder, encodeSerial, encodeVector, evaluateAllPairs, forward, parseWeights } from '../src/index.js';
import { serialOutputs, serialWeightsJson, vectorOutputs, vectorWeightsJson } from './fixtures.js';

const TOLERANCE = 1e-5;

describe('parity with PyTorch', () => {
  it('reproduces all 16,384 vector outputs within 1e-5', () => {
    const weights = parseWeights(vectorWeightsJson());
    const { outputs } = vectorOutputs();
    expect(outputs).toHaveLength(16_384);
    let worst = 0;
    for (let a = 0; a < 128; a++) {
      for (let b = 0; b < 128; b++) {
        const got = forward(weights, encodeVector(a, b)).outputs[1]!;
        const want = outputs[a * 128 + b]!;
        expect(got).toHaveLength(want.length);
        want.forEach((y, k) => {
          worst = Math.max(worst, Math.abs(got[k]! - y));
        });
      }
    }
    expect(worst).toBeLessThanOrEqual(TOLERANCE);
  });

  it('gives exactly the reference all-pairs accuracy', () => {
    const json = vectorWeightsJson();
    expect(evaluateAllPairs(createAdder(parseWeights(json))).accuracy).toBe(json.meta.allPairsAccuracy);
  });

  it('reproduces every serial case, step by step, within 1e-5', () => {
    const weights = parseWeights(serialWeightsJson());
    const { cases } = serialOutputs();
    expect(cases.length).toBeGreaterThan(0);
    for (const c of cases) {
      // The reference pads a and b to its width: its steps are our encoding at that width.
      expect(encodeSerial(BigInt(c.a), BigInt(c.b), c.width)).toEqual(c.steps);
      const { outputs } = forward(weights, c.steps);
      expect(outputs).toHaveLength(c.outputs.length);
      outputs.forEach((y, t) => {
        expect(Math.abs(y[0]! - c.outputs[t]!)).toBeLessThanOrEqual(TOLERANCE);
      });
    }
  });
});
