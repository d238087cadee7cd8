// train.config.json: read, parse and validate before anything trains. Every problem is one ConfigError line
// naming the file and the field (`train.config.json: models[0].overrides.epochs: expected an integer ≥ 1, got -5`).
import { readFile } from 'node:fs/promises';
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

export interface TrainJob {
  entry: TrainFileEntry;
  config: TrainConfig;
  out: string;
  report: string;
}

/** The models a train.config.json asks for, each with its full recipe; `out` and `report` resolved against the
 *  file's folder. */
export async function readTrainFile(path: string): Promise<TrainJob[]> {
  const name = basename(path);
  const at = (field: string) => (field ? `${name}: ${field}` : name);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(name, `cannot be read (${error.code ?? error.message})`);
  });
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(name, `not valid JSON (${(error as Error).message})`);
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
