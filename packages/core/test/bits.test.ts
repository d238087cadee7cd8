import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bitLength, encodeSerial, encodeVector, fromBits, serialStepCount, toBits } from '../src/index.js';

describe('bit encoding', () => {
  it('round-trips numbers through toBits/fromBits at any sufficient width', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat({ max: 20 }), (n, extra) => {
        const width = bitLength(BigInt(n)) + extra;
        const bits = toBits(n, width);
        expect(bits).toHaveLength(width);
        expect(fromBits(bits)).toBe(BigInt(n));
      }),
    );
  });

  it('round-trips bigints of thousands of bits', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << 5000n) - 1n }), (n) => {
        expect(fromBits(toBits(n, bitLength(n)))).toBe(n);
        expect(toBits(n, bitLength(n))[0] ?? 1).toBe(1); // MSB first: a positive number's leading bit is 1
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the lowest bits when the width is too small, like a register', () => {
    expect(toBits(0b1011, 2)).toEqual([1, 1]);
    expect(toBits(5, 8)).toEqual([0, 0, 0, 0, 0, 1, 0, 1]);
  });

  it('encodes the vector model input as bits8(a), bits8(b), MSB first', () => {
    expect(encodeVector(57, 99)).toEqual([
      [0, 0, 1, 1, 1, 0, 0, 1],
      [0, 1, 1, 0, 0, 0, 1, 1],
    ]);
  });

  it('encodes serial steps LSB first with one carry step, and they decode back', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: (1n << 300n) - 1n }),
        fc.bigInt({ min: 0n, max: (1n << 300n) - 1n }),
        (a, b) => {
          const steps = encodeSerial(a, b);
          expect(steps).toHaveLength(serialStepCount(a, b));
          expect(steps.at(-1)).toEqual([0, 0]);
          const lsbFirst = (k: 0 | 1) => fromBits(steps.map((s) => s[k]!).reverse());
          expect(lsbFirst(0)).toBe(a);
          expect(lsbFirst(1)).toBe(b);
        },
      ),
      { numRuns: 200 },
    );
    expect(encodeSerial(0n, 0n)).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(encodeSerial(3n, 1n, 4)).toEqual([
      [1, 1],
      [1, 0],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(encodeSerial(255n, 1n, 4)).toHaveLength(9); // a width below the operands' bit length pads nothing
  });

  it('rejects negative numbers and widths', () => {
    expect(() => toBits(-1n, 4)).toThrow(RangeError);
    expect(() => toBits(1, -1)).toThrow(/width/);
  });
});
