// What an operand may be: a string of 1 to 1,000 ASCII digits (leading zeros allowed), and for the vector model 0..127.
import { VECTOR_MAX_OPERAND } from '@lstm-adder/core';
import * as v from 'valibot';

export const MAX_DIGITS = 1000;
/** trace=1 returns 7 arrays per step: past ~213 bits (64 digits) the answer would run to megabytes. */
export const TRACE_MAX_DIGITS = 64;
const DIGITS = /^[0-9]+$/;

export const operand = v.pipe(v.string(), v.regex(DIGITS), v.maxLength(MAX_DIGITS));

export const ACCEPTED_OPERAND = `a non-negative decimal integer of 1 to ${MAX_DIGITS.toLocaleString('en-US')} ASCII digits, such as "57" (0 to ${VECTOR_MAX_OPERAND} for model=vector)`;

/** Whether a digit string (already checked) is one the vector model can add. */
export function fitsVector(digits: string): boolean {
  const significant = digits.replace(/^0+(?=.)/, '');
  return significant.length <= 3 && Number(significant) <= VECTOR_MAX_OPERAND;
}

/** Says, in a few words, why a string is not a plain decimal integer. */
export function operandFault(text: string): string {
  if (text === '') return 'it is empty';
  if (text.trim() !== text) return 'spaces are not accepted';
  if (text.startsWith('-')) return 'negative numbers are not accepted';
  if (text.startsWith('+')) return 'a leading "+" is not accepted';
  if (/^0[xob]/i.test(text)) return 'only decimal digits are accepted, not hexadecimal, octal or binary';
  if (/^[0-9]*[.,][0-9]*$/.test(text)) return 'fractions and decimal points are not accepted';
  if (/^[0-9.]+e[+-]?[0-9]*$/i.test(text)) return 'exponent notation is not accepted';
  if (/\s/.test(text)) return 'spaces are not accepted';
  if (/\p{Nd}/u.test(text.replace(/[0-9]/g, ''))) return 'only the ASCII digits 0-9 are accepted, not other scripts\' digits';
  if (/%[0-9a-f]{2}/i.test(text)) return 'it holds a percent-escape that is not valid UTF-8';
  return 'it is not a decimal integer';
}
