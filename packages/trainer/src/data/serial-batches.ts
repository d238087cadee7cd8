// The serial model's data: batches of random operands of one width, LSB first, padded to the batch's width, plus
// the final carry step (core's encodeSerial layout), so every row has the same length. Training batches draw their
// bits straight from the PRNG (no bigints: at H = 3 the data would otherwise cost as much as the training step).
import { encodeSerial, toBits } from '@lstm-adder/core';
import type { PRNG } from '../random.js';

export interface SerialBatch {
  width: number;
  /** Rows (sums) in the batch. */
  size: number;
  /** steps[t]: [size, 2] bits of step t, row-major. */
  steps: Float32Array[];
  /** targets[t]: [size, 1] sum bit t (LSB first). */
  targets: Float32Array[];
}

/** `size` sums of two uniformly random `width`-bit operands, with the sum's bits by ripple carry; a fraction
 *  `chainRows` of the rows are carry chains instead: b = ¬a but where 1 bit in 16 makes a = b (a generate or a
 *  kill). */
export function serialBatch(rng: PRNG, width: number, size: number, chainRows = 0): SerialBatch {
  const n = width + 1;
  const steps = Array.from({ length: n }, () => new Float32Array(size * 2));
  const targets = Array.from({ length: n }, () => new Float32Array(size));
  for (let r = 0; r < size; r++) {
    let carry = 0,
      aWord = 0,
      bWord = 0;
    const chain = chainRows > 0 && rng() / 2 ** 32 < chainRows;
    for (let t = 0; t < width; t++) {
      if (t % 32 === 0) {
        aWord = rng();
        bWord = rng();
        if (chain) bWord = (~aWord ^ (rng() & rng() & rng() & rng())) >>> 0;
      }
      const a = (aWord >>> (t % 32)) & 1,
        b = (bWord >>> (t % 32)) & 1;
      steps[t]![2 * r] = a;
      steps[t]![2 * r + 1] = b;
      targets[t]![r] = a ^ b ^ carry;
      carry = (a + b + carry) >> 1;
    }
    targets[width]![r] = carry; // the last step reads [0, 0] and emits the carry out
  }
  return { width, size, steps, targets };
}

/** Encodes pairs whose operands fit in `width` bits into width + 1 steps each (core's encodeSerial). */
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
  return { width, size, steps, targets };
}
