// The one-line verdict decides whether a model may replace a file: verified, an experiment that met its own
// target, or NOT verified.
import { describe, expect, test } from 'vitest';
import { DEFAULTS, SEED_PRESET, type VectorConfig } from '../src/config.js';
import type { TrainedModel } from '../src/pipeline.js';
import { verdictOf } from '../src/verdict.js';

const count = (total: number, wrong: number) => ({
  total,
  correct: total - wrong,
  accuracy: (total - wrong) / total,
  wrong: [],
});
/** A vector model with `wrong` of the 16,384 pairs wrong, `heldOutWrong` of them among the held-out pairs. */
function vectorModel(config: VectorConfig, wrong: number, heldOutWrong: number, parityPassed = true): TrainedModel {
  const heldOut = Math.round(16_384 * config.holdout);
  return {
    config,
    weights: { arch: 'vector', hiddenSize: config.hidden, meta: { digits: 3 } },
    result: { epochsRun: 40, stopReason: 'target', seconds: 20 },
    verification: {
      passed: wrong === 0 && parityPassed,
      vector: {
        allPairs: count(16_384, wrong),
        heldOut: heldOut ? count(heldOut, heldOutWrong) : null,
        passed: wrong === 0,
      },
      parity: { maxAbsDiff: 1e-7, compared: 131_072, tolerance: 1e-5, passed: parityPassed },
    },
  } as unknown as TrainedModel;
}
const allPairsConfig = { ...DEFAULTS.vector, holdout: 0 };
const heldOutConfig = { ...DEFAULTS.vector, holdout: 0.1 };

describe('verdictOf', () => {
  test('exact on every pair: verified', () => {
    const v = verdictOf(vectorModel(allPairsConfig, 0, 0));
    expect(v.kind).toBe('verified');
    expect(v.line).toMatch(
      /^verified: vector H=32: 40 epochs \(target reached\) in 20.0s; core: all pairs 16384\/16384;/,
    );
  });

  test('wrong pairs and no held-out pairs: NOT verified', () => {
    const v = verdictOf(vectorModel(allPairsConfig, 379, 0));
    expect(v.kind).toBe('unverified');
    expect(v.line).toMatch(/^NOT verified: .*all pairs 16005\/16384/);
  });

  test('held out, every training pair right: a held-out experiment, not "NOT verified"', () => {
    const v = verdictOf(vectorModel(heldOutConfig, 3, 3));
    expect(v.kind).toBe('experiment');
    expect(v.line).toMatch(
      /^held-out experiment \(10% of pairs never trained on; every training pair right\): .*all pairs 16381\/16384, /,
    );
    expect(v.line).toMatch(/held-out 1635\/1638 \(99.82%\)/);
    expect(v.line).not.toMatch(/NOT verified/);
  });

  test('held out, but a training pair wrong (or TF.js and core disagree): NOT verified', () => {
    expect(verdictOf(vectorModel(heldOutConfig, 4, 3)).kind).toBe('unverified');
    expect(verdictOf(vectorModel(heldOutConfig, 3, 3, false)).kind).toBe('unverified');
  });

  test("the notebook's recipe is a baseline, named as such", () => {
    const v = verdictOf(vectorModel(SEED_PRESET, 158, 0));
    expect(v.kind).toBe('experiment');
    expect(v.line).toMatch(/^notebook baseline \(--preset seed .*\): .*all pairs 16226\/16384/);
  });
});
