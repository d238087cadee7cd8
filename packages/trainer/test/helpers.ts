// Shared by the tests: a small, fast configuration of either recipe.
import { DEFAULTS, type Arch, type TrainConfig } from '../src/config.js';

export function tinyConfig(arch: Arch, overrides: Partial<TrainConfig> = {}): TrainConfig {
  const base = structuredClone(DEFAULTS[arch]);
  return arch === 'vector'
    ? { ...base, hidden: 4, epochs: 2, batch: 2048, maxSeconds: 60, ...overrides }
    : {
        ...base,
        hidden: 4,
        epochs: 3,
        batch: 32,
        batchesPerEpoch: 5,
        trainWidths: [1, 6],
        maxSeconds: 60,
        ...overrides,
      };
}
