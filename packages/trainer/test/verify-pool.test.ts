// Serial verification split over two threads (node/verify-pool.ts) must give the verdict of one thread: the same
// counts per width, the same smallest margin and carry chains, for a model that passes, one that fails only a carry
// chain, and one that gets many sums wrong.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseWeights, type Weights } from '@lstm-adder/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setupBackend } from '../src/node/backend.js';
import { createVerifyPool } from '../src/node/verify-pool.js';
import { createTraining, stopsAt } from '../src/pipeline.js';
import { drain, mergeVerifications, SERIAL_VERIFICATION, verifySerialSteps } from '../src/verify.js';
import { tinyConfig } from './helpers.js';

const load = (path: string): Weights =>
  parseWeights(JSON.parse(readFileSync(fileURLToPath(new URL(path, import.meta.url)), 'utf8')));
const plan = { ...SERIAL_VERIFICATION, samples: [301, 300, 300, 300, 5, 4] }; // odd counts: the shares differ in size

async function barelyTrained(): Promise<Weights> {
  const training = createTraining(tinyConfig('serial', { epochs: 1 }));
  await training.loop.step();
  const weights = training.currentWeights();
  training.loop.dispose();
  return weights;
}

const models: [string, () => Promise<Weights>][] = [
  ['the shipped model (passes)', async () => load('../../core/models/serial.json')],
  ['a model that drops a whole-width carry', async () => load('./fixtures/serial-short-carry.json')],
  ['a barely trained model (many wrong sums)', barelyTrained],
];
const pool = createVerifyPool(2);
beforeAll(async () => {
  await setupBackend('cpu', { autodiff: false });
}); // the barely trained model's initial weights
afterAll(() => pool.close());

describe.each(models)('%s', (_, weightsOf) => {
  test('two threads give the verdict of one', async () => {
    const weights = await weightsOf();
    const alone = drain(verifySerialSteps(weights, plan));
    const { wrong: aloneWrong, ...aloneCounts } = alone;
    const { wrong, ...counts } = await pool.run(weights, plan, false);
    expect(counts).toEqual(aloneCounts);
    expect(new Set(wrong.map((w) => JSON.stringify(w))).size).toBe(wrong.length);
    expect(wrong.length).toBe(aloneWrong.length);
    expect((await pool.run(weights, plan, true)).passed).toBe(alone.passed);
  });
});

test('the worker took its share (not this thread alone)', () => {
  expect(pool.shared).toBeGreaterThanOrEqual(6);
});

test('shares of a plan merge into the whole', async () => {
  const weights = await barelyTrained();
  const whole = drain(verifySerialSteps(weights, plan));
  const parts = [0, 1, 2].map((index) => drain(verifySerialSteps(weights, plan, { share: { index, count: 3 } })));
  // every sum in one share
  expect(plan.samples.map((_, k) => parts.reduce((n, p) => n + p.byWidth[k]!.samples, 0))).toEqual(plan.samples);
  const { wrong: _w, ...merged } = mergeVerifications(parts);
  const { wrong: _x, ...expected } = whole;
  expect(merged).toEqual(expected);
  expect(whole.correct).toBeLessThan(whole.total); // the merge had wrong sums to add up
});

test("serial training stops only at verified weights with at least the recipe's margin (stopMargin)", async () => {
  const shipped = load('../../core/models/serial.json');
  const verdict = drain(verifySerialSteps(shipped, plan));
  expect(verdict.passed).toBe(true);
  expect(stopsAt(verdict, { stopMargin: 0 })).toBe(true);
  expect(stopsAt(verdict, { stopMargin: verdict.minMargin })).toBe(true);
  expect(stopsAt(verdict, { stopMargin: verdict.minMargin + 1e-9 })).toBe(false);
  const dropsCarry = drain(verifySerialSteps(load('./fixtures/serial-short-carry.json'), plan));
  expect(stopsAt(dropsCarry, { stopMargin: 0 })).toBe(false);
});
