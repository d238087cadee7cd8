// The recipes: each arch's default (what `npm run train` ships) and the notebook's, as presets name them.
import { type Arch, ConfigError, type Preset, type SerialConfig, type VectorConfig } from './schema.js';

export const DEFAULTS: { vector: VectorConfig; serial: SerialConfig } = {
  // 10% of the pairs held out, AdamW with a cosine schedule over a fixed 60 epochs, the last epoch shipped.
  vector: {
    arch: 'vector',
    hidden: 32,
    epochs: 60,
    batch: 256,
    lr: 8e-2,
    schedule: { kind: 'cosine', lrMin: 0 },
    init: 'glorot',
    weightDecay: 0.01,
    initScale: 1,
    keep: 'last',
    loss: 'bce',
    seed: 1,
    holdout: 0.1,
    maxSeconds: 3600,
    vectorData: { kind: 'mined', hardMargin: 2, hardRepeat: 2, wrongRepeat: 0, easyFraction: 1 },
    preset: 'default',
  },
  // H = 3, PyTorch's uniform initialisation at twice its scale, widths 1–16 with every 20th batch at 32 bits and 10%
  // carry-chain rows, Adam 0.03 × 0.98 every 250 steps, batch 64. Trained until core proves it right for every
  // length: noise on the states and a penalty on |c| make the dynamics contract (what a proof over cells needs),
  // every 5th batch replays the sums the prover found wrong, and a fresh start comes after 1,500 steps without a
  // proof. Checked every 50 steps (an epoch): the sampled verification first, then the proof.
  serial: {
    arch: 'serial',
    hidden: 3,
    epochs: 400,
    batch: 64,
    lr: 3e-2,
    schedule: { kind: 'step', everySteps: 250, factor: 0.98 },
    init: 'uniform',
    weightDecay: 0,
    initScale: 2,
    chainRows: 0.1,
    longBatches: [20, 32],
    restartSteps: 1500,
    stopMargin: 0.02,
    cellPenalty: 0.01,
    stateNoise: 0.1,
    regressionEvery: 5,
    proof: { maxCells: 20_000, seconds: 60 },
    keep: 'best',
    loss: 'bce',
    seed: 1,
    trainWidths: [1, 16],
    batchesPerEpoch: 50,
    maxSeconds: 300,
    preset: 'default',
  },
};

/** The notebook's recipe, exactly: vector, 32 hidden, MSE, Adam 1e-3, batch 64, 50 epochs, 100,000 random pairs
 *  split 80k/20k, no time limit. */
export const SEED_PRESET: VectorConfig = {
  arch: 'vector',
  hidden: 32,
  epochs: 50,
  batch: 64,
  lr: 1e-3,
  schedule: { kind: 'constant' },
  init: 'glorot',
  weightDecay: 0,
  initScale: 1,
  keep: 'last',
  loss: 'mse',
  seed: 1,
  holdout: 0,
  maxSeconds: null,
  vectorData: { kind: 'random', samples: 100_000, testFraction: 0.2 },
  preset: 'seed',
};

/** The recipe a preset names for an arch (a copy): the notebook's (vector only), or the arch's default. A refusal
 *  names the field `name('preset')`. */
export function presetConfig(
  preset: Preset,
  arch: Arch,
  name: (path: string) => string = (path) => path,
): VectorConfig | SerialConfig {
  if (preset === 'seed' && arch !== 'vector')
    throw new ConfigError(
      name('preset'),
      "the seed preset is the notebook's vector recipe; it cannot train arch serial",
    );
  return structuredClone(preset === 'seed' ? SEED_PRESET : DEFAULTS[arch]);
}
