// The one training loop: schedules, decoupled weight decay, keep-best and first-verified weights, stepping,
// clean-up, and what the model kinds feed it (serial scoring by the loss's threshold, held-out pairs never read).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { DEFAULTS, type SerialConfig } from '../src/config.js';
import { encodeSerialBatch } from '../src/data/serial-batches.js';
import { encodeAllPairs } from '../src/data/vector-pairs.js';
import { initParams } from '../src/init.js';
import { disposeParams, paramList, type LstmParams } from '../src/lstm.js';
import { scheduledLr, TrainingLoop, type Task } from '../src/loop.js';
import { setupBackend } from '../src/node/backend.js';
import { trainModel } from '../src/pipeline.js';
import { createRng } from '../src/random.js';
import { takeSnapshot, type ParamSnapshot } from '../src/snapshot.js';
import { scoreSerialBatch, serialTask } from '../src/train-serial.js';
import { trainVector, vectorSplit } from '../src/train-vector.js';
import { tinyConfig } from './helpers.js';

beforeAll(async () => {
  await setupBackend('wasm');
});

/** A task whose loss is `lossOf(params)` and whose score per epoch comes from a list. */
function fakeTask(
  lossOf: (p: LstmParams) => tf.Scalar,
  scores: number[] = [],
): Task & { scored: number; lstm: LstmParams } {
  const params = initParams({ inputSize: 2, hiddenSize: 2, outputSize: 1 }, createRng(3));
  const task = {
    lstm: params,
    scored: 0,
    variables: paramList(params),
    snapshot: () => takeSnapshot(params),
    *batches() {
      yield { loss: () => lossOf(params), size: 1 };
    },
    score() {
      const score = scores[task.scored++] ?? 0;
      return { trainAccuracy: score, heldOutAccuracy: null, allPairsAccuracy: null, score, candidate: score === 1 };
    },
    dispose() {
      disposeParams(params);
    },
  };
  return task;
}
const fakeConfig = (over: Partial<SerialConfig>): SerialConfig => ({
  ...structuredClone(DEFAULTS.serial),
  epochs: 10,
  maxSeconds: 60,
  ...over,
});
const zeroGradient = (p: LstmParams) => tf.mul(tf.sum(p.kernel), 0) as tf.Scalar;

describe('learning-rate schedules', () => {
  test('cosine goes from lr to lrMin over the epochs; step multiplies every N steps', () => {
    const c = { lr: 0.08, epochs: 150 };
    expect(scheduledLr(c, { kind: 'cosine', lrMin: 0 }, 1, 0)).toBeCloseTo(0.08, 12);
    expect(scheduledLr(c, { kind: 'cosine', lrMin: 0 }, 76, 0)).toBeCloseTo(0.04, 12);
    expect(scheduledLr(c, { kind: 'cosine', lrMin: 0 }, 151, 0)).toBeCloseTo(0, 12);
    expect(scheduledLr({ lr: 0.01, epochs: 1 }, { kind: 'step', everySteps: 250, factor: 0.98 }, 9, 749)).toBeCloseTo(
      0.01 * 0.98 ** 2,
      12,
    );
    expect(scheduledLr(c, { kind: 'constant' }, 5, 5)).toBeNull();
  });

  test('plateau halves the rate after `patience` epochs without a better training score, down to lrMin', async () => {
    const loop = new TrainingLoop(
      fakeConfig({ lr: 0.08, epochs: 8, schedule: { kind: 'plateau', patience: 2, lrMin: 0.03 } }),
      fakeTask(zeroGradient, [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]),
    );
    const result = await loop.run();
    expect(result.history.map((r) => r.lr)).toEqual([0.08, 0.08, 0.08, 0.04, 0.04, 0.03, 0.03, 0.03]);
  });
});

