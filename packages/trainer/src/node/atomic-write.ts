// Model files are replaced atomically: readers (and a Ctrl-C) see the old file or the new one, never half of one.
import { rename, rm, writeFile } from 'node:fs/promises';
import { makeParents } from './output-paths.js';

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await makeParents(path);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, content);
    await rename(temp, path); // atomic on the same file system
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** `model.json` → `model.<tag>.json`: where a model that must not replace `path` goes instead. */
export function sidePath(path: string, tag: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') && dot > 0 ? `${path.slice(0, dot)}.${tag}${path.slice(dot)}` : `${path}.${tag}`;
}
