// The repository and its workspaces, as the root package.json lists them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');

/** Each workspace folder (relative to the root), from the root package.json's `workspaces` globs (`dir/*`). */
export function workspaces(root = REPO): string[] {
  const { workspaces: globs } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  return globs.flatMap((glob) => {
    if (!glob.endsWith('/*')) throw new Error(`workspaces: only "dir/*" globs are read here, not ${glob}`);
    const parent = glob.slice(0, -2);
    return readdirSync(join(root, parent), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, parent, d.name, 'package.json')))
      .map((d) => `${parent}/${d.name}`);
  });
}
