// @lstm-adder/trainer as a user gets it: npm pack (with core's tarball), install both into a scratch project
// outside the repository, and run the bin there. The optional native TF.js backends cannot install here;
// the install must succeed without them.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createAdder, parseWeights } from '@lstm-adder/core';
import { expect, test } from 'vitest';
import { DEFAULTS } from '../src/config.js';
import { env } from './run-cli.js';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const exec = promisify(execFile);
const npm = (args: string[], cwd: string) =>
  exec('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env, maxBuffer: 64 << 20 });

test('npm pack → install in a scratch project → npx lstm-adder-train --arch serial writes a verified model; publish --dry-run passes', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'lstm-adder-pack-'));
  // Under turbo, core#build ran before this task and other packages' tests may be reading core's dist: pack that
  // build as it is rather than let core's `prepare` delete and rewrite it under them. Run alone, `prepare` builds.
  const scripts = process.env.TURBO_HASH ? ['--ignore-scripts'] : [];
  const { stdout } = await npm(
    [
      'pack',
      '-w',
      '@lstm-adder/core',
      '-w',
      '@lstm-adder/trainer',
      ...scripts,
      '--pack-destination',
      scratch,
      '--json',
    ],
    repo,
  );
  // core's `prepare` (its build) may print before npm's JSON: the JSON is the array that starts a line.
  const tarballs = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as { filename: string; files: { path: string }[] }[];
  const trainerFiles = tarballs.find((t) => t.filename.includes('trainer'))!.files.map((f) => f.path);
  expect(trainerFiles).toEqual(
    expect.arrayContaining(['bin/lstm-adder-train.js', 'src/cli/index.ts', 'LICENSE', 'README.md', 'package.json']),
  );
  expect(trainerFiles.filter((f) => f.startsWith('test/') || f.startsWith('scratch/'))).toEqual([]);

  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  await npm(['install', '--prefer-offline', ...tarballs.map((t) => join(scratch, t.filename))], scratch);

  const help = await exec('npx', ['lstm-adder-train', '--help'], { cwd: scratch, env });
  expect(help.stdout).toMatch(/^Usage: lstm-adder-train \[options\]/);
  // The recipe's own 30 s limit is wall time; on a loaded machine it can stop short. This test checks the
  // package, so it lifts the limit (the epoch limit still bounds the run).
  const train = await exec(
    'npx',
    ['lstm-adder-train', '--arch', 'serial', '--out', 'model.json', '--max-seconds', '600'],
    { cwd: scratch, env, maxBuffer: 64 << 20 },
  );
  expect(train.stdout).toMatch(/^backend: (wasm|cpu|tensorflow) \(/);
  expect(train.stdout).toMatch(new RegExp(`^verified: serial H=${DEFAULTS.serial.hidden}: `, 'm'));
  expect(train.stdout).toContain('wrote model.json');

  const model = parseWeights(JSON.parse(readFileSync(join(scratch, 'model.json'), 'utf8')));
  expect(model.meta.verification).toMatchObject({ passed: true });
  const a = 2n ** 100n - 12_345n,
    b = 98_765_432_101_234_567_890n;
  expect(createAdder(model).add(a, b).sum).toBe(a + b);

  await npm(['publish', '--dry-run', '-w', '@lstm-adder/trainer'], repo);
}, 900_000);
