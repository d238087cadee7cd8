// The LSTM's loss and gradients, derived by hand (backpropagation through time) over plain arrays. For the serial
// model (H ≤ 8, a dozen steps) every TF.js kernel launch costs far more than its arithmetic: autodiff of one batch
// is ~870 kernels (~11 ms on wasm), this is ~0.5 ms of CPU (H = 3, 64 sums of 9 bits). Same cell, same fused layout
// (gates.ts) and same losses as lstm.ts and objective.ts; test/lstm-grad.test.ts checks every gradient against TF.js
// autodiff. No Node built-ins.
import { sigmoid, tanh } from '@lstm-adder/core';
import type { Loss } from './config.js';
import { GATE } from './gates.js';
import type { ParamSnapshot } from './snapshot.js';

export type ParamGrads = Pick<ParamSnapshot, 'kernel' | 'recurrent' | 'bias' | 'denseW' | 'denseB'>;

export interface Sequences {
  /** Rows (sequences) in the batch. */
  size: number;
  /** inputs[t]: [size, I] row-major. */
  inputs: Float32Array[];
  /** targets[t]: [size, O] row-major for the steps that have an output, null for the others. */
  targets: (Float32Array | null)[];
}

/** The serial recipe's regularisers (config.ts: cellPenalty, stateNoise); off when absent. */
export interface Regularisers {
  /** λ: the loss gains λ × the mean over rows and steps of |c|² (summed over the units). */
  cellPenalty?: number;
  /** σ of the Gaussian noise added to c and to h after every step of the forward pass, and a standard normal draw. */
  stateNoise?: { sigma: number; gauss: () => number };
}

/** Row r's forward pass, keeping what the backward pass needs: gate activations (fused blocks, gates.ts), c, tanh(c),
 *  h per step. State noise (σ > 0) is added to c and h as constants: the backward pass is the same. */
function forwardRow(
  p: ParamSnapshot,
  batch: Sequences,
  r: number,
  act: Float64Array,
  cs: Float64Array,
  tcs: Float64Array,
  hs: Float64Array,
  noise?: Regularisers['stateNoise'],
): void {
  const { inputSize: I, hiddenSize: H } = p;
  const G = 4 * H;
  const [i0, f0, g0, o0] = [GATE.i * H, GATE.f * H, GATE.g * H, GATE.o * H];
  for (let t = 0; t < batch.inputs.length; t++) {
    const x = batch.inputs[t]!,
      a = t * G,
      s = t * H,
      prev = s - H;
    for (let g = 0; g < G; g++) {
      let z = p.bias[g]!;
      for (let i = 0; i < I; i++) {
        const xi = x[r * I + i]!;
        if (xi !== 0) z += xi * p.kernel[i * G + g]!;
      }
      if (t > 0) for (let j = 0; j < H; j++) z += hs[prev + j]! * p.recurrent[j * G + g]!;
      act[a + g] = z;
    }
    for (let j = 0; j < H; j++) {
      const i = sigmoid(act[a + i0 + j]!),
        f = sigmoid(act[a + f0 + j]!),
        g = tanh(act[a + g0 + j]!),
        o = sigmoid(act[a + o0 + j]!);
      act[a + i0 + j] = i;
      act[a + f0 + j] = f;
      act[a + g0 + j] = g;
      act[a + o0 + j] = o;
      const c = i * g + (t > 0 ? f * cs[prev + j]! : 0) + (noise ? noise.sigma * noise.gauss() : 0);
      cs[s + j] = c;
      tcs[s + j] = tanh(c);
      hs[s + j] = o * tcs[s + j]! + (noise ? noise.sigma * noise.gauss() : 0);
    }
  }
}

/** Output o of the dense layer (its logit) for the h of one step, stored at hs[s…s + H). */
function denseOut(p: ParamSnapshot, hs: Float64Array, s: number, o: number): number {
  const { hiddenSize: H, outputSize: O } = p;
  let y = p.denseB[o]!;
  for (let j = 0; j < H; j++) y += hs[s + j]! * p.denseW[j * O + o]!;
  return y;
}

/**
 * Per row, the smallest signed distance of an output from the loss's decision threshold (logit 0 for BCE, 0.5 for
 * MSE), positive when every bit is right: objective.ts's rowMargins, without a TF.js kernel per step.
 */
export function sequenceMargins(p: ParamSnapshot, batch: Sequences, loss: Loss): Float64Array {
  const { hiddenSize: H, outputSize: O } = p;
  const T = batch.inputs.length;
  const act = new Float64Array(T * 4 * H),
    cs = new Float64Array(T * H),
    tcs = new Float64Array(T * H),
    hs = new Float64Array(T * H);
  const margins = new Float64Array(batch.size);
  for (let r = 0; r < batch.size; r++) {
    forwardRow(p, batch, r, act, cs, tcs, hs);
    let min = Infinity;
    for (let t = 0; t < T; t++) {
      const target = batch.targets[t];
      if (!target) continue;
      for (let o = 0; o < O; o++) {
        const y = denseOut(p, hs, t * H, o);
        const score = loss === 'bce' ? y : y - 0.5;
        min = Math.min(min, target[r * O + o]! === 1 ? score : -score);
      }
    }
    margins[r] = min;
  }
  return margins;
}

