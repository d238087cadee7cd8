// The cell's own activation functions, against the language's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sigmoid, tanh } from '../src/cell.js';

describe('activations', () => {
  it('tanh matches Math.tanh to 1e-15 everywhere, saturating without NaN', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (x) => {
        expect(Math.abs(tanh(x) - Math.tanh(x))).toBeLessThanOrEqual(1e-15);
      }),
      { numRuns: 50_000 },
    );
    expect(tanh(1e6)).toBe(1);
    expect(tanh(-1e6)).toBe(-1);
    expect(tanh(0)).toBe(0);
  });

  it('sigmoid is 1/(1 + e^-x) and saturates without NaN', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-1e6)).toBe(0);
    expect(sigmoid(1e6)).toBe(1);
  });
});
