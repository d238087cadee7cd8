// @lstm-adder/trainer/browser: bundles for a browser without Node built-ins or tfjs-node, and gives a Web Worker
// what it needs: step one epoch at a time, read the weights mid-training, verify in chunks, leave no tensor behind.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { createAdder, parseWeights } from '@lstm-adder/core';
import { build } from 'esbuild';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  createTraining,
  DEFAULTS,
  drain,
  SERIAL_VERIFICATION,
  verifySerial,
  verifySerialSteps,
} from '../src/browser.js';
import { setupBackend } from '../src/node/backend.js';
import { fromWeights } from '../src/export.js';
import { chooseSerialDigits } from '../src/pipeline.js';
import { tinyConfig } from './helpers.js';

beforeAll(async () => {
  await setupBackend('wasm');
});

test('the browser entry bundles for the browser platform with no Node built-in and no tfjs-node', async () => {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('../src/browser.ts', import.meta.url))],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  expect(inputs.some((f) => f.includes('tfjs-core/dist/register_all_gradients'))).toBe(true);
  expect(inputs.filter((f) => /tfjs-node|^node:|(^|\/)(fs|path|os|child_process|module)$/.test(f))).toEqual([]);
});

describe('a Worker-style run', () => {
  test('step an epoch at a time, read the current weights as v1 for core, finish with no tensor left', async () => {
    const before = tf.memory().numTensors;
    const config = { ...tinyConfig('serial', { epochs: 3 }), hidden: DEFAULTS.serial.hidden };
    const epochs: number[] = [];
    const training = createTraining(config, { onEpoch: (r) => epochs.push(r.epoch) });
    const first = await training.loop.step();
    expect(first?.epoch).toBe(1);
    const mid = parseWeights(JSON.parse(JSON.stringify(training.currentWeights())));
    expect(mid.hiddenSize).toBe(config.hidden);
    expect(typeof createAdder(mid).add(5n, 9n).sum).toBe('bigint'); // core runs the weights being trained
    while (!training.loop.done) await training.loop.step();
    const model = await training.finish({ name: 'wasm', reason: 'test' });
    expect(epochs).toEqual([1, 2, 3]);
    expect(model.weights.meta.epochsRun).toBe(3);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('verification in chunks yields its progress and ends with the same verdict as in one go', async () => {
    const training = createTraining(tinyConfig('serial', { epochs: 1 }));
    await training.loop.step();
    const weights = training.currentWeights();
    training.loop.dispose();
    const plan = { ...SERIAL_VERIFICATION, samples: [200, 200, 200, 200, 4, 4] };
    const steps = verifySerialSteps(weights, plan, { chunkBits: 4096 });
    const progress: number[] = [];
    let r = steps.next();
    for (; !r.done; r = steps.next()) progress.push(r.value);
    expect(progress.length).toBeGreaterThan(5);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress.at(-1)!).toBeLessThanOrEqual(1);
    expect(r.value).toEqual(drain(verifySerialSteps(weights, plan)));
    expect(r.value.byWidth.map((w) => w.samples)).toEqual(plan.samples);
    expect(verifySerial(weights, plan, { failFast: true }).passed).toBe(r.value.passed);
  });
});

describe('carry chains', () => {
  test('a model right on every random sum of the plan but dropping a whole-width carry fails verification', () => {
    // A real run (H = 4, widths 1–16, seed 5): its 40,200 random sums are all right, (2^16 − 1) + 1 is not.
    const weights = parseWeights(
      JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/serial-short-carry.json', import.meta.url)), 'utf8')),
    );
    const v = verifySerial(weights);
    expect(v.correct).toBe(v.total);
    expect(v.carryChains.correct).toBeLessThan(v.carryChains.total);
    expect(v.passed).toBe(false);
    expect(verifySerial(weights, SERIAL_VERIFICATION, { failFast: true }).passed).toBe(false);
  });

  test('a training candidate that passes the cheap screen but not the verification is not accepted', async () => {
    const weights = parseWeights(
      JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/serial-short-carry.json', import.meta.url)), 'utf8')),
    );
    const screen = { widths: [8], samples: [200], seed: 3 }; // short sums: this model gets them all right
    expect(verifySerial(weights, screen).passed).toBe(true);
    const config = { ...DEFAULTS.serial, hidden: weights.hiddenSize };
    for (const failFast of [true, false]) {
      const pick = await chooseSerialDigits(fromWeights(weights), config, failFast, {
        screen,
        full: SERIAL_VERIFICATION,
      });
      expect(pick.serial.passed).toBe(false);
      expect(pick.digits).toBe(9);
    }
  });
});
