// Training configuration: the flags' types, accepted values, defaults and the two presets.
// Pure data and validation, no I/O, so the CLI, the `train` script, the bench and a browser can share it.

export const ARCHS = ['vector', 'serial'] as const;
export type Arch = (typeof ARCHS)[number];
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
   *  an extra copy of pairs with a margin under `hardMargin`, `wrongRepeat` extra copies of pairs still wrong. */
  | { kind: 'mined'; hardMargin: number; wrongRepeat: number; easyFraction: number };

export interface TrainConfig {
  arch: Arch;
  hidden: number;
  epochs: number;
  batch: number;
  lr: number;
  /** Learning rate floor for the plateau schedule (lr halves after `patience` epochs without a new best). */
  lrMin: number;
  patience: number;
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
  vector: {
    arch: 'vector', hidden: 32, epochs: 400, batch: 512, lr: 8e-2, lrMin: 1e-3, patience: 5, loss: 'bce', seed: 1,
    holdout: 0, trainWidths: [1, 1], batchesPerEpoch: 0, maxSeconds: 120,
    vectorData: { kind: 'mined', hardMargin: 2, wrongRepeat: 3, easyFraction: 1 }, preset: 'default',
  },
  serial: {
    arch: 'serial', hidden: 8, epochs: 60, batch: 128, lr: 3e-2, lrMin: 1e-3, patience: 5, loss: 'bce', seed: 1,
    holdout: 0, trainWidths: [1, 16], batchesPerEpoch: 20, maxSeconds: 30,
    vectorData: { kind: 'mined', hardMargin: 0, wrongRepeat: 1, easyFraction: 1 }, preset: 'default',
  },
};

/** The notebook's recipe, exactly: vector, 32 hidden, MSE, Adam 1e-3, batch 64, 50 epochs, 100,000 random pairs split 80k/20k. */
export const SEED_PRESET: TrainConfig = {
  arch: 'vector', hidden: 32, epochs: 50, batch: 64, lr: 1e-3, lrMin: 1e-3, patience: Infinity, loss: 'mse', seed: 1,
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
