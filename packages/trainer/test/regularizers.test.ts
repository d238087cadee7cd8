// The vector regularisers tried for the 25% held-out moonshot (dropout on h, input noise, label smoothing, weight
// averaging, orthogonal initialisation): their config checks, that each does what its formula says, and that the
// noisy ones are off when scoring. That none of them reads a held-out pair is in loop.test.ts.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseCli } from '../src/cli/options.js';
import { DEFAULTS, validateConfig, type TrainConfig } from '../src/config.js';
import { disposeParams, initParams, orthogonalBlocks } from '../src/lstm.js';
import { TrainingLoop } from '../src/loop.js';
import { setupBackend } from '../src/node/backend.js';
import { lossOf } from '../src/objective.js';
import { createRng } from '../src/random.js';
import { takeSnapshot, type ParamSnapshot } from '../src/snapshot.js';
import { trainVector, vectorTask } from '../src/train-vector.js';
import { tinyConfig } from './helpers.js';

beforeAll(async () => {
  await setupBackend('wasm');
});

const reason = (c: unknown): string => {
  try {
    validateConfig(c);
  } catch (e) {
    return (e as Error).message;
  }
  return 'accepted';
};

describe('config fields', () => {
  test('absent from the default recipes (off), and checked with a line naming the field', () => {
    for (const key of ['dropout', 'inputNoise', 'labelSmoothing', 'ema'] as const) {
      expect(DEFAULTS.vector[key]).toBeUndefined();
      expect(DEFAULTS.serial[key]).toBeUndefined();
    }
    const vector = structuredClone(DEFAULTS.vector);
    expect(
      reason({ ...vector, dropout: 0.3, inputNoise: 0.1, labelSmoothing: 0.05, ema: 0.99, init: 'orthogonal' }),
    ).toBe('accepted');
    expect(reason({ ...vector, dropout: 0.95 })).toBe('dropout: expected a number from 0 to 0.9, got 0.95');
    expect(reason({ ...vector, inputNoise: -0.1 })).toBe('inputNoise: expected a number from 0 to 1, got -0.1');
    expect(reason({ ...vector, labelSmoothing: 0.6 })).toBe('labelSmoothing: expected a number from 0 to 0.5, got 0.6');
    expect(reason({ ...vector, ema: 1 })).toBe('ema: expected a number from 0 to 0.9999, got 1');
    expect(reason({ ...vector, init: 'he' })).toBe('init: expected "glorot" or "uniform" or "orthogonal", got "he"');
    expect(reason({ ...vector, loss: 'mse', labelSmoothing: 0.1 })).toMatch(/^labelSmoothing: needs loss "bce"/);
    expect(reason({ ...structuredClone(DEFAULTS.serial), dropout: 0.1 })).toBe('dropout: applies to arch vector only');
    expect(reason({ ...structuredClone(DEFAULTS.serial), ema: 0.99 })).toBe('ema: applies to arch vector only');
  });

  test('as flags, checked by the same schema', () => {
    const { config } = parseCli([
      '--holdout',
      '0.25',
      '--dropout',
      '0.1',
      '--input-noise',
      '0.05',
      '--label-smoothing',
      '0.02',
      '--ema',
      '0.999',
      '--init',
      'orthogonal',
      '--weight-decay',
      '0.1',
    ]);
    expect(config.weightDecay).toBe(0.1);
    expect([config.dropout, config.inputNoise, config.labelSmoothing, config.ema, config.init]).toEqual([
      0.1,
      0.05,
      0.02,
      0.999,
      'orthogonal',
    ]);
    expect(parseCli([]).config).toEqual(DEFAULTS.vector); // none given: none set
    expect(() => parseCli(['--dropout', '1.5'])).toThrow(/--dropout.*Expected a number from 0 to 0\.9/);
    expect(() => parseCli(['--arch', 'serial', '--ema', '0.9'])).toThrow(/^--ema: applies to arch vector only$/);
  });
});

test('label smoothing: BCE against targets y·(1 − ε) + ε/2, as the formula says', () => {
  const labels = [1, 0, 1, 1, 0, 0];
  const logits = [2.5, -1, 0.3, -0.7, 4, 0];
  const eps = 0.2;
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  const expected =
    labels.reduce((sum, y, k) => {
      const t = y * (1 - eps) + eps / 2;
      const p = sigmoid(logits[k]!);
      return sum - (t * Math.log(p) + (1 - t) * Math.log(1 - p));
    }, 0) / labels.length;
  const [smoothed, plain] = tf.tidy(() => [
    lossOf('bce', tf.tensor2d(labels, [2, 3]), tf.tensor2d(logits, [2, 3]), eps).dataSync()[0]!,
    lossOf('bce', tf.tensor2d(labels, [2, 3]), tf.tensor2d(logits, [2, 3])).dataSync()[0]!,
  ]);
  expect(smoothed).toBeCloseTo(expected, 5);
  expect(Math.abs(smoothed - plain)).toBeGreaterThan(1e-3);
});

