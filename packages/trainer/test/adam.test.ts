// adam.ts is TF.js's Adam over plain arrays: stepped side by side with tf.train.adam on both backends the serial
// model trains on, the weights must agree to the last bit, through learning-rate changes, zero and tiny gradients.
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { Adam } from '../src/adam.js';
import { setupBackend } from '../src/node/backend.js';
import { createRng, uniform } from '../src/random.js';

describe.each(['cpu', 'wasm'] as const)('Adam equals tf.train.adam on %s, bit for bit', (backend) => {
  test('600 steps of 76 weights', async () => {
    await setupBackend(backend, { autodiff: false });
    const rng = createRng(4);
    const n = 76;
    const start = Float32Array.from({ length: n }, () => uniform(rng) - 0.5);
    const variable = tf.variable(tf.tensor1d(start));
    const reference = tf.train.adam(0.01);
    const adam = new Adam(0.01, n);
    const weights = start.slice();
    let firstDifference: string | null = null;
    for (let step = 0; step < 600 && !firstDifference; step++) {
      const lr = 0.01 * 0.98 ** Math.floor(step / 50);
      (reference as unknown as { learningRate: number }).learningRate = lr; // as the loop sets it
      adam.learningRate = lr;
      const scale = 10 ** (uniform(rng) * 8 - 6); // 1e-6 … 1e2
      const grads = Float32Array.from({ length: n }, () => (uniform(rng) < 0.05 ? 0 : (uniform(rng) - 0.5) * scale));
      tf.tidy(() => reference.applyGradients([{ name: variable.name, tensor: tf.tensor1d(grads) }]));
      adam.step(weights, grads);
      const want = variable.dataSync();
      const k = want.findIndex((w, i) => !Object.is(w, weights[i]));
      if (k >= 0) firstDifference = `step ${step}, weight ${k}: ${weights[k]} ≠ TF.js ${want[k]}`;
    }
    expect(firstDifference).toBeNull();
    expect(
      Array.from(weights).some((w, i) => w !== start[i]),
      'the weights moved',
    ).toBe(true);
    reference.dispose();
    variable.dispose();
  });
});
