// `npm run train`'s script with a train.config.json of tiny recipes: bad files and paths stop it before training,
// and a model core does not verify never replaces the file.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseWeights } from '@lstm-adder/core';
import { describe, expect, test } from 'vitest';
import { tempDir, trainAll } from './run-cli.js';

const scratch = fileURLToPath(new URL('../scratch', import.meta.url));
const configFile = (dir: string, models: unknown[]) => {
  writeFileSync(join(dir, 'train.config.json'), JSON.stringify({ models }));
  return join(dir, 'train.config.json');
};
const tiny = { hidden: 2, epochs: 1, batch: 4096 };

describe.concurrent('stops before training with one line and exit 2', () => {
  test.each([
    [
      [{ arch: 'vector', out: 'm.json', report: 'r.svg', overrides: { epochs: -5 } }],
      /^error: train.config.json: models\[0\].overrides.epochs: expected an integer ≥ 1, got -5$/,
    ],
    [
      [{ arch: 'vector', out: '/proc/nope/m.json', report: 'r.svg' }],
      /^error: out \/proc\/nope\/m.json: cannot be written/,
    ],
  ])('%j', async (models, message) => {
    const dir = tempDir();
    const r = await trainAll(['--config', configFile(dir, models)]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});

test('a model that does not verify leaves the previous file byte-identical, goes to scratch/, and the run exits 3', async () => {
  const dir = tempDir();
  const name = `unverified-test-${process.pid}`;
  writeFileSync(join(dir, `${name}.json`), 'a verified model\n');
  const r = await trainAll([
    '--config',
    configFile(dir, [{ arch: 'vector', out: `${name}.json`, report: `${name}.svg`, overrides: tiny }]),
  ]);
  const side = join(scratch, `${name}.unverified.json`);
  try {
    expect(r.code, r.stderr).toBe(3);
    expect(readFileSync(join(dir, `${name}.json`), 'utf8')).toBe('a verified model\n');
    expect(existsSync(join(dir, `${name}.svg`))).toBe(false);
    expect(r.stdout).toMatch(/^NOT verified: vector H=2: 1 epochs \(epoch limit of 1\)/m);
    expect(r.stdout).toContain(`${name}.json left unchanged; the unverified model is in `);
    expect(parseWeights(JSON.parse(readFileSync(side, 'utf8'))).hiddenSize).toBe(2);
    expect(existsSync(join(scratch, `${name}.unverified.svg`))).toBe(true);
    expect(r.stdout).toMatch(/a model did NOT meet its verification target \(exit 3\)/);
  } finally {
    rmSync(side, { force: true });
    rmSync(join(scratch, `${name}.unverified.svg`), { force: true });
  }
});
