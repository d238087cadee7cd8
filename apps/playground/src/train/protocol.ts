// Messages between the Train view and its worker. Weights travel as lstm-adder.weights/v1 JSON objects.
import type { Weights } from '@lstm-adder/core';
import type { EpochRecord } from '@lstm-adder/trainer/browser';

export const BACKEND_CHOICES = ['auto', 'wasm', 'webgl', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];
export interface BackendInfo {
  name: 'wasm' | 'webgl' | 'cpu';
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
  /** Training stopped: `weights` carry the trainer's meta (config, verification, history). */
  | { type: 'done'; weights: Weights; passed: boolean; stopReason: string; wall: number; verifyMs: number }
  | { type: 'failed'; message: string };