test('weight decay is decoupled (AdamW): with a zero gradient a step only shrinks the weights by lr·wd', async () => {
  const task = fakeTask(zeroGradient);
  const before = task.lstm.kernel.dataSync().slice();
  const loop = new TrainingLoop(
    fakeConfig({ lr: 0.1, weightDecay: 0.5, schedule: { kind: 'constant' }, epochs: 2 }),
    task,
  );
  await loop.step();
  await loop.step();
  const after = loop.snapshot().kernel;
  before.forEach((w, k) => {
    expect(after[k]).toBeCloseTo(w * 0.95 * 0.95, 6);
  });
  loop.dispose();
});

describe('which weights training returns', () => {
  test('keep best: the first weights `verify` accepts, and training stops there', async () => {
    const task = fakeTask((p) => tf.sum(tf.square(tf.sub(p.kernel, 3))) as tf.Scalar, [0.2, 1, 1, 1, 1]);
    const asked: number[] = [];
    let atVerify: Float32Array | null = null;
    const loop = new TrainingLoop(fakeConfig({ keep: 'best', schedule: { kind: 'constant' } }), task, {
      verify: (s) => {
        asked.push(loop.epoch);
        if (loop.epoch === 3) {
          atVerify = s.kernel.slice();
          return true;
        }
        return false;
      },
    });
    const result = await loop.run();
    expect(asked).toEqual([2, 3]); // asked only when the training signals said exact
    expect(result.stopReason).toBe('target');
    expect(result.bestEpoch).toBe(3);
    expect(result.epochsRun).toBe(3);
    expect(Array.from(result.snapshot.kernel)).toEqual(Array.from(atVerify!));
  });

  test('keep last: a fixed schedule runs to its end whatever the scores, and never asks verify', async () => {
    let asked = 0;
    const loop = new TrainingLoop(
      fakeConfig({ keep: 'last', epochs: 4, schedule: { kind: 'cosine', lrMin: 0 } }),
      fakeTask(zeroGradient, [1, 1, 1, 1]),
      {
        verify: () => {
          asked++;
          return true;
        },
      },
    );
    const result = await loop.run();
    expect([result.stopReason, result.epochsRun, result.bestEpoch, asked]).toEqual(['epochs', 4, 4, 0]);
  });
});

test('stepping one epoch at a time, with pauses, gives the same weights as running to the end', async () => {
  const config = tinyConfig('serial', { epochs: 3, seed: 9 });
  const { serialTask } = await import('../src/train-serial.js');
  const run = await new TrainingLoop(config, serialTask(config)).run();
  const loop = new TrainingLoop(config, serialTask(config));
  const records = [];
  while (!loop.done) {
    records.push(await loop.step());
    await new Promise((r) => setTimeout(r, 5));
  }
  const stepped = loop.result();
  loop.dispose();
  expect(records.map((r) => r!.epoch)).toEqual([1, 2, 3]);
  expect(Array.from(stepped.snapshot.recurrent)).toEqual(Array.from(run.snapshot.recurrent));
});

describe('clean-up', () => {
  test.each(['vector', 'serial'] as const)(
    '%s: a whole run (training, export, verification, parity) leaves no tensor alive',
    async (arch) => {
      const before = tf.memory().numTensors;
      const model = await trainModel(tinyConfig(arch, { epochs: 2 }), { name: 'wasm', reason: 'test' });
      expect(model.result.epochsRun).toBeGreaterThan(0);
      expect(tf.memory().numTensors).toBe(before);
    },
  );
});

