import { describe, expect, it } from 'vitest';
import { createAdder, evaluateAllPairs, evaluateSerial, mulberry32, parseWeights, randomBigInt } from '../src/index.js';
import { serialWeightsJson, vectorWeightsJson } from './fixtures.js';

const vector = createAdder(parseWeights(vectorWeightsJson()));
const serial = createAdder(parseWeights(serialWeightsJson()));

describe('evaluateAllPairs', () => {
  it('lists exactly the pairs the adder gets wrong', () => {
    const report = evaluateAllPairs(vector);
    expect(report.total).toBe(16_384);
    expect(report.correct + report.wrong.length).toBe(16_384);
    expect(report.wrong.length).toBeGreaterThan(0); // the notebook's model is not perfect
    for (const { a, b, expected, got } of report.wrong) {
      expect(expected).toBe(a + b);
      expect(got).toBe(Number(vector.add(a, b).sum));
      expect(got).not.toBe(expected);
    }
  });

  it('evaluates a given subset of pairs', () => {
    const report = evaluateAllPairs(vector, [
      [57, 99],
      [1, 1],
    ]);
    expect(report.total).toBe(2);
  });

  it('refuses a serial adder', () => {
    expect(() => evaluateAllPairs(serial)).toThrow(/needs a vector adder/);
  });
});

describe('evaluateSerial', () => {
  it('is reproducible with a seed and counts per width', () => {
    const options = { widths: [4, 16], samples: [30, 20], seed: 42 };
    const one = evaluateSerial(serial, options);
    expect(evaluateSerial(serial, options)).toEqual(one);
    expect(one.byWidth.map((w) => w.samples)).toEqual([30, 20]);
    expect(one.total).toBe(50);
    expect(one.correct).toBe(one.byWidth[0]!.correct + one.byWidth[1]!.correct);
    expect(one.correct).toBeLessThan(50); // an untrained model is wrong somewhere
    for (const w of one.wrong) expect(serial.add(w.a, w.b).sum).not.toBe(BigInt(w.a) + BigInt(w.b));
  });

  it('refuses a vector adder', () => {
    expect(() => evaluateSerial(vector, { widths: [8], samples: 1, seed: 1 })).toThrow(/needs a serial adder/);
  });

  it('draws operands of the asked width', () => {
    const next = mulberry32(1);
    for (const width of [1, 31, 32, 33, 100]) {
      for (let k = 0; k < 50; k++) expect(randomBigInt(next, width) < 1n << BigInt(width)).toBe(true);
    }
    const high = Array.from({ length: 200 }, () => randomBigInt(next, 64) >> 63n);
    expect(new Set(high)).toEqual(new Set([0n, 1n]));
  });
});
