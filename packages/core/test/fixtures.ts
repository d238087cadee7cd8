// The PyTorch reference (copied from the notebook's model into this package: clones have no ../shared).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const read = (name: string): unknown =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)), 'utf8'));

export const vectorWeightsJson = () =>
  read('vector.weights.json') as Record<string, unknown> & { meta: { allPairsAccuracy: number } };
export const vectorOutputs = () => read('vector.outputs.json') as { outputs: number[][] };
export const serialWeightsJson = () => read('serial.weights.json') as Record<string, unknown>;
export const serialOutputs = () =>
  read('serial.outputs.json') as {
    cases: { a: string; b: string; width: number; steps: number[][]; outputs: number[] }[];
  };
