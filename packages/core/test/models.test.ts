// The shipped models must load: the Worker and the page parse them at start-up.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ARCH_SIZES, createAdder, parseWeights } from '../src/index.js';

describe.each(['vector', 'serial'] as const)('models/%s.json', (arch) => {
  const json = JSON.parse(readFileSync(fileURLToPath(new URL(`../models/${arch}.json`, import.meta.url)), 'utf8'));

  it('meets the weights contract for its arch', () => {
    const weights = parseWeights(json);
    expect(weights.arch).toBe(arch);
    expect(weights.inputSize).toBe(ARCH_SIZES[arch].inputSize);
    expect(createAdder(weights).add(1, 2).a).toBe(1n);
  });
});
