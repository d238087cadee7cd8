// The vector model the Worker bundles (src/models/vector.json) is @lstm-adder/core's, minus only the held-out pair
// list: same weights, same meta otherwise. Stale after a retrain until `npm run models -w @lstm-adder/edge-api`.
import { readFileSync } from 'node:fs';
import { parseWeights } from '@lstm-adder/core';
import vector from '@lstm-adder/core/models/vector.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { workerModel } from '../../scripts/models.js';

const committed = JSON.parse(readFileSync(new URL('../../src/models/vector.json', import.meta.url), 'utf8'));

describe("the Worker's vector model", () => {
  it('is the committed output of scripts/models.ts for the current core model (else run npm run models)', () => {
    expect(committed).toEqual(workerModel(vector));
  });

  it("has core's weights and meta, without the held-out pair list but with its count and where to find it", () => {
    expect(parseWeights(committed).lstm).toEqual(parseWeights(vector).lstm);
    expect(parseWeights(committed).dense).toEqual(parseWeights(vector).dense);
    const { split, ...rest } = committed.meta;
    const { split: coreSplit, ...coreRest } = vector.meta as typeof committed.meta;
    expect(rest).toEqual(coreRest);
    expect(coreSplit.heldOutPairs).toHaveLength(coreSplit.heldOut);
    expect(split).toEqual({
      train: coreSplit.train,
      heldOut: coreSplit.heldOut,
      heldOutPairsIn: '@lstm-adder/core/models/vector.json',
    });
  });
});
