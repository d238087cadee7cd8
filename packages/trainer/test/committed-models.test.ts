// The shipped models in packages/core/models must meet the figures their own meta claims, re-verified by core.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAdder, evaluateAllPairs, evaluateSerial, parseWeights, type Weights } from '@lstm-adder/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { setupBackend } from '../src/node/backend.js';
import { DEFAULTS } from '../src/config.js';
import { pairOf } from '../src/data/vector-pairs.js';
import { vectorSplit } from '../src/train-vector.js';
import { parityCheck } from '../src/verify.js';

const load = (arch: string): Weights =>
  parseWeights(
    JSON.parse(readFileSync(fileURLToPath(new URL(`../../core/models/${arch}.json`, import.meta.url)), 'utf8')),
  );

/** A figure the model's meta claims: present, or the test fails here. */
function claimed<T>(value: T | null | undefined, what: string): T {
  if (value == null) throw new Error(`the committed model's meta has no ${what}`);
  return value;
}

beforeAll(async () => {
  await setupBackend('wasm');
});

describe('committed models', () => {
  test('vector: core reproduces the all-pairs figures and wrong pairs meta.verification claims', () => {
    const w = load('vector');
    const claim = claimed(w.meta.verification?.vector?.allPairs, 'verification.vector.allPairs');
    const got = evaluateAllPairs(createAdder(w));
    expect(got.total).toBe(claim.total);
    expect(got.correct).toBe(claim.correct);
    expect(got.wrong.length).toBe(claimed(claim.wrongCount, 'verification.vector.allPairs.wrongCount'));
    expect(got.wrong.slice(0, claim.wrong.length).map(({ a, b }) => [a, b])).toEqual(
      claim.wrong.map(({ a, b }) => [a, b]),
    );
  });

  test('serial: core reproduces every per-width figure meta.verification claims, up to 4096 bits', () => {
    const w = load('serial');
    const claim = claimed(w.meta.verification?.serial, 'verification.serial');
    expect(claim.byWidth.map((b) => b.width)).toEqual([8, 16, 32, 64, 1024, 4096]);
    const got = evaluateSerial(createAdder(w), {
      widths: claim.byWidth.map((b) => b.width),
      samples: claim.byWidth.map((b) => b.samples),
      seed: claimed(claim.seed, 'verification.serial.seed'),
    });
    expect(got.byWidth.map(({ width, samples, correct }) => ({ width, samples, correct }))).toEqual(
      claim.byWidth.map(({ width, samples, correct }) => ({ width, samples, correct })),
    );
  });

  test.each(['vector', 'serial'])('%s: TF.js and core agree within the claimed parity', (arch) => {
    const w = load(arch);
    const claim = claimed(w.meta.verification?.parity, 'verification.parity');
    const got = parityCheck(w);
    expect(got.maxAbsDiff).toBeLessThanOrEqual(claim.tolerance);
    expect(got.maxAbsDiff).toBeCloseTo(claim.maxAbsDiff, 6);
  });
});

describe('what the shipped models show', () => {
  test('vector: right on every pair, the held-out pairs its meta lists (never trained on) included', () => {
    const w = load('vector');
    const listed = w.meta.split?.heldOutPairs ?? [];
    expect(listed.length).toBe(Math.round(0.1 * 16_384));
    expect(listed).toEqual([...listed].sort((a, b) => a - b));
    // the training code's split for the recorded seed and fraction is exactly the listed pairs (and training never
    // sees them: holdout.test.ts)
    const recorded = claimed(w.meta.config, 'config');
    const split = vectorSplit({
      ...DEFAULTS.vector,
      seed: claimed(recorded.seed, 'config.seed'),
      holdout: claimed(recorded.holdout, 'config.holdout'),
    });
    expect(Array.from(split.heldOut)).toEqual(listed);
    const adder = createAdder(w);
    expect(evaluateAllPairs(adder, listed.map(pairOf)).correct).toBe(listed.length);
    expect(evaluateAllPairs(adder).correct).toBe(16_384);
  });

  test('serial: at most 4 hidden units, exact at widths outside the verification plan too (33 bits)', () => {
    const w = load('serial');
    expect(w.hiddenSize).toBeLessThanOrEqual(4);
    const got = evaluateSerial(createAdder(w), { widths: [1, 33, 100], samples: 1000, seed: 33 });
    expect(got.correct).toBe(got.total);
  });
});
