// The domain names other packages import from core instead of repeating: checked against their definitions.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ARCHS,
  GATES,
  TRACE_MAX_DIGITS,
  VECTOR_BITS,
  VECTOR_MAX_OPERAND,
  VECTOR_OPERANDS,
  VECTOR_PAIRS,
  formatIssuePath,
  sigmoid,
} from '../src/index.js';

describe('domain constants', () => {
  it('size the vector model: operands 0..127, 8-bit sums, 128² pairs', () => {
    expect(VECTOR_OPERANDS).toBe(2 ** 7);
    expect(VECTOR_MAX_OPERAND).toBe(VECTOR_OPERANDS - 1);
    expect(VECTOR_PAIRS).toBe(128 * 128);
    expect(2 * VECTOR_MAX_OPERAND).toBeLessThan(2 ** VECTOR_BITS);
    expect(2 * VECTOR_MAX_OPERAND + 2).toBeGreaterThan(2 ** (VECTOR_BITS - 1));
  });

  it('name the model kinds, the gate order and the trace limit', () => {
    expect(ARCHS).toEqual(['vector', 'serial']);
    expect(GATES).toEqual(['i', 'f', 'g', 'o']);
    expect(TRACE_MAX_DIGITS).toBe(64);
  });
});

describe('sigmoid', () => {
  it('is 1 / (1 + e^−x)', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(Math.log(3))).toBeCloseTo(0.75, 15);
    for (const x of [-30, -2.5, 0.1, 7]) expect(sigmoid(x) + sigmoid(-x)).toBeCloseTo(1, 15);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });
});

describe('formatIssuePath', () => {
  it('writes a valibot path as the field’s accessor', () => {
    expect(formatIssuePath([{ key: 'pairs' }, { key: 0 }, { key: 'a' }])).toBe('pairs[0].a');
    expect(formatIssuePath([{ key: 'lstm' }, { key: 'f' }, { key: 'V' }, { key: 3 }, { key: 5 }])).toBe(
      'lstm.f.V[3][5]',
    );
    expect(formatIssuePath([{ key: 2 }, { key: 'b' }])).toBe('[2].b');
    expect(formatIssuePath([])).toBe('');
    expect(formatIssuePath(undefined)).toBe('');
  });
});

describe('module graph', () => {
  it('has no import cycle among src files (type-only imports included)', () => {
    const dir = fileURLToPath(new URL('../src/', import.meta.url));
    const imports = new Map<string, string[]>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(dir + file, 'utf8');
      imports.set(
        file,
        [...text.matchAll(/from '\.\/([\w-]+)\.js'/g)].map((m) => `${m[1]}.ts`),
      );
    }
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, chain: string[]): void => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') throw new Error(`import cycle: ${[...chain, file].join(' → ')}`);
      state.set(file, 'open');
      for (const next of imports.get(file) ?? []) visit(next, [...chain, file]);
      state.set(file, 'done');
    };
    for (const file of imports.keys()) visit(file, []);
    expect(imports.size).toBeGreaterThan(10);
  });
});
