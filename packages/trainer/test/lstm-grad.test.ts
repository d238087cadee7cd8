// The hand-derived gradients against TF.js autodiff of the same cell (lstm.ts) and losses (objective.ts):
// both losses, outputs at every step (serial) and at the last step only (vector), random weights and inputs.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Loss } from '../src/config.js';
import { lossAndGrads, type Regularisers, sequenceMargins, type Sequences } from '../src/lstm-grad.js';
import { initParams } from '../src/init.js';
import { disposeParams, forwardLogits, paramList } from '../src/lstm.js';
import { setupBackend } from '../src/node/backend.js';
import { lossOf, rowMargins } from '../src/objective.js';
import { createRng, gaussian, uniform } from '../src/random.js';
import { takeSnapshot } from '../src/snapshot.js';

beforeAll(async () => {
  await setupBackend('cpu');
});

function autodiff(
  shape: { inputSize: number; hiddenSize: number; outputSize: number },
  seq: Sequences,
  loss: Loss,
  seed: number,
) {
  const params = initParams(shape, createRng(seed));
  // Push the weights away from the initialisation's symmetric start (forget bias 1, zero dense bias).
  const rng = createRng(seed, 'data');
  tf.tidy(() => {
    for (const v of paramList(params))
      v.assign(
        tf.add(
          v,
          tf.tensor(
            Array.from(v.dataSync(), () => uniform(rng) - 0.5),
            v.shape,
          ),
        ),
      );
  });
  const snapshot = takeSnapshot(params);
  const outputSteps = seq.targets.flatMap((t, k) => (t ? [k] : []));
  const { value, grads } = tf.variableGrads(() => {
    const logits = forwardLogits(
      params,
      seq.inputs.map((x) => tf.tensor2d(x, [seq.size, shape.inputSize])),
      outputSteps,
    );
    const labels = outputSteps.map((k) => tf.tensor2d(seq.targets[k]!, [seq.size, shape.outputSize]));
    return lossOf(loss, tf.concat(labels, 0), tf.concat(logits, 0));
  }, paramList(params));
  const expected = {
    loss: value.dataSync()[0]!,
    kernel: grads[params.kernel.name]!.dataSync(),
    recurrent: grads[params.recurrent.name]!.dataSync(),
    bias: grads[params.bias.name]!.dataSync(),
    denseW: grads[params.denseW.name]!.dataSync(),
    denseB: grads[params.denseB.name]!.dataSync(),
  };
  tf.dispose([value, ...Object.values(grads)]);
  disposeParams(params);
  return { snapshot, expected };
}

const bits = (rng: () => number, n: number) => Float32Array.from({ length: n }, () => (uniform(rng) < 0.5 ? 0 : 1));

describe('lossAndGrads (hand-derived BPTT) equals TF.js autodiff', () => {
  const cases: {
    name: string;
    shape: { inputSize: number; hiddenSize: number; outputSize: number };
    T: number;
    every: boolean;
    loss: Loss;
  }[] = [
    {
      name: 'serial shape, BCE, an output every step',
      shape: { inputSize: 2, hiddenSize: 3, outputSize: 1 },
      T: 7,
      every: true,
      loss: 'bce',
    },
    {
      name: 'serial shape, MSE, an output every step',
      shape: { inputSize: 2, hiddenSize: 4, outputSize: 1 },
      T: 5,
      every: true,
      loss: 'mse',
    },
    {
      name: 'vector shape, BCE, the last step only',
      shape: { inputSize: 8, hiddenSize: 5, outputSize: 8 },
      T: 2,
      every: false,
      loss: 'bce',
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const rng = createRng(11);
      const size = 6;
      const seq: Sequences = {
        size,
        inputs: Array.from({ length: c.T }, () => bits(rng, size * c.shape.inputSize)),
        targets: Array.from({ length: c.T }, (_, t) =>
          c.every || t === c.T - 1 ? bits(rng, size * c.shape.outputSize) : null,
        ),
      };
      const { snapshot, expected } = autodiff(c.shape, seq, c.loss, 5);
      const got = lossAndGrads(snapshot, seq, c.loss);
      expect(got.loss).toBeCloseTo(expected.loss, 5);
      for (const name of ['kernel', 'recurrent', 'bias', 'denseW', 'denseB'] as const) {
        const want = expected[name],
          have = got.grads[name];
        expect(have.length, name).toBe(want.length);
        const scale = Math.max(1e-3, ...Array.from(want, Math.abs));
        for (let k = 0; k < want.length; k++)
          expect(Math.abs(have[k]! - want[k]!) / scale, `${name}[${k}]`).toBeLessThan(1e-4);
        expect(Math.max(...Array.from(want, Math.abs)), `${name} is not all zero`).toBeGreaterThan(0);
      }
    });
  }
});

