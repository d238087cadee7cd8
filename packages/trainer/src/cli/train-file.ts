// train.config.json: read, parse and validate before anything trains. Every problem is one ConfigError line
// naming the file and the field (`"train.config.json": models[0].overrides.epochs: expected an integer ≥ 1, got -5`).
import { readFile } from 'node:fs/promises';
import { quote } from '@lstm-adder/core';
import { basename, dirname, resolve } from 'node:path';
import {
  ConfigError,
  DEFAULTS,
  parseWith,
  type TrainConfig,
  type TrainFileEntry,
  TrainFileSchema,
  validateConfig,
} from '../config.js';
import { printable } from './exit.js';

export interface TrainJob {
  entry: TrainFileEntry;
  config: TrainConfig;
  out: string;
  report: string;
}

/** JSON.parse's complaint without V8's copy of the text (the client's), its token quoted, a position given as line
 *  and column. */
function jsonProblem(message: string, text: string): string {
  const problem = message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/^Unexpected token '(.*)'$/s, (_, token: string) => `Unexpected token ${quote(token)}`)
    .replace(/ at position (\d+)$/, (_, at: string) => {
      const before = text.slice(0, Number(at));
      return ` at line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
    });
  return printable(problem);
}

/** The models a train.config.json asks for, each with its full recipe; `out` and `report` resolved against the
 *  file's folder. */
export async function readTrainFile(path: string): Promise<TrainJob[]> {
  const name = quote(basename(path)); // the client's file name: quoted
  const at = (field: string) => (field ? `${name}: ${field}` : name);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(name, `cannot be read (${error.code ?? printable(error.message)})`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(name, `not valid JSON (${jsonProblem((error as Error).message, text)})`);
  }
  const file = parseWith(TrainFileSchema, json, at);
  const root = dirname(resolve(path));
  return file.models.map((entry, i) => ({
    entry,
    config: validateConfig({ ...structuredClone(DEFAULTS[entry.arch]), ...entry.overrides }, (field) =>
      at(`models[${i}].overrides.${field}`),
    ),
    out: resolve(root, entry.out),
    report: resolve(root, entry.report),
  }));
}
