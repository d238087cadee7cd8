// Reading the model's outputs as bits: y ≥ 0.5 is a 1.

export interface DecodedBits {
  bits: string;
  sum: bigint;
  margin: number;
}

/** Decodes outputs given most significant first. */
export function decodeBits(ys: ArrayLike<number>): DecodedBits {
  let bits = '';
  let margin = Infinity;
  for (let k = 0; k < ys.length; k++) {
    const y = ys[k] as number;
    bits += y >= 0.5 ? '1' : '0';
    margin = Math.min(margin, Math.abs(y - 0.5));
  }
  return { bits, sum: bits ? BigInt(`0b${bits}`) : 0n, margin };
}