describe("serial scoring uses the loss's decision threshold", () => {
  /** A model whose every output is `out`: all weights zero, so h = 0 and the output is the dense bias. */
  const constantModel = (out: number): ParamSnapshot => ({
    inputSize: 2,
    hiddenSize: 2,
    outputSize: 1,
    kernel: new Float32Array(16),
    recurrent: new Float32Array(16),
    bias: new Float32Array(8),
    denseW: new Float32Array(2),
    denseB: Float32Array.of(out),
  });
  const zeros = encodeSerialBatch([0n, 0n, 0n], [0n, 0n, 0n], 4); // every sum bit is 0

  test.each([
    // MSE: the output is y itself, bit = y ≥ 0.5; BCE: the output is a logit, bit = logit ≥ 0
    ['mse', 0.3, 1],
    ['mse', 0.7, 0],
    ['bce', 0.3, 0],
    ['bce', -0.3, 1],
  ] as const)('%s with every output %d: accuracy on all-zero sums is %d', (loss, out, accuracy) => {
    expect(scoreSerialBatch(constantModel(out), zeros, loss).accuracy).toBe(accuracy);
  });
});

describe('held-out pairs never steer training', () => {
  test('flipping every held-out target changes the held-out score but not one trained weight', async () => {
    const config = tinyConfig('vector', { holdout: 0.1, epochs: 3, seed: 4 });
    const data = encodeAllPairs();
    const poisoned = { ...data, target: data.target.slice() };
    for (const k of vectorSplit(config).heldOut)
      for (let j = 0; j < 8; j++) poisoned.target[k * 8 + j] = 1 - poisoned.target[k * 8 + j]!;
    const clean = await trainVector(config, {}, { data });
    const dirty = await trainVector(config, {}, { data: poisoned });
    expect(dirty.history.map((r) => r.heldOutAccuracy)).not.toEqual(clean.history.map((r) => r.heldOutAccuracy));
    expect(dirty.history.map((r) => r.trainAccuracy)).toEqual(clean.history.map((r) => r.trainAccuracy));
    expect(Array.from(dirty.snapshot.kernel)).toEqual(Array.from(clean.snapshot.kernel));
    expect(Array.from(dirty.snapshot.recurrent)).toEqual(Array.from(clean.snapshot.recurrent));
    expect([dirty.bestEpoch, dirty.stopReason]).toEqual([clean.bestEpoch, clean.stopReason]);
  });
});

describe('serial recipe fields', () => {
  const serialConfig = (over: Partial<SerialConfig>): SerialConfig => ({
    ...structuredClone(DEFAULTS.serial),
    epochs: 3,
    batchesPerEpoch: 10,
    ...over,
  });

  test('longBatches [every, width]: every n-th batch has that width, the others the training widths', () => {
    const task = serialTask(serialConfig({ longBatches: [4, 40], trainWidths: [2, 6] }));
    const widths = [...task.batches(1), ...task.batches(2)].map((b) => b.width!);
    expect(widths.filter((_, k) => (k + 1) % 4 === 0)).toEqual([40, 40, 40, 40, 40]);
    expect(widths.filter((_, k) => (k + 1) % 4 !== 0).every((w) => w >= 2 && w <= 6)).toBe(true);
    task.dispose();
  });

  test('initScale s: uniform initial weights within ±s/√H, and spread to it', () => {
    for (const initScale of [1, 2]) {
      const weights = serialTask(serialConfig({ initScale, hidden: 4 })).params!;
      const limit = initScale / Math.sqrt(4);
      expect(Math.max(...Array.from(weights, Math.abs))).toBeLessThanOrEqual(limit);
      expect(Math.max(...Array.from(weights, Math.abs))).toBeGreaterThan(0.9 * limit);
    }
  });

  test('restartSteps: no verified model after that many steps, training starts again from fresh weights', async () => {
    const run = async (restartSteps: number) => {
      const loop = new TrainingLoop(
        serialConfig({ restartSteps, initScale: 0.01 }),
        serialTask(serialConfig({ restartSteps, initScale: 0.01 })),
        { verify: async () => false },
      );
      const after: Float32Array[] = [];
      while (!loop.done) {
        await loop.step();
        after.push(Float32Array.from(loop.task.params!));
      }
      loop.dispose();
      return after;
    };
    const plain = await run(0),
      restarted = await run(20);
    const largest = (w: Float32Array) => Math.max(...Array.from(w, Math.abs));
    // Started within ±0.01/√3, 10 steps of Adam at lr 0.03 move weights by ~0.1 or more.
    expect(Array.from(restarted[0]!)).toEqual(Array.from(plain[0]!)); // the same run up to the first restart
    expect(largest(plain[1]!)).toBeGreaterThan(0.05);
    expect(largest(restarted[1]!)).toBeLessThanOrEqual(0.01 / Math.sqrt(3)); // restarted after epoch 2 (20 steps)
    expect(largest(restarted[2]!)).toBeGreaterThan(0.05); // epoch 3 trained from the fresh start
    expect(await run(20)).toEqual(restarted); // deterministic
  });
});