/**
 * Mean loss over every output (rows × output steps × O, as tf.losses' default reduction), plus the cell penalty if
 * any, and its gradient with respect to each parameter. h0 = c0 = 0, as in lstm.ts.
 */
export function lossAndGrads(
  p: ParamSnapshot,
  batch: Sequences,
  loss: Loss,
  { cellPenalty = 0, stateNoise }: Regularisers = {},
): { loss: number; grads: ParamGrads } {
  const { inputSize: I, hiddenSize: H, outputSize: O } = p;
  const G = 4 * H;
  const [i0, f0, g0, o0] = [GATE.i * H, GATE.f * H, GATE.g * H, GATE.o * H];
  const T = batch.inputs.length;
  const outputSteps = batch.targets.filter((t) => t !== null).length;
  const n = batch.size * outputSteps * O;
  /** d(penalty)/dc = 2λc / (rows × steps). */
  const penaltyScale = (2 * cellPenalty) / (batch.size * T);
  let penalty = 0;
  const grads: ParamGrads = {
    kernel: new Float32Array(I * G),
    recurrent: new Float32Array(H * G),
    bias: new Float32Array(G),
    denseW: new Float32Array(H * O),
    denseB: new Float32Array(O),
  };
  // Accumulate in float64, then round once.
  const gK = new Float64Array(I * G),
    gR = new Float64Array(H * G),
    gB = new Float64Array(G),
    gW = new Float64Array(H * O),
    gD = new Float64Array(O);
  // One row at a time: the gate activations of its T steps, then back through them.
  const act = new Float64Array(T * G); // the gates after σ / tanh
  const cs = new Float64Array(T * H),
    tcs = new Float64Array(T * H),
    hs = new Float64Array(T * H);
  const dh = new Float64Array(H),
    dc = new Float64Array(H),
    dz = new Float64Array(G),
    dy = new Float64Array(O);
  let total = 0;

  for (let r = 0; r < batch.size; r++) {
    forwardRow(p, batch, r, act, cs, tcs, hs, stateNoise && stateNoise.sigma > 0 ? stateNoise : undefined);
    dh.fill(0);
    dc.fill(0);
    for (let t = T - 1; t >= 0; t--) {
      const a = t * G,
        s = t * H,
        prev = s - H,
        target = batch.targets[t];
      if (target) {
        for (let o = 0; o < O; o++) {
          const y = denseOut(p, hs, s, o);
          const label = target[r * O + o]!;
          if (loss === 'bce') {
            // tf.losses.sigmoidCrossEntropy: max(y, 0) − y·label + log(1 + e^−|y|)
            total += Math.max(y, 0) - y * label + Math.log1p(Math.exp(-Math.abs(y)));
            dy[o] = (sigmoid(y) - label) / n;
          } else {
            total += (y - label) ** 2;
            dy[o] = (2 * (y - label)) / n;
          }
          gD[o] = gD[o]! + dy[o]!;
        }
        for (let j = 0; j < H; j++) {
          let d = 0;
          for (let o = 0; o < O; o++) {
            gW[j * O + o] = gW[j * O + o]! + hs[s + j]! * dy[o]!;
            d += dy[o]! * p.denseW[j * O + o]!;
          }
          dh[j] = dh[j]! + d;
        }
      }
      for (let j = 0; j < H; j++) {
        const i = act[a + i0 + j]!,
          f = act[a + f0 + j]!,
          g = act[a + g0 + j]!,
          o = act[a + o0 + j]!,
          tc = tcs[s + j]!;
        const cj = cs[s + j]!;
        const dcj = dc[j]! + dh[j]! * o * (1 - tc * tc) + penaltyScale * cj;
        penalty += cj * cj;
        const cPrev = t > 0 ? cs[prev + j]! : 0;
        dz[i0 + j] = dcj * g * i * (1 - i);
        dz[f0 + j] = dcj * cPrev * f * (1 - f);
        dz[g0 + j] = dcj * i * (1 - g * g);
        dz[o0 + j] = dh[j]! * tc * o * (1 - o);
        dc[j] = dcj * f;
      }
      const x = batch.inputs[t]!;
      for (let g = 0; g < G; g++) gB[g] = gB[g]! + dz[g]!;
      for (let i = 0; i < I; i++) {
        const xi = x[r * I + i]!;
        if (xi !== 0) for (let g = 0; g < G; g++) gK[i * G + g] = gK[i * G + g]! + xi * dz[g]!;
      }
      for (let j = 0; j < H; j++) {
        let d = 0;
        for (let g = 0; g < G; g++) {
          if (t > 0) gR[j * G + g] = gR[j * G + g]! + hs[prev + j]! * dz[g]!;
          d += dz[g]! * p.recurrent[j * G + g]!;
        }
        dh[j] = d; // into step t − 1
      }
    }
  }
  grads.kernel.set(gK);
  grads.recurrent.set(gR);
  grads.bias.set(gB);
  grads.denseW.set(gW);
  grads.denseB.set(gD);
  return { loss: total / n + (cellPenalty * penalty) / (batch.size * T), grads };
}
