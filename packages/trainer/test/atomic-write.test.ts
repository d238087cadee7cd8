// Files replace others atomically and together, or not at all; no temporary file outlives the process.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { sidePath, WriteCancelled, writeFilesAtomic } from '../src/node/atomic-write.js';
import { env, tempDir } from './run-cli.js';

test('writeFilesAtomic replaces every file, and leaves no temporary file', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'm.json'), 'old model\n');
  await writeFilesAtomic([
    [join(dir, 'm.json'), 'new model\n'],
    [join(dir, 'deeper/r.svg'), '<svg/>\n'],
  ]);
  expect(readFileSync(join(dir, 'm.json'), 'utf8')).toBe('new model\n');
  expect(readFileSync(join(dir, 'deeper/r.svg'), 'utf8')).toBe('<svg/>\n');
  expect(readdirSync(dir, { recursive: true }).map(String).sort()).toEqual(['deeper', 'deeper/r.svg', 'm.json']);
});

test('cancelled once the contents are written (a signal came), it replaces nothing and leaves nothing', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'm.json'), 'old model\n');
  let asked = 0;
  const write = writeFilesAtomic(
    [
      [join(dir, 'm.json'), 'new model\n'],
      [join(dir, 'r.svg'), '<svg/>\n'],
    ],
    () => ++asked > 0,
  );
  await expect(write).rejects.toBeInstanceOf(WriteCancelled);
  expect(asked).toBe(1);
  expect(readFileSync(join(dir, 'm.json'), 'utf8')).toBe('old model\n');
  expect(readdirSync(dir)).toEqual(['m.json']);
});

test('a temporary file still registered when the process exits is removed', async () => {
  const dir = tempDir();
  const temp = join(dir, 'm.json.123.tmp');
  const module = fileURLToPath(new URL('../src/node/temp-files.ts', import.meta.url));
  const script = `const { tempFiles } = await import(${JSON.stringify(module)});
    (await import('node:fs')).writeFileSync(${JSON.stringify(temp)}, 'half');
    tempFiles.add(${JSON.stringify(temp)});
    process.exit(130);`;
  const exit = await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    env,
  }).catch((error: { code: number }) => error.code);
  expect(exit).toBe(130);
  expect(existsSync(temp)).toBe(false);
});

test('sidePath puts the tag before the extension', () => {
  expect(sidePath('models/serial.json', 'unverified')).toBe('models/serial.unverified.json');
  expect(sidePath('/tmp/a.b/model', 'interrupted')).toBe('/tmp/a.b/model.interrupted');
  expect(sidePath('.hidden', 'unverified')).toBe('.hidden.unverified');
});
