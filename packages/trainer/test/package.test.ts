// @lstm-adder/trainer as a user gets it: npm pack (with core's tarball), install both into a scratch project outside
// the repository without the optional dependencies (the native TF.js backends cannot install here; vega is only for
// reports), and run the built bin there: no TypeScript, no tsx, no vega unless a report is asked for.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
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

test('npm pack → install without optional packages → lstm-adder-train --arch serial: a verified model', async () => {
  const scratch = mkdtempSync(join(tmpdir(), 'lstm-adder-pack-'));
  // Under turbo, the builds ran before this task and other packages' tests may be reading the dist folders: pack them
  // as they are rather than let `prepare` delete and rewrite them under them. Run alone, `prepare` builds.
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
  // A `prepare` (a build) may print before npm's JSON: the JSON is the array that starts a line.
  const tarballs = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as { filename: string; files: { path: string }[] }[];
  const trainer = tarballs.find((t) => t.filename.includes('trainer'))!;
  const files = trainer.files.map((f) => f.path);
  expect(files).toEqual(
    expect.arrayContaining(['dist/cli.js', 'dist/browser.js', 'dist/browser.d.ts', 'dist/config.d.ts', 'LICENSE']),
  );
  expect(files.filter((f) => /^(src|test|bin|scratch)\/|\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  const manifest = JSON.parse(readFileSync(join(repo, 'packages/trainer/package.json'), 'utf8'));
  expect(Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })).not.toContain('tsx');
  expect(Object.keys(manifest.optionalDependencies)).toEqual(expect.arrayContaining(['vega', 'vega-lite']));

  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  const paths = tarballs.map((t) => join(scratch, t.filename));
  await npm(['install', '--prefer-offline', '--omit=optional', ...paths], scratch);
  expect(existsSync(join(scratch, 'node_modules/tsx'))).toBe(false);
  expect(existsSync(join(scratch, 'node_modules/vega'))).toBe(false);

  const help = await exec('npx', ['lstm-adder-train', '--help'], { cwd: scratch, env });
  expect(help.stdout).toMatch(/^Usage: lstm-adder-train \[options\]/);
  // The recipe's own time limit is wall time; on a loaded machine it can stop short. This test checks the package,
  // so it lifts the limit (the epoch limit still bounds the run).
  const train = await exec(
    'npx',
    ['lstm-adder-train', '--arch', 'serial', '--out', 'model.json', '--max-seconds', '600'],
    {
      cwd: scratch,
      env,
      maxBuffer: 64 << 20,
    },
  );
  expect(train.stdout).toMatch(/^backend: (wasm|cpu|tensorflow) \(/);
  expect(train.stdout).toMatch(new RegExp(`^verified: serial H=${DEFAULTS.serial.hidden}: `, 'm'));
  expect(train.stdout).toContain('wrote "model.certificate.json" and "model.json"');
  const model = parseWeights(JSON.parse(readFileSync(join(scratch, 'model.json'), 'utf8')));
  // Proven, and the certificate beside it is the one its meta names: its SHA-256 matches.
  const certificate = readFileSync(join(scratch, 'model.certificate.json'));
  expect(model.meta.verification).toMatchObject({
    passed: true,
    proof: {
      proven: true,
      method: 'cells',
      certificate: { file: 'model.certificate.json', sha256: createHash('sha256').update(certificate).digest('hex') },
    },
  });
  const a = 2n ** 100n - 12_345n,
    b = 98_765_432_101_234_567_890n;
  expect(createAdder(model).add(a, b).sum).toBe(a + b);

  // A report needs vega: without it, one line and exit 2, before anything trains.
  const report = await exec('npx', ['lstm-adder-train', '--arch', 'serial', '--out', 'm2.json', '--report', 'r.svg'], {
    cwd: scratch,
    env,
  }).catch((error: { code: number; stdout: string; stderr: string }) => error);
  expect(report).toMatchObject({ code: 2, stdout: '' });
  expect((report as { stderr: string }).stderr).toMatch(
    /^error: a report needs the optional packages vega and vega-lite.*\n$/,
  );
  expect(existsSync(join(scratch, 'm2.json'))).toBe(false);

  await npm(['publish', '--dry-run', '--ignore-scripts', '-w', '@lstm-adder/trainer'], repo);
}, 900_000);
