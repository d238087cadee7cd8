// train.config.json is validated before anything trains: one ConfigError line naming the file and the field.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, DEFAULTS } from '../src/config.js';
import { readTrainFile } from '../src/cli/train-file.js';
import { tempDir } from './run-cli.js';

const dir = tempDir();
const write = (text: string) => {
  const path = join(dir, 'train.config.json');
  writeFileSync(path, text);
  return path;
};
const models = (...entries: unknown[]) => JSON.stringify({ models: entries });
const serial = (overrides: unknown) => ({ arch: 'serial', out: 'm.json', report: 'r.svg', overrides });

describe('a bad train.config.json is refused with one line naming the field', () => {
  test.each([
    ['{ "models": [', /^"train.config.json": not valid JSON \(/],
    ['"models"', /^"train.config.json": expected an object with "models", got "models"$/],
    ['{}', /^"train.config.json": models: missing$/],
    ['{ "models": "vector" }', /^"train.config.json": models: expected an array of models .*, got "vector"$/],
    ['{ "models": [] }', /^"train.config.json": models: expected at least one model$/],
    [
      models({ arch: 'lstm', out: 'm.json', report: 'r.svg' }),
      /^"train.config.json": models\[0\].arch: expected "vector" or "serial", got "lstm"$/,
    ],
    [models({ arch: 'serial', report: 'r.svg' }), /^"train.config.json": models\[0\].out: missing$/],
    [
      models(serial({}), serial({ epochs: -5 })),
      /^"train.config.json": models\[1\].overrides.epochs: expected an integer from 1 to 10000, got -5$/,
    ],
    [
      models(serial({ hidden: 'big' })),
      /^"train.config.json": models\[0\].overrides.hidden: expected an integer from 1 to 512, got "big"$/,
    ],
    [models(serial({ epoch: 5 })), /^"train.config.json": models\[0\].overrides.epoch: unknown field/],
    [models(serial({ arch: 'vector' })), /^"train.config.json": models\[0\].overrides.arch: unknown field/],
    [
      models(serial({ holdout: 0.1 })),
      /^"train.config.json": models\[0\].overrides.holdout: applies to arch vector only/,
    ],
    [
      models(serial({ trainWidths: [8, 2] })),
      /^"train.config.json": models\[0\].overrides.trainWidths: the lowest width is above the highest$/,
    ],
    [
      models(serial({ vectorData: { kind: 'mined', hardMargin: 2 } })),
      /^"train.config.json": models\[0\].overrides.vectorData: applies to arch vector only$/,
    ],
    [
      models({
        arch: 'vector',
        out: 'm.json',
        report: 'r.svg',
        overrides: { vectorData: { kind: 'mined', hardMargin: 2 } },
      }),
      /^"train.config.json": models\[0\].overrides.vectorData.hardRepeat: missing$/,
    ],
    [
      models({ arch: 'vector', out: 'm.json', report: 'r.svg', overrides: { trainWidths: [1, 8] } }),
      /^"train.config.json": models\[0\].overrides.trainWidths: applies to arch serial only$/,
    ],
    [
      '{ "models": [{ "arch": "serial", "out": "m.json", "report": "r.svg", "overrides": { "lr": 1e400 } }] }',
      /^"train.config.json": models\[0\].overrides.lr: expected a positive number, got Infinity$/,
    ],
  ])('%s', async (text, message) => {
    const error = await readTrainFile(write(text)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('\n');
  });

  test('a missing file', async () => {
    await expect(readTrainFile(join(dir, 'nope.json'))).rejects.toThrow(/^"nope.json": cannot be read \(ENOENT\)$/);
  });
});

test("a good file: each model with its full recipe, paths against the file's folder", async () => {
  const jobs = await readTrainFile(
    write(models(serial({ hidden: 6 }), { arch: 'vector', out: '../v.json', report: 'v.svg' })),
  );
  expect(jobs.map((j) => j.config)).toEqual([{ ...DEFAULTS.serial, hidden: 6 }, DEFAULTS.vector]);
  expect(jobs.map((j) => [j.out, j.report])).toEqual([
    [join(dir, 'm.json'), join(dir, 'r.svg')],
    [join(dir, '../v.json'), join(dir, 'v.svg')],
  ]);
});

test('the shipped train.config.json is valid', async () => {
  const path = new URL('../train.config.json', import.meta.url).pathname;
  const jobs = await readTrainFile(path);
  expect(jobs.map((j) => j.entry)).toEqual(JSON.parse(readFileSync(path, 'utf8')).models);
});
