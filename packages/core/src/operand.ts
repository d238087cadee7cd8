// Strict operand parsing: the adders accept non-negative integers only, and say so.
import { describe } from './issues.js';
import { shorten } from './quote.js';

export type Operand = number | bigint | string;

const DECIMAL = /^[0-9]+$/;

/**
 * Parses a non-negative integer given as a number, a bigint or a string of ASCII decimal digits.
 * Throws a TypeError (wrong kind of value) or RangeError (negative, unsafe) that says what is accepted.
 */
export function parseOperand(value: Operand, name = 'operand'): bigint {
  switch (typeof value) {
    case 'bigint':
      if (value < 0n) throw new RangeError(`${name} must be a non-negative integer, got ${describeInteger(value)}`);
      return value;
    case 'number':
      if (!Number.isInteger(value)) throw new TypeError(`${name} must be a non-negative integer, got ${value}`);
      if (value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
      // Above 2^53 a number has already lost digits: ask for a bigint or a string instead of guessing.
      if (!Number.isSafeInteger(value)) {
        throw new RangeError(
          `${name} must be at most ${Number.MAX_SAFE_INTEGER} as a number ` +
            `(pass a bigint or a decimal string for larger values), got ${value}`,
        );
      }
      return BigInt(value);
    case 'string':
      if (!DECIMAL.test(value)) {
        throw new TypeError(
          `${name} must be a string of decimal digits 0-9 (a non-negative integer), got ${describe(value)}`,
        );
      }
      return BigInt(value);
    default:
      throw new TypeError(
        `${name} must be a non-negative integer (number, bigint or decimal string), got ${typeof value}`,
      );
  }
}

/** Up to this many bits a bigint's decimal digits cost microseconds, so a message can show them. */
const WRITTEN_BITS = 4096;

/**
 * A received bigint for a message, cut short: its digits as `shorten` cuts them, or, past 4096 bits (where writing
 * the digits would cost more than the message is worth), its size: `an integer of 3321929 bits`.
 */
export function describeInteger(n: bigint): string {
  const magnitude = n < 0n ? -n : n;
  // Hex digits are a linear-time proxy for the bit length; the exact count is only written for huge values.
  if (magnitude.toString(16).length * 4 <= WRITTEN_BITS) return shorten(n.toString());
  return `${n < 0n ? 'a negative' : 'an'} integer of ${magnitude.toString(2).length} bits`;
}
