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
      /^error: "train.config.json": models\[0\].overrides.epochs: expected an integer from 1 to 10000, got -5$/,
    ],
    [
      [{ arch: 'vector', out: '/proc/nope/m.json', report: 'r.svg' }],
      /^error: out "\/proc\/nope\/m.json": cannot be written/,
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

// What a terminal must never get raw: C0 and C1 controls, DEL, direction and line-separator characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what the tests look for
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

describe.concurrent('a hostile train.config.json: exit 2, one short line, nothing echoed raw', () => {
  const refused = async (text: string | Buffer) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.json'), text);
    const r = await trainAll(['--config', join(dir, 'c.json')]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.length).toBeLessThan(300);
    expect(r.stderr).not.toMatch(RAW);
    return r.stderr;
  };

  test('an out of a megabyte', async () => {
    const models = [{ arch: 'vector', out: 'x'.repeat(1_000_000), report: 'r.svg' }];
    expect(await refused(JSON.stringify({ models }))).toMatch(
      /^error: out "\/[^"]{39}…" \(\d{7} characters\): cannot be written \(ENAMETOOLONG\)\n$/,
    );
  });

  test('a field name of a megabyte, with escape codes', async () => {
    const overrides = { [`\u001b[31m${'k'.repeat(1_000_000)}`]: 1 };
    const models = [{ arch: 'vector', out: 'm.json', report: 'r.svg', overrides }];
    expect(await refused(JSON.stringify({ models }))).toMatch(
      /^error: "c.json": models\[0\].overrides."\\u001b\[31mk{35}…" \(1000005 characters\): unknown field \(accepted: /,
    );
  });

  test('a binary file', async () => {
    const bytes = Buffer.from([0x1b, 0x5b, 0x33, 0x31, 0x6d, 0x00, 0x9b, 0xc2, 0x9b, 0xe2, 0x80, 0xae, 0x89, 0x50]);
    expect(await refused(bytes)).toMatch(/^error: "c.json": not valid JSON \(Unexpected token "\\u001b"\)\n$/);
  });

  test('text that is not JSON: where, not what', async () => {
    expect(await refused('{ "models": [] }\n\u202e trailing')).toMatch(
      /^error: "c.json": not valid JSON \(Unexpected non-whitespace character after JSON at line 2, column 1\)\n$/,
    );
  });
});

test('a model core does not verify leaves the file byte-identical, goes to scratch/, the run exits 3', async () => {
  const dir = tempDir();
  const name = `unverified-test-${process.pid}\u001b[31m`; // a file name with an escape code: printed escaped
  writeFileSync(join(dir, `${name}.json`), 'a verified model\n');
  const r = await trainAll(
    ['--config', configFile(dir, [{ arch: 'vector', out: `${name}.json`, report: `${name}.svg`, overrides: tiny }])],
    dir,
  );
  const side = join(scratch, `${name}.unverified.json`);
  try {
    expect(r.code, r.stderr).toBe(3);
    expect(readFileSync(join(dir, `${name}.json`), 'utf8')).toBe('a verified model\n');
    expect(existsSync(join(dir, `${name}.svg`))).toBe(false);
    expect(r.stdout).toMatch(/^NOT verified: vector H=2: 1 epochs \(epoch limit of 1\)/m);
    expect(r.stdout).toContain(
      `"unverified-test-${process.pid}\\u001b[31m.json" left unchanged; the unverified model is in `,
    );
    expect(`${r.stdout}${r.stderr}`).not.toMatch(RAW);
    expect(parseWeights(JSON.parse(readFileSync(side, 'utf8'))).hiddenSize).toBe(2);
    expect(existsSync(join(scratch, `${name}.unverified.svg`))).toBe(true);
    expect(r.stdout).toMatch(/a model did NOT meet its verification target \(exit 3\)/);
  } finally {
    rmSync(side, { force: true });
    rmSync(join(scratch, `${name}.unverified.svg`), { force: true });
  }
});
