// What training reports per epoch (core's EpochRecord, the meta's history rows) and returns.
import type { EpochRecord } from '@lstm-adder/core';
import type { ParamSnapshot } from './snapshot.js';

export type { EpochRecord };

export interface TrainHooks {
  onEpoch?(record: EpochRecord): void;
  /** Vector: the pair indices (a·128 + b) of each batch, as trained on. */
  onBatch?(pairIds: Int32Array): void;
  /** Polled between batches: true stops training cleanly (Ctrl-C, the page's stop). */
  shouldStop?(): boolean;
  /** Asked when the training signals say the target may be met; true stops training with these weights. */
  verify?(snapshot: ParamSnapshot): boolean | Promise<boolean>;
  now?(): number;
}

export type StopReason = 'target' | 'epochs' | 'time' | 'interrupted';

export interface TrainResult {
  snapshot: ParamSnapshot;
  bestEpoch: number;
  history: EpochRecord[];
  epochsRun: number;
  stopReason: StopReason;
  seconds: number;
  split?: { train: number; heldOut: number };
  heldOutPairs?: Int32Array;
}
