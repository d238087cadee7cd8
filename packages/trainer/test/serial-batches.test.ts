// The serial training data: every row of a batch is a true sum in core's encodeSerial layout.
import { encodeSerial } from '@lstm-adder/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { encodeSerialBatch, serialBatch } from '../src/data/serial-batches.js';
import { createRng } from '../src/random.js';

/** Row r's operands and sum, read back from the batch's bits (LSB first). */
function readRow(batch: ReturnType<typeof serialBatch>, r: number) {
  let a = 0n,
    b = 0n,
    sum = 0n;
  batch.steps.forEach((s, t) => {
    a |= BigInt(s[2 * r]!) << BigInt(t);
    b |= BigInt(s[2 * r + 1]!) << BigInt(t);
  });
  batch.targets.forEach((y, t) => {
    sum |= BigInt(y[r]!) << BigInt(t);
  });
  return { a, b, sum };
}

describe('serialBatch', () => {
  test('each row is a + b in core’s encodeSerial layout, with the carry out in the last step (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 1, max: 80 }), (seed, width) => {
        const batch = serialBatch(createRng(seed), width, 8);
        expect(batch.steps).toHaveLength(width + 1);
        for (let r = 0; r < batch.size; r++) {
          const { a, b, sum } = readRow(batch, r);
          expect(sum).toBe(a + b);
          expect(a < 1n << BigInt(width) && b < 1n << BigInt(width)).toBe(true);
          expect(encodeSerial(a, b, width).map((x) => [...x])).toEqual(
            batch.steps.map((s) => [s[2 * r], s[2 * r + 1]]),
          );
        }
      }),
      { numRuns: 60 },
    );
  });

  test('chainRows: that fraction of rows are carry chains (b = ¬a at ~15 of 16 bits), still true sums', () => {
    const width = 48,
      size = 400;
    const propagates = (batch: ReturnType<typeof serialBatch>, r: number) =>
      batch.steps.slice(0, width).filter((s) => s[2 * r] !== s[2 * r + 1]).length / width;
    const plain = serialBatch(createRng(9), width, size);
    const mixed = serialBatch(createRng(9), width, size, 0.25);
    let chains = 0;
    for (let r = 0; r < size; r++) {
      const { a, b, sum } = readRow(mixed, r);
      expect(sum).toBe(a + b);
      if (propagates(mixed, r) > 0.85) chains++;
      expect(propagates(plain, r), 'a random row is not a chain').toBeLessThan(0.85);
    }
    expect(chains / size).toBeGreaterThan(0.18);
    expect(chains / size).toBeLessThan(0.32);
  });

  test('draws every bit position of both operands (no bit stuck at 0 or 1 across 64-bit words)', () => {
    const batch = serialBatch(createRng(4), 70, 200);
    for (let t = 0; t < 70; t++) {
      for (const col of [0, 1]) {
        let ones = 0;
        for (let r = 0; r < 200; r++) ones += batch.steps[t]![2 * r + col]!;
        expect(ones, `bit ${t} of ${col ? 'b' : 'a'}`).toBeGreaterThan(60);
        expect(ones, `bit ${t} of ${col ? 'b' : 'a'}`).toBeLessThan(140);
      }
    }
  });

  test('encodeSerialBatch writes the same layout from bigints', () => {
    const batch = encodeSerialBatch([5n, 255n], [3n, 1n], 8);
    expect(readRow(batch, 0)).toEqual({ a: 5n, b: 3n, sum: 8n });
    expect(readRow(batch, 1)).toEqual({ a: 255n, b: 1n, sum: 256n });
  });
});
