// Output paths are checked before training starts, so a bad --out fails in a second, not after minutes of
// training. Directories are made one level at a time: Node's `mkdir(…, { recursive: true })` never settles for
// a path under /proc (seen on Node 20), which once left the CLI asleep forever.
import { access, constants, lstat, mkdir, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { quote } from '@lstm-adder/core';
import { tempFiles } from './temp-files.js';

export class OutputPathError extends Error {
  override readonly name = 'OutputPathError';
}

const reasonOf = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EACCES' || code === 'EPERM'
    ? 'permission denied'
    : code === 'EROFS'
      ? 'read-only file system'
      : code === 'ENOTDIR'
        ? 'a parent is a file, not a directory'
        : code === 'ENOENT'
          ? 'its directory cannot be created'
          : (code ?? String(error));
};

/** Creates the missing directories above `path`, top down; returns those it made (deepest last). */
export async function makeParents(path: string): Promise<string[]> {
  const missing: string[] = [];
  for (let dir = dirname(resolve(path)); ; dir = dirname(dir)) {
    const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      throw error;
    });
    if (info?.isDirectory()) break;
    if (info) throw Object.assign(new Error(`${dir} is a file`), { code: 'ENOTDIR' });
    if (dirname(dir) === dir) break;
    missing.unshift(dir);
  }
  const made: string[] = [];
  for (const dir of missing) {
    await mkdir(dir);
    made.push(dir);
  }
  return made;
}

/**
 * Throws an OutputPathError (one line, naming `label`) unless a file can be written at `path` the way
 * writeFileAtomic writes it: a temporary file in the same directory, renamed over `path`. Leaves nothing behind.
 */
export async function checkOutputPath(label: string, path: string): Promise<void> {
  const fail = (why: string): never => {
    throw new OutputPathError(`${label} ${quote(path)}: ${why}`);
  };
  const existing = await lstat(path).catch(() => null);
  if (existing?.isDirectory()) fail('is a directory; give a file name');
  if (existing && !existing.isFile()) fail('exists and is not a regular file');
  if (existing && (existing.mode & 0o222) === 0) fail('is read-only');
  if (existing) await access(path, constants.W_OK).catch((error) => fail(reasonOf(error)));
  let made: string[] = [];
  let probe: string | null = null;
  try {
    made = await makeParents(path);
    probe = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.probe`);
    tempFiles.add(probe);
    await writeFile(probe, '');
    await rm(probe, { force: true });
  } catch (error) {
    fail(`cannot be written (${reasonOf(error)})`);
  } finally {
    if (probe) tempFiles.delete(probe);
    for (const dir of made.reverse()) await rmdir(dir).catch(() => {});
  }
}

/** Checks each output, in order; the first bad one throws. */
export async function checkOutputPaths(outputs: readonly (readonly [label: string, path: string])[]): Promise<void> {
  for (const [label, path] of outputs) await checkOutputPath(label, path);
}
