import { parseWeights } from '@lstm-adder/core';
import serialJson from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import vectorJson from '@lstm-adder/core/models/vector.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { SAMPLE_SUMS } from '../src/train/samples';
import { judgeSamples } from '../src/train/train-live';

describe('the sample sums', () => {
  it('are at least eight per model, and the shipped models (the recipe’s default seed) get every one right', () => {
    for (const [weights, arch] of [
      [parseWeights(serialJson), 'serial'],
      [parseWeights(vectorJson), 'vector'],
    ] as const) {
      expect(SAMPLE_SUMS[arch].length).toBeGreaterThanOrEqual(8);
      const judged = judgeSamples(weights);
      expect(judged.map((j) => j.got)).toEqual(SAMPLE_SUMS[arch].map(([a, b]) => (BigInt(a) + BigInt(b)).toString()));
      expect(judged.every((j) => j.correct)).toBe(true);
    }
  });

  it('are judged wrong where a model adds them wrong', () => {
    const broken = parseWeights(structuredClone(serialJson));
    broken.dense.b = [1e6]; // every output bit 1
    const judged = judgeSamples(broken);
    expect(judged[0]).toEqual({ got: '511', correct: false }); // 183 + 109, nine steps of ones
    expect(judged.some((j) => j.correct)).toBe(false);
  });
});
