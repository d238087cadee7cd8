// A tiny seeded PRNG (mulberry32) so evaluations are reproducible in any runtime without a dependency.

/** Uniform 32-bit unsigned integers from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** A uniform random integer in [0, 2^width). */
export function randomBigInt(next: () => number, width: number): bigint {
  if (width <= 0) return 0n;
  let hex = '';
  for (let bits = 0; bits < width; bits += 32) hex += next().toString(16).padStart(8, '0');
  return BigInt(`0x${hex}`) & ((1n << BigInt(width)) - 1n);
}
