// What training reports per epoch (core's EpochRecord, the meta's history rows) and returns.
import type { EpochRecord } from '@lstm-adder/core';
import type { ParamSnapshot } from './snapshot.js';

export type { EpochRecord };

/** The serial recipe's proofs as they run: progress, then each attempt's outcome. */
export type ProofEvent =
  | { kind: 'progress'; cells: number; seconds: number }
  | {
      kind: 'result';
      proven: boolean;
      cells: number;
      seconds: number;
      counterexample?: { a: string; b: string };
      failure?: string;
    };

export interface TrainHooks {
  /** A proof attempt's progress and outcome (serial recipes with a proof). */
  onProof?(event: ProofEvent): void;
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
