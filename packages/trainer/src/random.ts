// Seeded randomness: every random choice in training goes through one seedrandom stream.
import seedrandom from 'seedrandom';

export type PRNG = () => number;

export function createRng(seed: number | string): PRNG {
  const rng = seedrandom(String(seed));
  return () => rng.quick();
}

/** Integer in [0, n). */
export function randInt(rng: PRNG, n: number): number {
  return Math.floor(rng() * n);
}

/** Fisher–Yates shuffle in place. */
export function shuffle<T>(rng: PRNG, items: T[] | Int32Array): void {
  for (let k = items.length - 1; k > 0; k--) {
    const j = randInt(rng, k + 1);
    const tmp = items[k]!;
    items[k] = items[j]!;
    items[j] = tmp;
  }
}
