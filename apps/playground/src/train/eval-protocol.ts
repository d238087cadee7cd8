// Messages to and from the live-evaluation worker.
import type { Weights } from '@lstm-adder/core';

/** The lengths the serial view reports, and the fresh pairs measured at each (small: it runs every few epochs). */
export const LENGTHS = [
  { bits: 8, samples: 500 },
  { bits: 16, samples: 500 },
  { bits: 64, samples: 200 },
  { bits: 1024, samples: 20 },
] as const;

export interface EvalRequest {
  id: number;
  weights: Weights;
  seed: number;
}

export type EvalReply =
  | { type: 'lengths'; id: number; byWidth: { width: number; samples: number; correct: number }[] }
  | { type: 'pairs'; id: number; sums: Int16Array; correct: number }
  | { type: 'failed'; id: number; message: string };
