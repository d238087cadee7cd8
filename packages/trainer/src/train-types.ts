// What training reports per epoch and returns.
import type { ParamSnapshot } from './snapshot.js';

export interface EpochRecord {
  epoch: number;
  /** Mean training loss over the epoch (sampled batches). */
  loss: number;
  /** Exact-match accuracy on the training data (vector: training pairs; serial: a fresh batch at the training widths). */
  trainAccuracy: number;
  /** Vector: held-out pairs (the seed preset: its 20k test split); serial: fresh pairs at 64 bits. null when there are none. */
  heldOutAccuracy: number | null;
  /** Vector: all 16,384 pairs; serial: null. */
  allPairsAccuracy: number | null;
  lr: number;
  samples: number;
  /** Training time so far (time spent paused between epochs does not count). */
  seconds: number;
}

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
