// Model files are replaced atomically: readers (and a Ctrl-C) see the old files or the new ones, never half of one,
// nor a model without its report.
import { renameSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { makeParents } from './output-paths.js';
import { tempFiles } from './temp-files.js';

/** The files were not written: a signal came before they could replace their targets. */
export class WriteCancelled extends Error {
  override readonly name = 'WriteCancelled';
}

/**
 * Writes each file to a temporary file beside it, then, unless `cancelled()` says so by then, renames them all over
 * their targets at once: synchronously, so no signal handler runs between two renames. Cancelled or failed, the
 * temporary files are removed and no target has changed.
 */
export async function writeFilesAtomic(
  files: readonly (readonly [path: string, content: string | Uint8Array])[],
  cancelled: () => boolean = () => false,
): Promise<void> {
  const temps = files.map(([path]) => `${path}.${process.pid}.tmp`);
  try {
    for (const [k, [path, content]] of files.entries()) {
      await makeParents(path);
      tempFiles.add(temps[k]!);
      await writeFile(temps[k]!, content);
    }
    if (cancelled()) throw new WriteCancelled(`${files.map(([path]) => path).join(' and ')} not written`);
    files.forEach(([path], k) => {
      renameSync(temps[k]!, path); // atomic on the same file system
      tempFiles.delete(temps[k]!);
    });
  } finally {
    for (const temp of temps) {
      await rm(temp, { force: true });
      tempFiles.delete(temp);
    }
  }
}

export const writeFileAtomic = (path: string, content: string | Uint8Array): Promise<void> =>
  writeFilesAtomic([[path, content]]);

/** `model.json` → `model.<tag>.json`: where a model that must not replace `path` goes instead. */
export function sidePath(path: string, tag: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') && dot > 0 ? `${path.slice(0, dot)}.${tag}${path.slice(dot)}` : `${path}.${tag}`;
}
