// Seeded randomness for training, on core's one PRNG (mulberry32): every random choice comes from a stream
// named by the seed and a purpose, so the held-out split depends on the seed alone, not on how long training ran.
import { mulberry32 } from '@lstm-adder/core';

/** Uniform 32-bit unsigned integers (core's mulberry32 interface, so `randomBigInt` accepts it). */
export type PRNG = () => number;

/** Purposes of the separate streams drawn from one seed. */
export const STREAMS = { train: 0, holdout: 1, check: 2, data: 3, parity: 4, noise: 5 } as const;

/** The stream `purpose` of `seed`: the seed mixed with a golden-ratio multiple of the stream number. */
export function createRng(seed: number, purpose: keyof typeof STREAMS = 'train'): PRNG {
  return mulberry32((seed + Math.imul(STREAMS[purpose], 0x9e3779b9)) >>> 0);
}

/** Uniform in [0, 1). */
export const uniform = (rng: PRNG): number => rng() / 2 ** 32;

/** Integer in [0, n). */
export const randInt = (rng: PRNG, n: number): number => Math.floor(uniform(rng) * n);

/** Fisher–Yates shuffle in place. */
export function shuffle<T>(rng: PRNG, items: T[] | Int32Array): void {
  for (let k = items.length - 1; k > 0; k--) {
    const j = randInt(rng, k + 1);
    const tmp = items[k]!;
    items[k] = items[j]!;
    items[j] = tmp;
  }
}

/** Standard normal draws (Box–Muller on the stream's uniforms, one of each pair kept: simple, and cheap enough
 * here). */
export const gaussian =
  (rng: PRNG): (() => number) =>
  () =>
    Math.sqrt(-2 * Math.log(1 - uniform(rng))) * Math.cos(2 * Math.PI * uniform(rng));
