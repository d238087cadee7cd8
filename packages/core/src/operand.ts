// Strict operand parsing: the adders accept non-negative integers only, and say so.
import { describe } from './issues.js';
import { shorten } from './quote.js';

export type Operand = number | bigint | string;

const DECIMAL = /^[0-9]+$/;

/** The longest operand the API and the page accept, in decimal digits (core's adders themselves take longer ones). */
export const OPERAND_MAX_DIGITS = 1000;

/** Why a string is not a plain decimal integer: a kind that the API and the page each put in their own words. */
export type OperandFault =
  | 'empty'
  | 'spaces'
  | 'negative'
  | 'plus'
  | 'radix'
  | 'fraction'
  | 'exponent'
  | 'script'
  | 'percent'
  | 'other';

/** What is wrong with a would-be operand, or null when it is 1 or more ASCII digits. Linear in the text's length. */
export function operandFault(text: string): OperandFault | null {
  if (DECIMAL.test(text)) return null;
  if (text === '') return 'empty';
  if (text.trim() !== text) return 'spaces';
  if (text.startsWith('-')) return 'negative';
  if (text.startsWith('+')) return 'plus';
  if (/^0[xob]/i.test(text)) return 'radix';
  if (/^[0-9]*[.,][0-9]*$/.test(text)) return 'fraction';
  if (/^[0-9.]+e[+-]?[0-9]*$/i.test(text)) return 'exponent';
  if (/\s/.test(text)) return 'spaces';
  if (/\p{Nd}/u.test(text.replace(/[0-9]/g, ''))) return 'script'; // digits of other scripts: ٣, ５
  if (/%[0-9a-f]{2}/i.test(text)) return 'percent'; // a URL's escape that did not decode (not UTF-8)
  return 'other';
}

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
