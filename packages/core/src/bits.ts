// Bit encodings shared by the trainer, the adders and the page: one place decides what "bit t" means.
import { describeInteger } from './operand.js';

/** Width of the vector model's bit vectors: 8 bits hold any sum of two operands in 0..127. */
export const VECTOR_BITS = 8;
/** Largest operand the vector model adds (its sum must fit in VECTOR_BITS). */
export const VECTOR_MAX_OPERAND = 127;
/** Values each vector operand takes: 0..127. */
export const VECTOR_OPERANDS = VECTOR_MAX_OPERAND + 1;
/** Every vector question: pair (a, b) has index a·128 + b. */
export const VECTOR_PAIRS = VECTOR_OPERANDS * VECTOR_OPERANDS;

/** The `width` lowest bits of `n`, most significant first. */
export function toBits(n: bigint | number, width: number): number[] {
  const value = BigInt(n);
  if (value < 0n) throw new RangeError(`toBits: expected a non-negative integer, got ${describeInteger(value)}`);
  if (!Number.isInteger(width) || width < 0)
    throw new RangeError(`toBits: width must be a non-negative integer, got ${width}`);
  const binary = value.toString(2);
  const bits = new Array<number>(width).fill(0);
  // Copy the lowest `width` binary digits right-aligned; higher digits are dropped like a fixed-width register.
  for (let k = 0; k < width && k < binary.length; k++) {
    bits[width - 1 - k] = binary.charCodeAt(binary.length - 1 - k) - 48;
  }
  return bits;
}

/** The integer whose bits, most significant first, are `bits` (any value ≥ 0.5 counts as 1). */
export function fromBits(bits: ArrayLike<number>): bigint {
  if (bits.length === 0) return 0n;
  let binary = '';
  for (let k = 0; k < bits.length; k++) binary += (bits[k] as number) >= 0.5 ? '1' : '0';
  return BigInt(`0b${binary}`);
}

/** Number of binary digits of n, with bitLength(0) = 0. */
export function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

/** The vector model's two steps: [bits8(a), bits8(b)], MSB first. */
export function encodeVector(a: number | bigint, b: number | bigint): number[][] {
  return [toBits(a, VECTOR_BITS), toBits(b, VECTOR_BITS)];
}

/**
 * Number of serial steps for a + b: one per bit of the longer operand (at least one, or at least `width`
 * when the operands are padded to a fixed width), plus one for the last carry.
 */
export function serialStepCount(a: bigint, b: bigint, width = 1): number {
  return Math.max(bitLength(a), bitLength(b), width, 1) + 1;
}

/**
 * The serial model's steps: [bit t of a, bit t of b] LSB first, then one [0, 0] step for the last carry.
 * `width` pads both operands with high zero bits (training batches of one width use it).
 */
export function encodeSerial(a: bigint, b: bigint, width = 1): number[][] {
  const n = serialStepCount(a, b, width);
  const aBits = toBits(a, n);
  const bBits = toBits(b, n);
  const steps: number[][] = [];
  for (let t = 0; t < n; t++) steps.push([aBits[n - 1 - t] as number, bBits[n - 1 - t] as number]);
  return steps;
}
