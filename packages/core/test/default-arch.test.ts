// Which model adds a pair when nobody says: vector for operands 0..127, serial for anything else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultArch, fitsVector } from '../src/index.js';

describe('fitsVector', () => {
  it('takes 0 to 127, with or without leading zeros', () => {
    for (const digits of ['0', '7', '57', '127', '0127', '000', `${'0'.repeat(1000)}99`])
      expect(fitsVector(digits), digits).toBe(true);
  });

  it('refuses 128 and above, however written', () => {
    for (const digits of ['128', '0128', '999', '1000', `1${'0'.repeat(1000)}`, '18446744073709551743'])
      expect(fitsVector(digits), digits).toBe(false);
  });

  it('refuses what is not a string of decimal digits', () => {
    for (const text of ['', '+1', '-1', ' 1', '1 ', '1e2', '0x10', '١', '12.0'])
      expect(fitsVector(text), JSON.stringify(text)).toBe(false);
  });

  it('agrees with n ≤ 127 for any n and any number of leading zeros', () => {
    fc.assert(
      fc.property(fc.nat(100_000), fc.nat(5), (n, zeros) => {
        expect(fitsVector('0'.repeat(zeros) + n)).toBe(n <= 127);
      }),
    );
  });
});

describe('defaultArch', () => {
  it('is vector when both operands fit it, serial when either does not', () => {
    expect(defaultArch('57', '99')).toBe('vector');
    expect(defaultArch('0', '127')).toBe('vector');
    expect(defaultArch('128', '1')).toBe('serial');
    expect(defaultArch('1', '128')).toBe('serial');
    expect(defaultArch('123456789', '987654321')).toBe('serial');
  });
});
