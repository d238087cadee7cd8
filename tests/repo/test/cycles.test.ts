// No import cycles in any package's src/, type-only imports included (dependency-cruiser, src/cycles.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Graph, importGraph } from '../src/cycles.js';
import { REPO, workspaces } from '../src/workspaces.js';

// The two circles issue 18 names, being broken on other branches as this test lands: tolerated while they last, and
// nothing else is. Drop this list once both fixes are merged (the test prints which of them are still there).
const KNOWN: string[][] = [
  ['apps/edge-api/src/env.ts', 'apps/edge-api/src/http/observe.ts', 'apps/edge-api/src/validation.ts'],
  ['packages/trainer/src/lstm.ts', 'packages/trainer/src/snapshot.ts'],
];
const known = (cycle: string[]) => KNOWN.some((circle) => cycle.every((module) => circle.includes(module)));

const sources = workspaces().filter((dir) => execFileSync('git', ['ls-files', `${dir}/src`], { cwd: REPO }).length);

describe('import cycles in every src/', () => {
  let graph: Graph;
  beforeAll(async () => {
    graph = await importGraph(
      sources.map((dir) => `${dir}/src`),
      REPO,
    );
  });

  it('reads every module of every src/', () => {
    const files = execFileSync('git', ['ls-files', ...sources.map((dir) => `${dir}/src`)], {
      cwd: REPO,
      encoding: 'utf8',
    })
      .split('\n')
      .filter((f) => /\.(ts|mts|js|mjs)$/.test(f) && !f.endsWith('.d.ts'));
    expect(sources).toEqual(expect.arrayContaining(['packages/core', 'packages/trainer', 'apps/edge-api']));
    expect(files.length).toBeGreaterThan(50);
    expect(files.filter((f) => !graph.modules.includes(f))).toEqual([]);
  });

  it('has no cycle but the known ones, while they last', () => {
    const still = KNOWN.filter((circle) => graph.cycles.some((cycle) => cycle.every((m) => circle.includes(m))));
    if (still.length)
      console.warn(
        `known import cycles still present (to be broken):\n  ${still.map((c) => c.join(' ↔ ')).join('\n  ')}`,
      );
    expect(graph.cycles.filter((cycle) => !known(cycle)).map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});

describe('the cycle check itself', () => {
  let dir = '';
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds a planted cycle of type-only imports and one of value imports, and nothing in a chain', async () => {
    dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    mkdirSync(join(dir, 'src'));
    const files: Record<string, string> = {
      // a ⇄ b through `import type` only
      'a.ts': "import type { B } from './b.js';\nexport interface A { b?: B }\n",
      'b.ts': "import type { A } from './a.js';\nexport interface B { a?: A }\n",
      // c → d → e → c through values
      'c.ts': "import { e } from './e.js';\nexport const c = () => e;\n",
      'd.ts': "import { c } from './c.js';\nexport const d = () => c;\n",
      'e.ts': "import { d } from './d.js';\nexport const e = () => d;\n",
      // f → a, g → f: a chain into the cycle, not part of it
      'f.ts': "import type { A } from './a.js';\nexport type F = A;\n",
      'g.ts': "import type { F } from './f.js';\nexport type G = F;\n",
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'src', name), text);
    const planted = await importGraph(['src'], dir);
    expect(planted.modules.sort()).toEqual(Object.keys(files).map((f) => `src/${f}`));
    expect(planted.cycles.map((c) => c.join(' → ')).sort()).toEqual([
      'src/a.ts → src/b.ts',
      'src/c.ts → src/e.ts → src/d.ts',
    ]);
  });
});
