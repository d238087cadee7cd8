// Snapshot → the weights contract `lstm-adder.weights/v1`: unfuse the [I, 4H] kernels into the contract's gates.
import {
  GATES,
  WEIGHTS_FORMAT,
  type Arch,
  type GateParams,
  type OutputActivation,
  type Weights,
} from '@lstm-adder/core';
import { GATE } from './gates.js';
import type { ParamSnapshot } from './snapshot.js';

/**
 * Rounds a float32 to `digits` significant decimal digits. 9 digits always round-trip a float32 exactly;
 * fewer make a smaller file, which export keeps only if core's verification still passes.
 */
export const roundTo =
  (digits: number) =>
  (x: number): number =>
    Number(Math.fround(x).toPrecision(digits));

function gateOf(fused: Float32Array, rows: number, H: number, gate: number, round: (x: number) => number): number[][] {
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: H }, (_, j) => round(fused[r * 4 * H + gate * H + j]!)),
  );
}

export function toWeights(
  s: ParamSnapshot,
  arch: Arch,
  outputActivation: OutputActivation,
  meta: Record<string, unknown>,
  digits = 9,
): Weights {
  const { inputSize: I, hiddenSize: H, outputSize: O } = s;
  const round = roundTo(digits);
  const gate = (k: number): GateParams => ({
    U: gateOf(s.kernel, I, H, k, round),
    V: gateOf(s.recurrent, H, H, k, round),
    b: Array.from(s.bias.subarray(k * H, (k + 1) * H), round),
  });
  return {
    format: WEIGHTS_FORMAT,
    arch,
    inputSize: I,
    hiddenSize: H,
    outputSize: O,
    outputActivation,
    lstm: { i: gate(GATE.i), f: gate(GATE.f), g: gate(GATE.g), o: gate(GATE.o) },
    dense: {
      W: Array.from({ length: H }, (_, r) => Array.from(s.denseW.subarray(r * O, (r + 1) * O), round)),
      b: Array.from(s.denseB, round),
    },
    meta,
  };
}

/** The exported weights back as a fused snapshot (for the TF.js side of the parity check). */
export function fromWeights(w: Weights): ParamSnapshot {
  const { inputSize: I, hiddenSize: H, outputSize: O } = w;
  const kernel = new Float32Array(I * 4 * H),
    recurrent = new Float32Array(H * 4 * H),
    bias = new Float32Array(4 * H);
  GATES.forEach((g) => {
    const k = GATE[g];
    const { U, V, b } = w.lstm[g];
    for (let r = 0; r < I; r++) for (let j = 0; j < H; j++) kernel[r * 4 * H + k * H + j] = U[r]![j]!;
    for (let r = 0; r < H; r++) for (let j = 0; j < H; j++) recurrent[r * 4 * H + k * H + j] = V[r]![j]!;
    bias.set(b, k * H);
  });
  return {
    inputSize: I,
    hiddenSize: H,
    outputSize: O,
    kernel,
    recurrent,
    bias,
    denseW: Float32Array.from(w.dense.W.flat()),
    denseB: Float32Array.from(w.dense.b),
  };
}
