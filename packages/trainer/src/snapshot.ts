// Plain-array copies of the trained variables: what export, verification and "keep the best epoch" work on.
import * as tf from '@tensorflow/tfjs-core';
import type { LstmParams, LstmShape } from './lstm.js';

export interface ParamSnapshot extends LstmShape {
  kernel: Float32Array; // [I, 4H] row-major, column blocks in core's GATES order (gates.ts)
  recurrent: Float32Array; // [H, 4H]
  bias: Float32Array; // [4H]
  denseW: Float32Array; // [H, O]
  denseB: Float32Array; // [O]
}

export function takeSnapshot(p: LstmParams): ParamSnapshot {
  const [I, fourH] = p.kernel.shape as [number, number];
  const O = p.denseB.shape[0]!;
  return {
    inputSize: I,
    hiddenSize: fourH / 4,
    outputSize: O,
    kernel: p.kernel.dataSync() as Float32Array,
    recurrent: p.recurrent.dataSync() as Float32Array,
    bias: p.bias.dataSync() as Float32Array,
    denseW: p.denseW.dataSync() as Float32Array,
    denseB: p.denseB.dataSync() as Float32Array,
  };
}

/** Constant tensors holding a snapshot (for a TF.js forward pass of exported weights). Caller disposes. */
export function snapshotTensors(s: ParamSnapshot): LstmParams {
  return snapshotVariables(s, false);
}

/** Variables initialised from a snapshot (trainable by default). Caller disposes. */
export function snapshotVariables(s: ParamSnapshot, trainable = true): LstmParams {
  const { inputSize: I, hiddenSize: H, outputSize: O } = s;
  return tf.tidy(() => ({
    // frees the initial-value tensors; the variables survive
    kernel: tf.variable(tf.tensor2d(s.kernel, [I, 4 * H]), trainable),
    recurrent: tf.variable(tf.tensor2d(s.recurrent, [H, 4 * H]), trainable),
    bias: tf.variable(tf.tensor1d(s.bias), trainable),
    denseW: tf.variable(tf.tensor2d(s.denseW, [H, O]), trainable),
    denseB: tf.variable(tf.tensor1d(s.denseB), trainable),
  }));
}
