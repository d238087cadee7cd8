// The repository's source files: what Biome formats (biome.json's `files.includes`, tracked by git), less prose.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './workspaces.js';

/**
 * Code, config and markup. Not Markdown (prose: the docs test reads it) nor JSON: its long lines are strings (a
 * description, an npm script) that no formatter and no hand can break.
 */
const SOURCE = /\.(ts|mts|cts|js|mjs|cjs|jsonc|css|html|ya?ml|sh)$/;

/** Tracked files Biome is told to leave alone (`!pattern` in biome.json): data, generated files, fixtures. */
function excluded(root: string): string[] {
  const { files } = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as { files: { includes: string[] } };
  return files.includes
    .filter((p) => p.startsWith('!'))
    .flatMap((p) => [`:(exclude,glob)${p.slice(1)}`, `:(exclude,glob)${p.slice(1)}/**`]);
}

/** Tracked source files (paths relative to the root); scripts without an extension count by their `#!` line. */
export function sourceFiles(root = REPO): string[] {
  return execFileSync('git', ['ls-files', '--', ':(glob)**', ...excluded(root)], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .filter((f) => SOURCE.test(f) || (!/\.\w+$/.test(f) && readFileSync(join(root, f), 'utf8').startsWith('#!')));
}
