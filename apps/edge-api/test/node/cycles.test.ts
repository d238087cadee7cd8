// The module graph of src/ has no cycle, type-only imports included: each shared type lives in the module that owns it.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Every .ts file under src/ and the src/ files it imports (relative specifiers, `./x.js` → `x.ts`). */
function importGraph(): Map<string, string[]> {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return new Map(
    files.map((file) => {
      const text = readFileSync(join(SRC, file), 'utf8');
      const targets = [...text.matchAll(/from '(\.{1,2}\/[\w./-]+)\.js'/g)].map((m) =>
        relative(SRC, normalize(join(SRC, dirname(file), `${m[1]}.ts`))),
      );
      return [file, targets];
    }),
  );
}

/** The first cycle found, as a chain of files, or null. */
function findCycle(graph: Map<string, string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, chain: string[]): string[] | null => {
    if (state.get(file) === 'done') return null;
    if (state.get(file) === 'open') return [...chain.slice(chain.indexOf(file)), file];
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next, [...chain, file]);
      if (cycle) return cycle;
    }
    state.set(file, 'done');
    return null;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file, []);
    if (cycle) return cycle;
  }
  return null;
}

describe('module graph of src/', () => {
  it('has no import cycle, type-only imports included', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(15);
    expect(graph.get('http/observe.ts')).toContain('work.ts'); // the reader resolves nested paths
    expect(findCycle(graph)).toBeNull();
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const graph = importGraph();
    graph.set('work.ts', [...(graph.get('work.ts') ?? []), 'http/observe.ts']);
    graph.set('http/observe.ts', ['work.ts']);
    expect(findCycle(graph)).toEqual(['work.ts', 'http/observe.ts', 'work.ts']);
  });
});
