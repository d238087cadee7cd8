// The serial model's data: batches of random operands of one width, encoded with core's encodeSerial
// (LSB first, padded to the batch's width, plus the final carry step) so every row has the same length.
import { encodeSerial, randomBigInt, toBits } from '@lstm-adder/core';
import type { PRNG } from '../random.js';

export interface SerialBatch {
  width: number;
  /** steps[t]: [batch, 2] bits of step t, row-major. */
  steps: Float32Array[];
  /** targets[t]: [batch, 1] sum bit t (LSB first). */
  targets: Float32Array[];
  a: bigint[];
  b: bigint[];
}

export function serialBatch(rng: PRNG, width: number, size: number): SerialBatch {
  const a: bigint[] = [], b: bigint[] = [];
  for (let r = 0; r < size; r++) { a.push(randomBigInt(rng, width)); b.push(randomBigInt(rng, width)); }
  return encodeSerialBatch(a, b, width);
}

/** Encodes pairs whose operands fit in `width` bits into width + 1 steps each. */
export function encodeSerialBatch(a: bigint[], b: bigint[], width: number): SerialBatch {
  const n = width + 1;
  const size = a.length;
  const steps = Array.from({ length: n }, () => new Float32Array(size * 2));
  const targets = Array.from({ length: n }, () => new Float32Array(size));
  for (let r = 0; r < size; r++) {
    const encoded = encodeSerial(a[r]!, b[r]!, width);
    if (encoded.length !== n) throw new RangeError(`operands ${a[r]} and ${b[r]} do not fit in ${width} bits`);
    const sumBits = toBits(a[r]! + b[r]!, n); // MSB first
    for (let t = 0; t < n; t++) {
      steps[t]!.set(encoded[t]!, r * 2);
      targets[t]![r] = sumBits[n - 1 - t]!;
    }
  }
  return { width, steps, targets, a, b };
}
