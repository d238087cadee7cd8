// The initial weights: drawn as plain arrays from the seeded PRNG (the serial model trains on them as they are),
// or as TF.js variables (the vector model).
import * as tf from '@tensorflow/tfjs-core';
import type { Init } from './config.js';
import { GATE } from './gates.js';
import type { LstmParams, LstmShape } from './lstm.js';
import { uniform as draw, type PRNG } from './random.js';
import type { ParamSnapshot } from './snapshot.js';

/** The initial weights as plain arrays, all drawn from the seeded PRNG: `glorot` as tfjs-layers and Keras
 *  (Glorot-uniform kernels, forget bias 1, zero dense bias); `uniform` as PyTorch's nn.LSTM and nn.Linear (every
 *  parameter, biases too, uniform in ±1/√H; `scale` multiplies the limit). */
export function initialWeights(shape: LstmShape, rng: PRNG, init: Init = 'glorot', scale = 1): ParamSnapshot {
  const { inputSize: I, hiddenSize: H, outputSize: O } = shape;
  const uniform = (n: number, limit: number) => Float32Array.from({ length: n }, () => (draw(rng) * 2 - 1) * limit);
  const glorot = (fanIn: number, fanOut: number) => Math.sqrt(6 / (fanIn + fanOut));
  const k = scale / Math.sqrt(H);
  const values =
    init === 'uniform'
      ? {
          kernel: uniform(I * 4 * H, k),
          recurrent: uniform(H * 4 * H, k),
          bias: uniform(4 * H, k),
          denseW: uniform(H * O, k),
          denseB: uniform(O, k),
        }
      : {
          kernel: uniform(I * 4 * H, glorot(I, 4 * H)),
          recurrent: uniform(H * 4 * H, glorot(H, 4 * H)),
          bias: new Float32Array(4 * H).fill(1, GATE.f * H, (GATE.f + 1) * H), // unit forget bias
          denseW: uniform(H * O, glorot(H, O)),
          denseB: new Float32Array(O),
        };
  return { ...shape, ...values };
}

/** The initial weights (initialWeights) as trainable TF.js variables. */
export function initParams(shape: LstmShape, rng: PRNG, init: Init = 'glorot', scale = 1): LstmParams {
  const { inputSize: I, hiddenSize: H, outputSize: O } = shape;
  const values = initialWeights(shape, rng, init, scale);
  // tidy frees the initial-value tensors (a variable keeps its own reference to the data); variables survive it.
  return tf.tidy(() => ({
    kernel: tf.variable(tf.tensor2d(values.kernel, [I, 4 * H]), true, 'kernel'),
    recurrent: tf.variable(tf.tensor2d(values.recurrent, [H, 4 * H]), true, 'recurrent'),
    bias: tf.variable(tf.tensor1d(values.bias), true, 'bias'),
    denseW: tf.variable(tf.tensor2d(values.denseW, [H, O]), true, 'denseW'),
    denseB: tf.variable(tf.tensor1d(values.denseB), true, 'denseB'),
  }));
}
