// Training configuration: the flags' types, accepted values, defaults and the two presets.
// Pure data and validation, no I/O, so the CLI, the `train` script, the bench and a browser can share it.

import { ARCHS, type Arch } from '@lstm-adder/core';

export { ARCHS, type Arch };
export const LOSSES = ['mse', 'bce'] as const;
export type Loss = (typeof LOSSES)[number];
export const PRESETS = ['seed', 'default'] as const;
export type Preset = (typeof PRESETS)[number];
export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

/** How a vector epoch is assembled. */
export type VectorData =
  /** The notebook's: `samples` random pairs (with replacement), split train/test by `testFraction`. */
  | { kind: 'random'; samples: number; testFraction: number }
  /** Every training pair each epoch (confident ones with probability `easyFraction`), plus hard-example mining:
   *  `hardRepeat` extra copies of pairs whose worst-bit margin is under `hardMargin`, and `wrongRepeat` more of
   *  pairs still wrong. */
  | { kind: 'mined'; hardMargin: number; hardRepeat: number; wrongRepeat: number; easyFraction: number };

/** How the learning rate moves (the loop applies it; see loop.ts). */
export type Schedule =
  /** The notebook's: a fixed learning rate. */
  | { kind: 'constant' }
  /** Halve after `patience` epochs without a new best training score, down to `lrMin`. */
  | { kind: 'plateau'; patience: number; lrMin: number }
  /** Cosine from `lr` to `lrMin` over the configured epochs, set at the start of each epoch. */
  | { kind: 'cosine'; lrMin: number }
  /** Multiply by `factor` every `everySteps` optimizer steps. */
  | { kind: 'step'; everySteps: number; factor: number };

export interface TrainConfig {
  arch: Arch;
  hidden: number;
  epochs: number;
  batch: number;
  lr: number;
  schedule: Schedule;
  /** AdamW's decoupled weight decay: after each Adam step, w −= lr · weightDecay · w (0: plain Adam). */
  weightDecay: number;
  /** Which weights training returns: the best training score (and stop at the first verified epoch), or the
   *  last epoch of a fixed schedule (no early stop: nothing but the schedule decides). */
  keep: 'best' | 'last';
  loss: Loss;
  seed: number;
  /** Fraction of the 16,384 vector pairs held out (never trained on). */
  holdout: number;
  /** Serial: inclusive range of operand widths drawn per batch. */
  trainWidths: [number, number];
  /** Serial: batches per epoch. */
  batchesPerEpoch: number;
  maxSeconds: number;
  vectorData: VectorData;
  preset: Preset | null;
}

export const DEFAULTS: Record<Arch, TrainConfig> = {
  // 10% of the pairs held out, AdamW with a cosine schedule over a fixed 150 epochs, the last epoch shipped.
  vector: {
    arch: 'vector', hidden: 32, epochs: 150, batch: 256, lr: 8e-2, schedule: { kind: 'cosine', lrMin: 0 }, weightDecay: 0.01,
    keep: 'last', loss: 'bce', seed: 1, holdout: 0.1, trainWidths: [1, 1], batchesPerEpoch: 0, maxSeconds: 600,
    vectorData: { kind: 'mined', hardMargin: 2, hardRepeat: 2, wrongRepeat: 0, easyFraction: 1 }, preset: 'default',
  },
  serial: {
    arch: 'serial', hidden: 8, epochs: 60, batch: 128, lr: 3e-2, schedule: { kind: 'plateau', patience: 5, lrMin: 1e-3 }, weightDecay: 0,
    keep: 'best', loss: 'bce', seed: 1, holdout: 0, trainWidths: [1, 16], batchesPerEpoch: 20, maxSeconds: 30,
    vectorData: { kind: 'mined', hardMargin: 0, hardRepeat: 0, wrongRepeat: 0, easyFraction: 1 }, preset: 'default',
  },
};

/** The notebook's recipe, exactly: vector, 32 hidden, MSE, Adam 1e-3, batch 64, 50 epochs, 100,000 random pairs split 80k/20k. */
export const SEED_PRESET: TrainConfig = {
  arch: 'vector', hidden: 32, epochs: 50, batch: 64, lr: 1e-3, schedule: { kind: 'constant' }, weightDecay: 0,
  keep: 'last', loss: 'mse', seed: 1,
  holdout: 0, trainWidths: [1, 1], batchesPerEpoch: 0, maxSeconds: Infinity,
  vectorData: { kind: 'random', samples: 100_000, testFraction: 0.2 }, preset: 'seed',
};

export class ConfigError extends Error {
  constructor(readonly flag: string, message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Checks the cross-field rules the per-flag parsers cannot see. */
export function validateConfig(c: TrainConfig): TrainConfig {
  if (c.preset === 'seed' && c.arch !== 'vector') throw new ConfigError('--preset', `--preset seed is the notebook's vector recipe; it cannot be combined with --arch ${c.arch}`);
  if (c.arch === 'serial' && c.holdout > 0) throw new ConfigError('--holdout', '--holdout applies to --arch vector only (serial trains on random pairs of any width)');
  if (c.trainWidths[0] > c.trainWidths[1]) throw new ConfigError('--train-widths', `--train-widths: the lower bound ${c.trainWidths[0]} is above the upper bound ${c.trainWidths[1]}`);
  return c;
}
