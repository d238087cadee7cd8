// AddResult.correct, formatResult and JSON.stringify: every expectation comes from arithmetic on the operands.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAdder, evaluateAllPairs, formatAnswer, formatResult, parseWeights } from '../src/index.js';
import { vectorWeightsJson } from './fixtures.js';
import { handmadeSerialWeights } from './handmade-serial.js';

const shippedVector = createAdder(
  parseWeights(JSON.parse(readFileSync(fileURLToPath(new URL('../models/vector.json', import.meta.url)), 'utf8'))),
);
const notebook = createAdder(parseWeights(vectorWeightsJson())); // 98.7 % right: it has wrong pairs
const exactSerial = createAdder(parseWeights(handmadeSerialWeights()));

describe('AddResult.correct', () => {
  it('is true exactly when the model’s sum is a + b (a model that is sometimes wrong)', () => {
    const wrong = evaluateAllPairs(notebook).wrong;
    expect(wrong.length).toBeGreaterThan(0);
    for (const { a, b } of wrong.slice(0, 50)) {
      const r = notebook.add(a, b);
      expect(r.sum).not.toBe(BigInt(a + b));
      expect(r.correct).toBe(false);
      expect(formatResult(r).correct).toBe(false);
    }
    for (const [a, b] of [
      [0, 0],
      [57, 99],
      [127, 127],
    ] as const) {
      const r = notebook.add(a, b);
      expect(r.correct).toBe(r.sum === BigInt(a + b));
    }
  });

  it('is true for an exact serial model, with or without a trace', () => {
    expect(exactSerial.add(12345n, 678n).correct).toBe(true);
    expect(exactSerial.add(12345n, 678n, { trace: true }).correct).toBe(true);
  });
});

describe('formatResult', () => {
  it('writes 57 + 99 on the vector model as the API does: decimal strings and 8 bits each', () => {
    expect(formatResult(shippedVector.add(57, 99))).toEqual({
      a: '57',
      b: '99',
      sum: '156',
      bits: { a: '00111001', b: '01100011', sum: '10011100' },
      margin: expect.any(Number),
      correct: true,
    });
  });

  it('pads a serial sum’s operands to the sum’s width (one bit per step)', () => {
    // 5 + 3: three bits for the longer operand, one more step for the carry.
    expect(formatResult(exactSerial.add(5, 3))).toMatchObject({
      a: '5',
      b: '3',
      sum: '8',
      bits: { a: '0101', b: '0011', sum: '1000' },
      correct: true,
    });
    expect(formatResult(exactSerial.add(0, 0)).bits).toEqual({ a: '00', b: '00', sum: '00' });
  });

  it('keeps every digit of operands far past 2^53', () => {
    const a = 10n ** 40n - 1n;
    const r = formatResult(exactSerial.add(a, 1n));
    expect(r).toMatchObject({ a: '9'.repeat(40), b: '1', sum: `1${'0'.repeat(40)}`, correct: true });
    expect(BigInt(`0b${r.bits.sum}`)).toBe(10n ** 40n);
  });

  it('gives bits that read back as a, b and the sum, all as wide as the sum, for any operands', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 100n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 100n) - 1n }),
        (a, b) => {
          const { bits, sum } = formatResult(exactSerial.add(a, b));
          const width = Math.max(a.toString(2).length, b.toString(2).length) + 1;
          expect([bits.a.length, bits.b.length, bits.sum.length]).toEqual([width, width, width]);
          expect([BigInt(`0b${bits.a}`), BigInt(`0b${bits.b}`), BigInt(`0b${bits.sum}`)]).toEqual([a, b, a + b]);
          expect(sum).toBe((a + b).toString());
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('JSON.stringify(result)', () => {
  it('gives formatResult’s form (no bigint TypeError), without the trace', () => {
    const r = exactSerial.add(5, 3, { trace: true });
    expect(r.trace).toHaveLength(4);
    expect(JSON.parse(JSON.stringify(r))).toEqual(formatResult(r));
    expect(JSON.parse(JSON.stringify({ result: shippedVector.add(1, 2) }))).toMatchObject({
      result: { a: '1', b: '2', sum: '3', correct: true },
    });
  });

  it('leaves the result’s own fields plain: a, b, sum, bits, margin, correct, and no trace unless asked', () => {
    expect(Object.keys(shippedVector.add(1, 2))).toEqual(['a', 'b', 'sum', 'bits', 'margin', 'correct']);
    expect(Object.keys(exactSerial.add(1, 2))).toEqual(['a', 'b', 'sum', 'bits', 'margin', 'correct']);
  });
});

describe('formatAnswer', () => {
  it('writes a vector answer as the API does: formatResult’s fields, then the model, and no trace unless asked', () => {
    const r = shippedVector.add(57, 99);
    const answer = formatAnswer(r, 'vector');
    expect(Object.keys(answer)).toEqual(['a', 'b', 'sum', 'bits', 'margin', 'correct', 'model']);
    expect(answer).toEqual({
      a: '57',
      b: '99',
      sum: '156',
      bits: { a: '00111001', b: '01100011', sum: '10011100' },
      margin: r.margin,
      correct: true,
      model: 'vector',
    });
  });

  it('gives each vector step the operand it read (8 bits, most significant first) and plain trace arrays', () => {
    const r = shippedVector.add(57, 99, { trace: true });
    const { trace } = formatAnswer(r, 'vector');
    expect(trace).toHaveLength(2);
    // 57 = 0b00111001, 99 = 0b01100011
    expect(trace!.map((s) => s.x)).toEqual([
      [0, 0, 1, 1, 1, 0, 0, 1],
      [0, 1, 1, 0, 0, 0, 1, 1],
    ]);
    trace!.forEach((step, t) => {
      expect(Object.keys(step)).toEqual(['x', 'i', 'f', 'g', 'o', 'c', 'h', 'y']);
      for (const key of ['i', 'f', 'g', 'o', 'c', 'h', 'y'] as const) {
        expect(Array.isArray(step[key]), key).toBe(true);
        expect(step[key]).toEqual([...r.trace!.step(t)[key]]);
      }
      expect(step.y).toHaveLength(8);
    });
    // JSON round trip keeps every number: the arrays are plain, not typed arrays written as objects.
    expect(JSON.parse(JSON.stringify(trace))).toEqual(trace);
  });

  it('gives each serial step its pair of bits, least significant first, and one more step for the carry', () => {
    // 5 = 101, 3 = 011 (LSB first: 1 0 1 and 1 1 0); the fourth step reads 0, 0 and writes the carry.
    const answer = formatAnswer(exactSerial.add(5, 3, { trace: true }), 'serial');
    expect(answer).toMatchObject({ a: '5', b: '3', sum: '8', correct: true, model: 'serial' });
    expect(answer.trace!.map((s) => s.x)).toEqual([
      [1, 1],
      [0, 1],
      [1, 0],
      [0, 0],
    ]);
    expect(answer.trace!.every((s) => s.y.length === 1)).toBe(true);
  });
});
