// Which model adds a pair when nobody says: the vector model where it can (both operands 0..127), the serial one
// everywhere else. The edge API answers `model` left out with it; the page mirrors it when it answers locally.
import type { Arch } from './arch.js';
import { VECTOR_MAX_OPERAND } from './bits.js';

const DIGITS = /^[0-9]+$/;

/** Whether a string of decimal digits is an operand the vector model adds (0..127, leading zeros allowed). */
export function fitsVector(digits: string): boolean {
  if (!DIGITS.test(digits)) return false;
  const significant = digits.replace(/^0+(?=.)/, '');
  return significant.length <= 3 && Number(significant) <= VECTOR_MAX_OPERAND;
}

/** `vector` when both operands fit it, else `serial` (which adds any length). */
export const defaultArch = (a: string, b: string): Arch => (fitsVector(a) && fitsVector(b) ? 'vector' : 'serial');
