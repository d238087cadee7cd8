import { describe, expect, it } from 'vitest';
import { carrySequence } from '../src/answer/bits';
import { carryCorrelations, carryUnits } from '../src/inside/carry';

describe('carry units', () => {
  // Unit 1 holds the carry (noisy), unit 0 holds bit t of a, unit 2 holds the inverse of the carry.
  const samples = Array.from({ length: 40 }, (_, k) => {
    const a = BigInt(k * 7919 + 13) % 4096n;
    const b = BigInt(k * 104729 + 5) % 4096n;
    const carry = carrySequence(a, b, 13);
    const c = carry.map((cy, t) => [Number((a >> BigInt(t)) & 1n), 2 * cy - 1 + 0.1 * Math.sin(k + t), 1 - cy]);
    return { c, carry };
  });

  it('finds the unit whose cell state follows the true carry, and the one that follows it inversely', () => {
    const r = carryCorrelations(samples, 3);
    expect(r[1]).toBeGreaterThan(0.95);
    expect(r[2]).toBeCloseTo(-1, 10);
    expect(Math.abs(r[0]!)).toBeLessThan(0.7); // a bit of a goes with the carry, but loosely
    expect(
      carryUnits(r)
        .map((u) => u.unit)
        .sort(),
    ).toEqual([1, 2]);
  });

  it('names the strongest unit alone when none passes the threshold, and 0 for a constant unit', () => {
    expect(carryUnits([0.2, -0.5, 0.1])).toEqual([{ unit: 1, r: -0.5 }]);
    expect(carryCorrelations([{ c: [[1], [1]], carry: [0, 1] }], 1)).toEqual([0]);
  });
});
