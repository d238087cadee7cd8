// Why a would-be operand is not one: the diagnosis the API's messages and the page's hints both start from.
import { describe, expect, it } from 'vitest';
import { OPERAND_MAX_DIGITS, operandFault } from '../src/index.js';

describe('operandFault', () => {
  it('is null for 1 or more ASCII digits, leading zeros and all', () => {
    for (const text of ['0', '57', '007', '9'.repeat(5000)]) expect(operandFault(text), text).toBeNull();
  });

  it.each([
    ['', 'empty'],
    [' 5', 'spaces'],
    ['12 ', 'spaces'],
    ['1 2', 'spaces'],
    ['1\t2', 'spaces'],
    ['-5', 'negative'],
    ['+5', 'plus'],
    ['0x1F', 'radix'],
    ['0b11', 'radix'],
    ['0O7', 'radix'],
    ['2.5', 'fraction'],
    ['3.', 'fraction'],
    ['.5', 'fraction'],
    ['1,5', 'fraction'],
    ['1e3', 'exponent'],
    ['2.5E-3', 'exponent'],
    ['٣', 'script'],
    ['1５', 'script'],
    ['%E0%A4', 'percent'],
    ['five', 'other'],
    ['12ab', 'other'],
    ['NaN', 'other'],
  ] as const)('%j is %s', (text, fault) => {
    expect(operandFault(text)).toBe(fault);
  });

  it('the API and the page accept operands of up to 1,000 digits', () => {
    expect(OPERAND_MAX_DIGITS).toBe(1000);
  });
});
