// Messages between the page and the error-map worker.

export const SIDE = 128;

export type ErrorMapMessage =
  | { type: 'row'; a: number; sums: Int16Array }
  | { type: 'done'; correct: number; total: number; fingerprint: string; ms: number }
  | { type: 'failed'; message: string };

/** Pairs the model gets wrong, from a finished map (sums[a * SIDE + b] is the model's answer). */
export function wrongPairs(sums: Int16Array): { a: number; b: number; got: number }[] {
  const wrong: { a: number; b: number; got: number }[] = [];
  for (let a = 0; a < SIDE; a++) {
    for (let b = 0; b < SIDE; b++) {
      const got = sums[a * SIDE + b]!;
      if (got !== a + b) wrong.push({ a, b, got });
    }
  }
  return wrong;
}
