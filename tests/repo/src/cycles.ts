// Import cycles, type-only imports included, found by dependency-cruiser (its `no-circular` rule).
import { cruise, type ICruiseResult } from 'dependency-cruiser';

/** One cycle as dependency-cruiser reports it: the modules in import order, the first importing the second. */
export type Cycle = string[];

export interface Graph {
  /** Every module cruised (paths relative to the cwd the cruise ran in). */
  modules: string[];
  cycles: Cycle[];
}

/**
 * The modules under `dirs` and their cycles. Imports of other workspaces are followed (through node_modules'
 * symlinks, by their package.json exports), so a cycle across packages is found too; npm packages are not entered.
 */
export async function importGraph(dirs: string[], cwd: string): Promise<Graph> {
  const { output } = await cruise(
    dirs,
    {
      baseDir: cwd, // it resolves from, and reports paths relative to, this folder
      tsPreCompilationDeps: true, // `import type` counts: a type-only circle is still a circle between modules
      doNotFollow: { path: 'node_modules' },
      enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['types', 'import', 'default'] },
      ruleSet: { forbidden: [{ name: 'no-circular', severity: 'error', from: {}, to: { circular: true } }] },
      validate: true,
    },
    { extensions: ['.ts', '.mts', '.js', '.mjs', '.json'] },
  );
  const result = output as ICruiseResult;
  const cycles = result.summary.violations
    .filter((v) => v.rule.name === 'no-circular' && v.cycle)
    .map((v) => [v.from, ...v.cycle!.map((step) => step.name)].slice(0, -1));
  return { modules: result.modules.filter((m) => !m.coreModule).map((m) => m.source), cycles: unique(cycles) };
}

/** Each cycle once, whichever module it was reported from (a rotation of a cycle is the same cycle). */
function unique(cycles: Cycle[]): Cycle[] {
  const seen = new Map<string, Cycle>();
  for (const cycle of cycles) {
    const start = cycle.indexOf([...cycle].sort()[0]!);
    const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
    seen.set(rotated.join(' → '), rotated);
  }
  return [...seen.values()];
}
