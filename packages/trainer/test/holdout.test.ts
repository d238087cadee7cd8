import { beforeAll, describe, expect, test } from 'vitest';
import { SEED_PRESET } from '../src/config.js';
import { PAIR_COUNT, splitHoldout } from '../src/data/vector-pairs.js';
import { setupBackend } from '../src/node/backend.js';
import { createRng } from '../src/random.js';
import { trainVector, vectorSplit } from '../src/train-vector.js';
import { tinyConfig } from './helpers.js';

beforeAll(async () => {
  await setupBackend('wasm');
});

describe('held-out pairs', () => {
  test('the split is a deterministic partition of the 16,384 pairs', () => {
    const one = splitHoldout(0.1, createRng(7, 'holdout'));
    const again = splitHoldout(0.1, createRng(7, 'holdout'));
    const other = splitHoldout(0.1, createRng(8, 'holdout'));
    expect(one.heldOut.length).toBe(1638);
    expect(one.train.length + one.heldOut.length).toBe(PAIR_COUNT);
    expect(new Set([...one.train, ...one.heldOut]).size).toBe(PAIR_COUNT);
    expect(Array.from(again.heldOut)).toEqual(Array.from(one.heldOut));
    expect(Array.from(other.heldOut)).not.toEqual(Array.from(one.heldOut));
  });

  test('no batch of a real training run contains a held-out pair, plain or mined epochs', async () => {
    const config = tinyConfig('vector', { holdout: 0.1, epochs: 3, seed: 11 });
    const heldOut = new Set(vectorSplit(config).heldOut);
    const seen = new Set<number>();
    let batches = 0;
    const result = await trainVector(config, {
      onBatch: (ids) => {
        batches++;
        for (const k of ids) seen.add(k);
      },
    });
    expect(result.epochsRun).toBe(3);
    expect(batches).toBeGreaterThan(3);
    expect(heldOut.size).toBe(1638);
    for (const k of heldOut) expect(seen.has(k), `held-out pair ${k} was trained on`).toBe(false);
    expect(seen.size).toBe(PAIR_COUNT - heldOut.size); // and every training pair was used
    expect(result.history.every((r) => r.heldOutAccuracy !== null)).toBe(true);
  });

  test("the seed preset keeps the notebook's 80k/20k split of 100,000 random pairs", () => {
    const { train, heldOut } = vectorSplit(SEED_PRESET);
    expect(train.length).toBe(80_000);
    expect(heldOut.length).toBe(20_000);
  });
});