describe('the serial recipe trains until core proves the model', () => {
  const serialConfig = (over: Partial<SerialConfig>): SerialConfig => ({
    ...structuredClone(DEFAULTS.serial),
    epochs: 3,
    batchesPerEpoch: 10,
    ...over,
  });

  test('regressionEvery n: once a sum is added, every n-th batch replays it (and none does before)', () => {
    const task = serialTask(serialConfig({ regressionEvery: 3, longBatches: null, trainWidths: [2, 6] }));
    const before = [...task.batches(1)].map((b) => b.width);
    expect(before.every((w) => w! >= 2 && w! <= 6)).toBe(true);
    // 40-bit operands whose carry runs through every bit (the sum is 2^40): far wider than the training widths.
    const [a, b] = [2n ** 40n - 3n, 3n];
    task.addRegression(a, b);
    const after = [...task.batches(2)].map((batch) => batch.width);
    // Steps 11–20 of the task: the multiples of 3 replay the sum, at its operands' width.
    expect(after).toEqual(after.map((w, k) => ((11 + k) % 3 === 0 ? 40 : w)));
    expect(after.filter((w) => w === 40)).toHaveLength(3);
  });

  test('a counterexample trains on, a proof stops training; the meta records the proof', async () => {
    const calls: string[] = [];
    const wrong = { a: '7', b: '9', sum: '0', expected: '16' };
    const model = await trainModel(
      serialConfig({ epochs: 60, batchesPerEpoch: 20, proof: { maxCells: 500, seconds: 5 } }),
      { name: 'cpu', reason: 'test' },
      {},
      {},
      {
        // A prover that refutes the first candidate and proves the second: the pipeline's part is what is tested.
        runProof: async (_weights, options) => {
          calls.push(`${options.maxCells}`);
          return calls.length === 1
            ? {
                proven: false,
                method: 'counterexample',
                cells: 0,
                cellsByCarry: [0, 0],
                minLogit: null,
                seconds: 0.1,
                counterexample: wrong,
              }
            : { proven: true, method: 'cells', cells: 123, cellsByCarry: [100, 23], minLogit: 0.25, seconds: 0.2 };
        },
      },
    );
    expect(calls).toEqual(['500', '500']);
    expect(model.result.stopReason).toBe('target');
    expect(model.verification).toMatchObject({
      passed: true,
      proof: { method: 'cells', proven: true, cells: 123, minLogit: 0.25 },
    });
    expect(model.weights.meta.verification?.proof).toMatchObject({ proven: true, cells: 123 });
  });

  test('with no proof by the epoch limit, the model is not verified', async () => {
    const model = await trainModel(
      serialConfig({ epochs: 40, batchesPerEpoch: 20, proof: { maxCells: 500, seconds: 5 } }),
      { name: 'cpu', reason: 'test' },
      {},
      {},
      {
        runProof: async () => ({
          proven: false,
          method: 'cells',
          cells: 500,
          cellsByCarry: [400, 100],
          minLogit: null,
          seconds: 0.1,
          failure: 'more than 500 cells',
        }),
      },
    );
    expect(model.result.stopReason).toBe('epochs');
    expect(model.verification).toMatchObject({ passed: false, proof: { proven: false, method: 'cells' } });
  });
});
