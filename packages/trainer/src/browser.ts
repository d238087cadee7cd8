// @lstm-adder/trainer/browser: what a page or a Web Worker needs to train, step, watch and verify a model.
// No Node built-ins and no tfjs-node: the caller registers a TF.js backend (wasm, webgl or cpu) before training.
// tfjs-core's gradients are registered here, since a bundle only gets them by importing this module; tfjs-core's
// entry first: its side effects register the flags (DEBUG) that registering a gradient reads. register_all_gradients
// reaches them only through imports a bundler may drop (Vite's dev pre-bundle does), and then fails on load.
import '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';

export { DEFAULTS, SEED_PRESET, type Arch, type Loss, type Schedule, type TrainConfig } from './config.js';
export { createTraining, trainModel, type Training, type TrainedModel } from './pipeline.js';
export { TrainingLoop } from './loop.js';
export type { EpochRecord, StopReason, TrainHooks, TrainResult } from './train-types.js';
export { toWeights } from './export.js';
export type { ParamSnapshot } from './snapshot.js';
export {
  drain,
  drainAsync,
  SERIAL_VERIFICATION,
  verifySerial,
  verifySerialSteps,
  verifyVector,
  type SerialVerification,
  type VectorVerification,
} from './verify.js';
