// Messages between the page and the error-map worker, and the map's geometry.
import { VECTOR_MAX_OPERAND } from '@lstm-adder/core';
import type { ModelInfo } from '../api';

/** Values per operand: 0..127. */
export const SIDE = VECTOR_MAX_OPERAND + 1;

/** page → worker: the model (with its weights) to run over every pair. */
export interface ErrorMapRequest {
  model: ModelInfo;
}

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

/**
 * The one orientation of the 128 × 128 map (the trainer's SVG report draws it the same way):
 * a across (x, left to right), b down (y, top to bottom), 0 + 0 at the top left.
 */
export const MAP_ORIENTATION = 'a across (0 → 127, left to right), b down (0 → 127, top to bottom)';

/** The pair under a point of the map, `cell` pixels per pair; null outside. */
export function pairAt(x: number, y: number, cell: number): { a: number; b: number } | null {
  const a = Math.floor(x / cell);
  const b = Math.floor(y / cell);
  return a >= 0 && b >= 0 && a < SIDE && b < SIDE ? { a, b } : null;
}

/** Where the arrow keys (and Home/End/PageUp/PageDown) move the map's cursor; null for other keys. */
export function moveCursor(pair: { a: number; b: number }, key: string, big = 8): { a: number; b: number } | null {
  const clamp = (v: number) => Math.min(SIDE - 1, Math.max(0, v));
  const moves: Record<string, [number, number]> = {
    ArrowLeft: [-1, 0],
    ArrowRight: [1, 0],
    ArrowUp: [0, -1],
    ArrowDown: [0, 1],
    PageUp: [0, -big],
    PageDown: [0, big],
    Home: [-SIDE, 0],
    End: [SIDE, 0],
  };
  const move = moves[key];
  return move ? { a: clamp(pair.a + move[0]), b: clamp(pair.b + move[1]) } : null;
}
