// Messages between the page and the serial-stats worker: exact-match rate by length, and which
// units carry the 1.
import type { ModelInfo } from '../api';
import type { CarryUnit } from '../inside/carry';

/** Operand lengths in bits, and random sums per length (fewer for the long ones: they cost per bit). */
export const LENGTHS: readonly { bits: number; samples: number }[] = [
  { bits: 8, samples: 200 },
  { bits: 16, samples: 200 },
  { bits: 32, samples: 200 },
  { bits: 64, samples: 200 },
  { bits: 128, samples: 100 },
  { bits: 256, samples: 100 },
  { bits: 512, samples: 50 },
  { bits: 1024, samples: 50 },
  { bits: 2048, samples: 20 },
  { bits: 3322, samples: 20 },
];

/** Random sums and their width for finding the carry units. */
export const CARRY_SAMPLES = { sums: 200, bits: 32 } as const;

export interface SerialStatsRequest {
  /** The model, with its weights, as `GET /model/serial?weights=1` gives it. */
  model: ModelInfo;
}

export type SerialStatsMessage =
  | { type: 'carry'; units: CarryUnit[]; samples: number; bits: number }
  | { type: 'length'; bits: number; samples: number; correct: number }
  | { type: 'done'; fingerprint: string; ms: number }
  | { type: 'failed'; message: string };
