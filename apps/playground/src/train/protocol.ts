// Messages between the Train view and its worker. Weights travel as lstm-adder.weights/v1 JSON objects.
import type { Weights } from '@lstm-adder/core';
import type { SerialCertificate } from '@lstm-adder/core/proof';
import type { EpochRecord, TrainHooks } from '@lstm-adder/trainer/browser';
import { BROWSER_BACKENDS, type BrowserBackend } from '@lstm-adder/trainer/config';

export const BACKEND_CHOICES = ['auto', ...BROWSER_BACKENDS] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
export interface BackendInfo {
  name: BrowserBackend;
  reason: string;
}

/** What the visitor can set; the rest of the recipe is the trainer's default for the arch. */
export interface TrainSettings {
  arch: 'serial' | 'vector';
  hidden: number;
  lr: number;
  batch: number;
  seed: number;
  backend: BackendChoice;
}

/** One epoch as the trainer's loop reports it. */
export type EpochReport = EpochRecord;

/** The serial recipe's proof as it runs (once core's sampled verification passes): progress, then its outcome. */
export type ProofReport = Parameters<NonNullable<TrainHooks['onProof']>>[0];

export type ToWorker =
  | { type: 'start'; settings: TrainSettings }
  /** Runs epochs until paused or done. */
  | { type: 'play' }
  | { type: 'pause' }
  /** One epoch, then pause. */
  | { type: 'step' }
  /** A pause after every epoch while playing (0: none; slow motion: about a second). */
  | { type: 'speed'; delayMs: number };

export type FromWorker =
  /** The backend is up and the run is set: `weights` are its starting (random) weights, before epoch 1. */
  | { type: 'backend'; backend: BackendInfo; ms: number; weights: Weights }
  | { type: 'epoch'; record: EpochReport; weights: Weights | null; wall: number }
  | { type: 'state'; state: 'playing' | 'paused' | 'verifying' }
  | { type: 'proof'; report: ProofReport }
  /** Training stopped: `weights` carry the trainer's meta (config, verification, its proof, history); a serial
   *  proof's certificate comes beside them. */
  | {
      type: 'done';
      weights: Weights;
      passed: boolean;
      stopReason: string;
      wall: number;
      verifyMs: number;
      certificate?: SerialCertificate;
    }
  | { type: 'failed'; message: string };
