// Losses and the decision rule. With BCE the dense output is a logit and the model's output is sigmoid(logit), so
// "bit = 1" is logit ≥ 0; with the notebook's MSE the output is the identity and the rule is y ≥ 0.5.
import * as tf from '@tensorflow/tfjs-core';
import type { Loss } from './config.js';

export function lossOf(loss: Loss, labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return loss === 'bce'
    ? (tf.losses.sigmoidCrossEntropy(labels, logits) as tf.Scalar)
    : (tf.losses.meanSquaredError(labels, logits) as tf.Scalar);
}

/** The contract's `outputActivation` for a loss. */
export const outputActivationOf = (loss: Loss): 'sigmoid' | 'identity' => (loss === 'bce' ? 'sigmoid' : 'identity');

/** Signed distance of each output from its decision threshold, positive when the bit is right; min over the bits of
 *  a row. */
export function rowMargins(loss: Loss, labels: tf.Tensor2D, logits: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const score = loss === 'bce' ? logits : tf.sub(logits, 0.5);
    const sign = tf.sub(tf.mul(labels, 2), 1);
    return tf.min(tf.mul(score, sign), 1) as tf.Tensor1D;
  });
}
