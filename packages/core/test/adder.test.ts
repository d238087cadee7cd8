// The adders' precomputed fast paths must give the plain forward pass's answers bit for bit.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAdder, encodeSerial, encodeVector, evaluateSerial, forward, parseWeights } from '../src/index.js';
import { serialWeightsJson, vectorWeightsJson } from './fixtures.js';
import { handmadeSerialWeights } from './handmade-serial.js';

const vectorWeights = parseWeights(vectorWeightsJson());
const vector = createAdder(vectorWeights);

describe('vector adder', () => {
  it('agrees with the plain forward pass on all 16,384 pairs: the same bits, margins within 1e-12', () => {
    let worst = 0;
    for (let a = 0; a < 128; a++) {
      for (let b = 0; b < 128; b++) {
        const y = forward(vectorWeights, encodeVector(a, b)).outputs[1]!;
        const bits = Array.from(y, (v) => (v >= 0.5 ? '1' : '0')).join('');
        const margin = Math.min(...Array.from(y, (v) => Math.abs(v - 0.5)));
        const got = vector.add(a, b);
        if (got.bits !== bits) expect({ a, b, bits: got.bits }).toEqual({ a, b, bits });
        expect(got.sum).toBe(BigInt(parseInt(bits, 2)));
        worst = Math.max(worst, Math.abs(got.margin - margin));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-12);
  });

  it('agrees with the plain forward pass on all pairs of the shipped model (sigmoid outputs) too', () => {
    const shipped = parseWeights(
      JSON.parse(readFileSync(fileURLToPath(new URL('../models/vector.json', import.meta.url)), 'utf8')),
    );
    const adder = createAdder(shipped);
    for (let a = 0; a < 128; a++) {
      for (let b = 0; b < 128; b++) {
        const y = forward(shipped, encodeVector(a, b)).outputs[1]!;
        const got = adder.add(a, b);
        expect(got.bits).toBe(Array.from(y, (v) => (v >= 0.5 ? '1' : '0')).join(''));
        expect(Math.abs(got.margin - Math.min(...Array.from(y, (v) => Math.abs(v - 0.5))))).toBeLessThanOrEqual(1e-12);
      }
    }
  });

  it('answers 57 + 99 = 156 with its bits and margin', () => {
    const r = vector.add(57, 99);
    expect(r).toMatchObject({ a: 57n, b: 99n, sum: 156n, bits: '10011100' });
    expect(r.margin).toBeGreaterThan(0);
    expect(r.margin).toBeLessThanOrEqual(0.5);
  });

  it('takes numbers, bigints and decimal strings alike', () => {
    expect(vector.add('57', 99n)).toEqual(vector.add(57, 99));
  });

  it('says the accepted range for operands outside 0..127', () => {
    expect(() => vector.add(128, 1)).toThrow(RangeError);
    expect(() => vector.add(128, 1)).toThrow('a must be an integer from 0 to 127 for the vector model, got 128');
    expect(() => vector.add(1, '300')).toThrow(/b must be an integer from 0 to 127/);
  });

  it('rejects non-integers, negatives and non-numeric strings, saying what is accepted', () => {
    expect(() => vector.add(1.5, 1)).toThrow(TypeError);
    expect(() => vector.add(1.5, 1)).toThrow(/a must be a non-negative integer, got 1.5/);
    expect(() => vector.add(-1, 1)).toThrow(RangeError);
    expect(() => vector.add(1, -2n)).toThrow(/b must be a non-negative integer/);
    for (const bad of ['', ' 1', '+1', '1e2', '0x10', '١٢', '1.0', '-0']) {
      expect(() => vector.add(bad, 1), bad).toThrow(/a must be a string of decimal digits 0-9/);
    }
    expect(() => vector.add(Number.NaN, 1)).toThrow(TypeError);
    expect(() => vector.add({} as never, 1)).toThrow(
      /a must be a non-negative integer \(number, bigint or decimal string\), got object/,
    );
  });
});

describe('serial adder', () => {
  const serialWeights = parseWeights(serialWeightsJson());
  const serial = createAdder(serialWeights);

  it('equals the plain forward pass exactly, bit for bit', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 200n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 200n) - 1n }),
        (a, b) => {
          const ys = forward(serialWeights, encodeSerial(a, b)).outputs.map((y) => y[0]!);
          const got = serial.add(a, b);
          expect(got.bits).toBe(
            ys
              .map((y) => (y >= 0.5 ? '1' : '0'))
              .reverse()
              .join(''),
          );
          expect(got.margin).toBe(Math.min(...ys.map((y) => Math.abs(y - 0.5))));
          expect(got.bits).toHaveLength(ys.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a bit from σ itself when the logit is a hair below 0 (σ rounds to exactly 0.5 there, a 1)', () => {
    for (const bias of [-1e-17, -1e-13, -1e-9, 0, 1e-17]) {
      const json = structuredClone(serialWeightsJson()) as { dense: { W: number[][]; b: number[] } };
      json.dense.W = json.dense.W.map((row) => row.map(() => 0)); // every logit is the bias
      json.dense.b = [bias];
      const weights = parseWeights(json);
      const y = forward(weights, encodeSerial(5n, 3n)).outputs.map((out) => out[0]!);
      const got = createAdder(weights).add(5n, 3n);
      expect(got.bits).toBe(
        y
          .map((v) => (v >= 0.5 ? '1' : '0'))
          .reverse()
          .join(''),
      );
      expect(got.margin).toBe(Math.min(...y.map((v) => Math.abs(v - 0.5))));
    }
  });

  it('gives the same answer with and without a trace', () => {
    const traced = serial.add(12345n, 678n, { trace: true });
    expect(traced.trace).toHaveLength(15);
    expect({ ...traced, trace: undefined }).toEqual({ ...serial.add(12345n, 678n), trace: undefined });
  });

  it('adds exactly at any length with exact weights (a hand-built carry LSTM)', () => {
    const exact = createAdder(parseWeights(handmadeSerialWeights()));
    expect(exact.add('99999999999999999999999999999999999999', '1').sum).toBe(10n ** 38n);
    const report = evaluateSerial(exact, { widths: [1, 8, 64, 1024, 4096], samples: [50, 500, 500, 50, 10], seed: 7 });
    expect(report.wrong).toEqual([]);
    expect(report.accuracy).toBe(1);
  });

  it('has no upper bound but rejects what is not a non-negative integer', () => {
    expect(() => serial.add('12a', 1)).toThrow(/a must be a string of decimal digits/);
    expect(() => serial.add(1, -1)).toThrow(RangeError);
    expect(() => serial.add(2 ** 60, 1)).toThrow(/pass a bigint or a decimal string/);
  });
});
