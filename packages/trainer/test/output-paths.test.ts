// Output paths are checked before training; a check leaves nothing behind and never hangs (/proc).
import { chmodSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkOutputPath, OutputPathError } from '../src/node/output-paths.js';
import { tempDir } from './run-cli.js';

describe('checkOutputPath', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'a-file'), 'x');
  writeFileSync(join(dir, 'read-only.json'), 'x');
  chmodSync(join(dir, 'read-only.json'), 0o444);
  mkdirSync(join(dir, 'a-dir'));

  test.each([
    ['a-dir', /^--out ".*a-dir": is a directory; give a file name$/],
    ['read-only.json', /^--out "\/tmp\/[^"]*"( \(\d+ characters\))?: is read-only$/],
    ['a-file/model.json', /^--out "\/tmp\/[^"]*"( \(\d+ characters\))?: cannot be written \(a parent is a file, not/],
    ['a-file/deeper/still/model.json', /: cannot be written \(a parent is a file, not a directory\)$/],
    ['/proc/nope/x.json', /^--out "\/proc\/nope\/x.json": cannot be written/],
    ['/proc/nope/deeper/x.json', /^--out "\/proc\/nope\/deeper\/x.json": cannot be written/],
  ])('%s is refused with one line', async (path, message) => {
    const error = await checkOutputPath('--out', path.startsWith('/') ? path : join(dir, path)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OutputPathError);
    expect((error as Error).message).toMatch(message);
  });

  test('a writable path passes, and the check creates nothing (not even the missing folders)', async () => {
    await checkOutputPath('--out', join(dir, 'new.json'));
    await checkOutputPath('--out', join(dir, 'new/folders/model.json'));
    writeFileSync(join(dir, 'existing.json'), 'x');
    await checkOutputPath('--out', join(dir, 'existing.json'));
    expect(readdirSync(dir).sort()).toEqual(['a-dir', 'a-file', 'existing.json', 'read-only.json']);
  });
});