describe('sequenceMargins equals the TF.js forward pass and objective.ts rowMargins', () => {
  for (const loss of ['bce', 'mse'] as const) {
    test(`${loss}: every step's output, min over a row`, () => {
      const rng = createRng(12);
      const size = 64,
        T = 2,
        shape = { inputSize: 2, hiddenSize: 4, outputSize: 1 }; // T = 2: some rows all right
      const seq: Sequences = {
        size,
        inputs: Array.from({ length: T }, () => bits(rng, size * 2)),
        targets: Array.from({ length: T }, () => bits(rng, size)),
      };
      const params = initParams(shape, createRng(8));
      const expected = tf.tidy(() => {
        const logits = forwardLogits(
          params,
          seq.inputs.map((x) => tf.tensor2d(x, [size, 2])),
        );
        const byRow = (ts: tf.Tensor2D[]) => tf.transpose(tf.concat(ts, 1)) as tf.Tensor2D; // [T, B] → rows are steps
        return rowMargins(
          loss,
          tf.transpose(byRow(seq.targets.map((y) => tf.tensor2d(y!, [size, 1])))) as tf.Tensor2D,
          tf.transpose(byRow(logits)) as tf.Tensor2D,
        ).dataSync();
      });
      const got = sequenceMargins(takeSnapshot(params), seq, loss);
      disposeParams(params);
      expect(got.length).toBe(size);
      for (let r = 0; r < size; r++) expect(got[r]).toBeCloseTo(expected[r]!, 5);
      expect(new Set(Array.from(got, (m) => m > 0)).size, 'some rows right and some wrong, so the sign is tested').toBe(
        2,
      );
    });
  }
});

describe("the serial recipe's regularisers (cellPenalty, stateNoise) in lossAndGrads", () => {
  const shape = { inputSize: 2, hiddenSize: 3, outputSize: 1 };
  const rng = createRng(21);
  const size = 5;
  const T = 6;
  const seq: Sequences = {
    size,
    inputs: Array.from({ length: T }, () => bits(rng, size * 2)),
    targets: Array.from({ length: T }, () => bits(rng, size)),
  };
  let snapshot: ReturnType<typeof autodiff>['snapshot'];
  beforeAll(() => {
    snapshot = autodiff(shape, seq, 'bce', 9).snapshot; // weights off the initialisation's symmetric start
  });
  /** The loss with parameter `name[k]` moved by `d`, the regularisers re-created each time (the same noise draws). */
  const lossAt = (name: 'kernel' | 'recurrent' | 'bias', k: number, d: number, make: () => Regularisers) => {
    const moved = { ...snapshot, [name]: Float32Array.from(snapshot[name]) };
    moved[name][k] = moved[name][k]! + d;
    return lossAndGrads(moved, seq, 'bce', make()).loss;
  };
  const noise = () => ({ stateNoise: { sigma: 0.2, gauss: gaussian(createRng(4, 'noise')) } });

  test.each([
    ['a cell penalty', () => ({ cellPenalty: 0.5 })],
    ['state noise (the same draws each time)', noise],
    ['both', () => ({ cellPenalty: 0.5, ...noise() })],
  ])('%s: every gradient equals the loss difference quotient', (_, make) => {
    const { grads } = lossAndGrads(snapshot, seq, 'bce', make());
    const h = 1e-2; // float32 parameters: a step a float32 can take exactly, the loss then read in float64
    for (const name of ['kernel', 'recurrent', 'bias'] as const) {
      for (let k = 0; k < snapshot[name].length; k++) {
        const numeric = (lossAt(name, k, h, make) - lossAt(name, k, -h, make)) / (2 * h);
        expect(grads[name][k], `${name}[${k}]`).toBeCloseTo(numeric, 3);
      }
    }
  });

  test('a cell penalty adds λ × the mean |c|² to the loss, and moves the gradients', () => {
    const plain = lossAndGrads(snapshot, seq, 'bce');
    const penalised = lossAndGrads(snapshot, seq, 'bce', { cellPenalty: 0.5 });
    expect(penalised.loss).toBeGreaterThan(plain.loss);
    expect(Array.from(penalised.grads.recurrent)).not.toEqual(Array.from(plain.grads.recurrent));
    expect(lossAndGrads(snapshot, seq, 'bce', { cellPenalty: 0 })).toEqual(plain);
  });

  test('noise of σ = 0 changes nothing; noise of σ > 0 changes the loss, reproducibly from its stream', () => {
    const plain = lossAndGrads(snapshot, seq, 'bce');
    const zero = { stateNoise: { sigma: 0, gauss: gaussian(createRng(4, 'noise')) } };
    expect(lossAndGrads(snapshot, seq, 'bce', zero)).toEqual(plain);
    const [first, again] = [noise(), noise()].map((r) => lossAndGrads(snapshot, seq, 'bce', r).loss);
    expect(first).not.toBe(plain.loss);
    expect(again).toBe(first);
  });
});
