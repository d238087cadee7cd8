import { createAdder, forward, parseWeights, encodeVector } from '@lstm-adder/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { fromWeights, toWeights } from '../src/export.js';
import { setupBackend } from '../src/node/backend.js';
import { trainModel } from '../src/pipeline.js';
import type { ParamSnapshot } from '../src/snapshot.js';
import { tinyConfig } from './helpers.js';

beforeAll(async () => {
  await setupBackend('wasm');
});

/** A snapshot whose every number says where it came from: kernel[r, c] = 1000·r + c, and so on. */
function labelledSnapshot(I: number, H: number, O: number): ParamSnapshot {
  const fill = (rows: number, cols: number, base: number) =>
    Float32Array.from({ length: rows * cols }, (_, k) => base + 1000 * Math.floor(k / cols) + (k % cols));
  return {
    inputSize: I,
    hiddenSize: H,
    outputSize: O,
    kernel: fill(I, 4 * H, 0),
    recurrent: fill(H, 4 * H, 100_000),
    bias: fill(1, 4 * H, 200_000),
    denseW: fill(H, O, 300_000),
    denseB: fill(1, O, 400_000),
  };
}

describe('export to lstm-adder.weights/v1', () => {
  test('the fused kernels split into the gates i, f, g, o in that order, U as I×H and W as H×O', () => {
    const s = labelledSnapshot(2, 3, 1);
    const w = toWeights(s, 'serial', 'sigmoid', {});
    // column block k of the fused [I, 4H] kernel is gate k of i, f, g, o
    expect(w.lstm.i.U).toEqual([
      [0, 1, 2],
      [1000, 1001, 1002],
    ]);
    expect(w.lstm.f.U[1]).toEqual([1003, 1004, 1005]);
    expect(w.lstm.g.V[2]).toEqual([102_006, 102_007, 102_008]);
    expect(w.lstm.o.b).toEqual([200_009, 200_010, 200_011]);
    expect(w.dense.W).toEqual([[300_000], [301_000], [302_000]]);
    expect(w.dense.b).toEqual([400_000]);
    expect(fromWeights(w)).toEqual(s); // and back
  });

  test('numbers are written as the shortest decimal that rounds to the same float32 (9 digits) or shorter', () => {
    const s = labelledSnapshot(8, 2, 8);
    s.kernel[0] = Math.fround(0.1);
    expect(toWeights(s, 'vector', 'sigmoid', {}).lstm.i.U[0]![0]).toBe(0.100000001);
    expect(toWeights(s, 'vector', 'sigmoid', {}, 4).lstm.i.U[0]![0]).toBe(0.1);
  });

  test("a trained model's exported JSON passes parseWeights, and core and TF.js agree on its outputs", async () => {
    const model = await trainModel(tinyConfig('vector', { epochs: 1 }), { name: 'wasm', reason: 'test' });
    const parsed = parseWeights(JSON.parse(JSON.stringify(model.weights)));
    expect(parsed.arch).toBe('vector');
    expect(parsed.hiddenSize).toBe(4);
    expect(model.verification.parity.passed).toBe(true);
    expect(model.verification.parity.maxAbsDiff).toBeLessThanOrEqual(1e-5);
    const { meta } = parsed;
    expect(meta.history).toHaveLength(1);
    expect(meta.backend?.name).toBe('wasm');
    // the meta's claim is what core computes from the file
    let correct = 0;
    const adder = createAdder(parsed);
    for (let a = 0; a < 128; a++) for (let b = 0; b < 128; b++) if (adder.add(a, b).sum === BigInt(a + b)) correct++;
    expect(meta.verification?.vector?.allPairs.correct).toBe(correct);
    expect(forward(parsed, encodeVector(3, 4)).outputs).toHaveLength(2);
  });
});
