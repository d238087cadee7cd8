// Writes src/models/vector.json, the vector model the Worker bundles: @lstm-adder/core's file without
// `meta.split.heldOutPairs` (1,638 indices, about a tenth of the gzipped Worker, which must stay ≤ 40 KiB; the page
// does not use them, and the package's own file keeps them). Weights and the rest of the meta are unchanged.
// Run by `npm run models`; test/node/models.test.ts fails when the committed copy is stale.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import vector from '@lstm-adder/core/models/vector.json' with { type: 'json' };

/** The model the Worker ships: the core file minus the held-out pair list, with its count kept. */
export function workerModel(model: typeof vector): unknown {
  const copy = structuredClone(model) as {
    meta: { split?: { heldOutPairs?: number[]; heldOutPairsIn?: string } | null };
  };
  const split = copy.meta.split;
  if (split?.heldOutPairs) {
    delete split.heldOutPairs;
    split.heldOutPairsIn = '@lstm-adder/core/models/vector.json';
  }
  return copy;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = new URL('../src/models/vector.json', import.meta.url);
  writeFileSync(target, `${JSON.stringify(workerModel(vector))}\n`);
  console.log(`models: wrote ${target.pathname}`);
}
