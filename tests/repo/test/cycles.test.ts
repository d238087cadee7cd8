// No import cycles in any package's src/, type-only imports included (dependency-cruiser, src/cycles.ts).
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Graph, importGraph } from '../src/cycles.js';
import { REPO, workspaces } from '../src/workspaces.js';

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

  it('has no cycle', () => {
    expect(graph.cycles.map((cycle) => cycle.join(' → '))).toEqual([]);
  });
});
