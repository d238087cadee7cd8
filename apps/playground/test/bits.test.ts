import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alignBitRows,
  carrySequence,
  confidenceOfOutput,
  groupDigits,
  sumBitConfidences,
  surePercent,
} from '../src/answer/bits';

describe('alignBitRows', () => {
  it('right-aligns rows so each column is one bit position', () => {
    const { width, rows } = alignBitRows([
      { label: 'a', bits: '101' },
      { label: 'sum', bits: '10011' },
    ]);
    expect(width).toBe(5);
    expect(rows[0]!.cells.map((c) => c.bit).join('|')).toBe('||1|0|1');
    expect(rows[1]!.cells.map((c) => c.position)).toEqual([4, 3, 2, 1, 0]);
  });

  it('puts bit k of every row in the column of position k (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 1n << 200n }), { minLength: 1, maxLength: 4 }), (numbers) => {
        const { rows } = alignBitRows(numbers.map((n, k) => ({ label: `r${k}`, bits: n.toString(2) })));
        rows.forEach((row, k) => {
          for (const cell of row.cells) {
            const expected =
              cell.position < numbers[k]!.toString(2).length ? String((numbers[k]! >> BigInt(cell.position)) & 1n) : '';
            expect(cell.bit).toBe(expected);
          }
        });
      }),
    );
  });

  it('refuses rows that are not binary, naming the row', () => {
    expect(() => alignBitRows([{ label: 'sum', bits: '10x' }])).toThrow(/sum: expected a string of 0s and 1s/);
  });
});

describe('confidence', () => {
  it('is 0 at the threshold and 1 at or beyond 0 and 1', () => {
    expect(confidenceOfOutput(0.5)).toBe(0);
    expect(confidenceOfOutput(1)).toBe(1);
    expect(confidenceOfOutput(-0.3)).toBe(1);
    expect(confidenceOfOutput(0.75)).toBeCloseTo(0.5);
    expect(confidenceOfOutput(Number.NaN)).toBe(0);
  });

  it('reads the vector answer from the last step, MSB first', () => {
    const outputs = [
      [9, 9, 9, 9, 9, 9, 9, 9],
      [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.9, 0.0],
    ];
    const byPosition = sumBitConfidences('vector', outputs, 8)!;
    expect(byPosition[0]).toBe(1); // last output = LSB
    expect(byPosition[1]).toBeCloseTo(0.8);
    expect(byPosition[7]).toBe(0);
  });

  it('reads serial sum bit t from step t', () => {
    const byPosition = sumBitConfidences('serial', [[0.9], [0.4], [0.5]], 3)!;
    expect(byPosition[0]).toBeCloseTo(0.8);
    expect(byPosition[1]).toBeCloseTo(0.2);
    expect(byPosition[2]).toBe(0);
  });

  it('is null without outputs, so the caller falls back to the margin', () => {
    expect(sumBitConfidences('vector', undefined, 8)).toBeNull();
    expect(sumBitConfidences('serial', [], 8)).toBeNull();
  });
});

describe('surePercent', () => {
  it('is the probability the model gave the bit it wrote: 50 at the threshold, 100 at 0 or 1', () => {
    // An output of 0.675 writes a 1 and is 67 % sure of it (not "35 %", its distance from the threshold).
    expect(surePercent(confidenceOfOutput(0.675))).toBe(67);
    expect(surePercent(confidenceOfOutput(0.2))).toBe(80);
    expect(surePercent(confidenceOfOutput(0.5))).toBe(50);
    expect(surePercent(confidenceOfOutput(1))).toBe(100);
    expect(surePercent(confidenceOfOutput(7))).toBe(100); // beyond 0..1 (an identity output) counts as sure
  });
});

describe('groupDigits', () => {
  it('groups thousands with thin spaces and leaves non-numbers alone', () => {
    expect(groupDigits('1234567')).toBe('1\u2009234\u2009567');
    expect(groupDigits('156')).toBe('156');
    expect(groupDigits('12a')).toBe('12a');
  });
});

describe('carrySequence', () => {
  it('follows a carry chain: 7 + 1 carries out of bits 0, 1 and 2', () => {
    expect(carrySequence(7n, 1n, 4)).toEqual([1, 1, 1, 0]);
    expect(carrySequence(0n, 0n, 2)).toEqual([0, 0]);
  });

  it('agrees with bigint addition: bit t + 1 of a + b is a_t+1 ^ b_t+1 ^ carry_t (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 1n << 300n }), fc.bigInt({ min: 0n, max: 1n << 300n }), (a, b) => {
        const width = Math.max(a.toString(2).length, b.toString(2).length) + 1;
        const carries = carrySequence(a, b, width);
        const sum = a + b;
        for (let t = 0; t + 1 < width; t++) {
          const expected = ((a >> BigInt(t + 1)) ^ (b >> BigInt(t + 1)) ^ BigInt(carries[t]!)) & 1n;
          expect((sum >> BigInt(t + 1)) & 1n).toBe(expected);
        }
        expect(carries[width - 1]).toBe(0);
      }),
    );
  });
});
