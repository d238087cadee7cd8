// Model files are replaced atomically: readers (and a Ctrl-C) see the old file or the new one, never half of one.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export async function writeFileAtomic(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, content);
    await rename(temp, path); // atomic on the same file system
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
