// Shared by the tests: a small, fast configuration of either recipe.
import { type Arch, DEFAULTS, type SerialConfig, type TrainConfig, type VectorConfig } from '../src/config.js';

export function tinyConfig(arch: 'vector', overrides?: Partial<VectorConfig>): VectorConfig;
export function tinyConfig(arch: 'serial', overrides?: Partial<SerialConfig>): SerialConfig;
export function tinyConfig(arch: Arch, overrides?: Partial<Pick<TrainConfig, 'epochs' | 'seed'>>): TrainConfig;
export function tinyConfig(arch: Arch, overrides: object = {}): TrainConfig {
  return arch === 'vector'
    ? { ...structuredClone(DEFAULTS.vector), hidden: 4, epochs: 2, batch: 2048, maxSeconds: 60, ...overrides }
    : {
        ...structuredClone(DEFAULTS.serial),
        hidden: 4,
        epochs: 3,
        batch: 32,
        batchesPerEpoch: 5,
        trainWidths: [1, 6],
        maxSeconds: 60,
        ...overrides,
      };
}