/** Steep weights (the initial ones ×6), so that the loss feels small changes of the inputs and of h. */
function steepWeights(hidden: number): ParamSnapshot {
  const p = initParams({ inputSize: 8, hiddenSize: hidden, outputSize: 8 }, createRng(1));
  const s = takeSnapshot(p);
  disposeParams(p);
  for (const key of ['kernel', 'recurrent', 'denseW'] as const) s[key] = s[key].map((w) => w * 6);
  return s;
}

/** The first batch's loss and the task's score before any training step, for a config. */
function firstBatch(config: TrainConfig): {
  loss: number;
  ids: number[];
  score: ReturnType<ReturnType<typeof vectorTask>['score']>;
} {
  const task = vectorTask(config, { init: steepWeights(config.hidden) });
  try {
    const batch = task.batches(1)[Symbol.iterator]().next().value!;
    const loss = tf.tidy(() => batch.loss().dataSync()[0]!);
    return { loss, ids: Array.from(batch.ids!), score: task.score() };
  } finally {
    task.dispose();
  }
}

describe('dropout on h and input noise: in the training loss only', () => {
  const base = tinyConfig('vector', { holdout: 0.25, seed: 5 });
  test.each([
    ['dropout', { dropout: 0.5 }],
    ['inputNoise', { inputNoise: 0.3 }],
  ] as const)('%s changes the training loss, not the scores or the batch', (_, extra) => {
    const plain = firstBatch(base);
    const noisy = firstBatch({ ...base, ...extra });
    expect(Math.abs(noisy.loss - plain.loss)).toBeGreaterThan(1e-3);
    expect(noisy.ids).toEqual(plain.ids);
    expect(noisy.score).toEqual(plain.score); // scoring (and so mining, verification and export) runs without it
  });

  test('the same seed gives the same weights; another seed other weights', async () => {
    const config = tinyConfig('vector', { holdout: 0.25, seed: 5, dropout: 0.2, inputNoise: 0.1, epochs: 1 });
    const [one, again, other] = [
      await trainVector(config),
      await trainVector(config),
      await trainVector({ ...config, seed: 6 }),
    ];
    expect(Array.from(again.snapshot.kernel)).toEqual(Array.from(one.snapshot.kernel));
    expect(Array.from(other.snapshot.kernel)).not.toEqual(Array.from(one.snapshot.kernel));
  });
});

test('weight averaging: the weights scored and returned are ema ← d·ema + (1 − d)·w after every step', async () => {
  const decay = 0.8;
  const config = tinyConfig('vector', { holdout: 0.25, seed: 2, epochs: 2, ema: decay });
  const task = vectorTask(config);
  const recurrent = () => task.variables![1]!.dataSync().slice() as Float32Array; // the trained recurrent kernel (paramList order)
  const seen: Float32Array[] = []; // before each step
  const loop = new TrainingLoop(config, task, {
    onBatch: () => {
      seen.push(recurrent());
    },
  });
  await loop.step();
  await loop.step();
  const last = recurrent();
  const trained = [...seen.slice(1), last];
  expect(trained.length).toBeGreaterThan(6);
  const expected = Float64Array.from(seen[0]!); // started at the initial weights
  for (const w of trained)
    expected.forEach((e, k) => {
      expected[k] = decay * e + (1 - decay) * w[k]!;
    });
  const returned = loop.snapshot().recurrent;
  expected.forEach((e, k) => {
    expect(returned[k]).toBeCloseTo(e, 5);
  });
  expect(Array.from(returned)).not.toEqual(Array.from(last));
  loop.dispose();
  expect(loop.result().snapshot.recurrent).toEqual(returned); // what training returns is the average
});

/** Every [H, H] gate block of a row-major [H, 4H] matrix has orthonormal columns. */
function expectOrthogonalBlocks(m: Float32Array, H: number): void {
  for (let g = 0; g < 4; g++) {
    for (let i = 0; i < H; i++)
      for (let j = 0; j < H; j++) {
        let dot = 0;
        for (let r = 0; r < H; r++) dot += m[r * 4 * H + g * H + i]! * m[r * 4 * H + g * H + j]!;
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 5);
      }
  }
}

test("orthogonal initialisation: each gate's [H, H] block of the recurrent kernel is orthogonal", () => {
  const H = 6;
  expectOrthogonalBlocks(orthogonalBlocks(H, 4, createRng(9)), H);
  const [glorot, orthogonal] = (['glorot', 'orthogonal'] as const).map((init) => {
    const p = initParams({ inputSize: 8, hiddenSize: H, outputSize: 8 }, createRng(9), init);
    const s = takeSnapshot(p);
    disposeParams(p);
    return s;
  });
  expect(Array.from(orthogonal!.kernel)).toEqual(Array.from(glorot!.kernel)); // only the recurrent kernel changes
  expect(Array.from(orthogonal!.recurrent)).not.toEqual(Array.from(glorot!.recurrent));
  const task = vectorTask(tinyConfig('vector', { hidden: 5, init: 'orthogonal' })); // the config field reaches the model
  expectOrthogonalBlocks(task.snapshot().recurrent, 5);
  task.dispose();
});
