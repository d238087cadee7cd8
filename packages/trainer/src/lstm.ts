// The notebook's LSTM cell in TF.js, gates fused as in tfjs-layers' LSTMCell (one kernel [I, 4H],
// one recurrent kernel [H, 4H], one bias [4H]) but in the contract's gate order (gates.ts) and with
// the true sigmoid. No Node built-ins here: a browser can run the same code.
import * as tf from '@tensorflow/tfjs-core';
import { GATE } from './gates.js';

export interface LstmShape {
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
}

export interface LstmParams {
  kernel: tf.Variable; // [I, 4H]  column blocks in core's GATES order (gates.ts)
  recurrent: tf.Variable; // [H, 4H]
  bias: tf.Variable; // [4H]
  denseW: tf.Variable; // [H, O]
  denseB: tf.Variable; // [O]
}

export function paramList(p: LstmParams): tf.Variable[] {
  return [p.kernel, p.recurrent, p.bias, p.denseW, p.denseB];
}

export function disposeParams(p: LstmParams): void {
  for (const v of paramList(p)) v.dispose();
}

/**
 * x·W whose gradients use explicit transposes: the wasm backend's matMul is fast (XNNPACK) only without
 * transposeA/transposeB, which the stock gradient uses (measured ~10× slower for [512, 32]ᵀ·[512, 128]).
 */
export const matMulFast = tf.customGrad(((x: tf.Tensor, w: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D),
    gradFunc: (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const [xs, ws] = saved as [tf.Tensor2D, tf.Tensor2D];
      const g = dy as tf.Tensor2D;
      return [tf.matMul(g, tf.transpose(ws)), tf.matMul(tf.transpose(xs), g)];
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (x: tf.Tensor2D, w: tf.Tensor2D) => tf.Tensor2D;

/** Runs the cell over steps (each [B, I]) from h0 = c0 = 0; returns the hidden state of every step asked for. */
function hiddenStates(p: LstmParams, steps: tf.Tensor2D[], wanted: (t: number) => boolean): tf.Tensor2D[] {
  let h: tf.Tensor2D | null = null;
  let c: tf.Tensor2D | null = null;
  const out: tf.Tensor2D[] = [];
  for (let t = 0; t < steps.length; t++) {
    let z = tf.add(matMulFast(steps[t]!, p.kernel as tf.Tensor2D), p.bias) as tf.Tensor2D;
    // h0 = 0: no recurrent term at t = 0
    if (h) z = tf.add(z, matMulFast(h, p.recurrent as tf.Tensor2D)) as tf.Tensor2D;
    const zs = tf.split(z, 4, 1) as tf.Tensor2D[];
    const [zi, zf, zg, zo] = [zs[GATE.i]!, zs[GATE.f]!, zs[GATE.g]!, zs[GATE.o]!];
    const ig = tf.mul(tf.sigmoid(zi), tf.tanh(zg)) as tf.Tensor2D;
    c = c ? (tf.add(tf.mul(tf.sigmoid(zf), c), ig) as tf.Tensor2D) : ig; // c0 = 0
    h = tf.mul(tf.sigmoid(zo), tf.tanh(c)) as tf.Tensor2D;
    if (wanted(t)) out.push(h);
  }
  return out;
}

const dense = (p: LstmParams, h: tf.Tensor2D): tf.Tensor2D => tf.add(matMulFast(h, p.denseW as tf.Tensor2D), p.denseB);

/**
 * The dense layer's logits (pre-activation) for every step asked for in `outputSteps` (default: all), each [B, O].
 */
export function forwardLogits(p: LstmParams, steps: tf.Tensor2D[], outputSteps?: number[]): tf.Tensor2D[] {
  const wanted = new Set(outputSteps ?? steps.map((_, t) => t));
  return hiddenStates(p, steps, (t) => wanted.has(t)).map((h) => dense(p, h));
}
