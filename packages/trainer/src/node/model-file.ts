// Reading a file a user names on the command line: a JSON file, or a weights file checked by core. Every refusal
// is one line that names the flag or argument and quotes the path (exit 2); no file is read past MAX_BYTES.
import { open } from 'node:fs/promises';
import { parseWeights, quote, type Weights, WeightsError } from '@lstm-adder/core';
import { ConfigError } from '../config.js';

/** The largest file read: models are kilobytes, certificates at most a few megabytes. */
export const MAX_BYTES = 64 * 1024 * 1024;

/** A file's bytes, up to MAX_BYTES; refused as `name` when it cannot be read or is larger. */
export async function readBytes(path: string, name: string): Promise<Uint8Array> {
  const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new ConfigError(name, `cannot read ${quote(path)} (${error.code ?? 'error'})`);
  });
  try {
    const { size, isFile } = await file.stat().then((s) => ({ size: s.size, isFile: s.isFile() }));
    if (!isFile) throw new ConfigError(name, `${quote(path)} is not a file`);
    if (size > MAX_BYTES) throw new ConfigError(name, `${quote(path)} is ${size} bytes; at most ${MAX_BYTES} are read`);
    const bytes = new Uint8Array(size);
    await file.read(bytes, 0, size, 0);
    return bytes;
  } finally {
    await file.close();
  }
}

/** A JSON file's value; refused as `name` when it is not JSON. */
export async function readJsonFile(path: string, name: string): Promise<unknown> {
  const text = new TextDecoder().decode(await readBytes(path, name));
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(name, `${quote(path)} is not JSON`);
  }
}

/** A weights file (lstm-adder.weights/v1), checked by core; refused as `name` with core's reason. */
export async function readModelFile(path: string, name: string): Promise<Weights> {
  const json = await readJsonFile(path, name);
  try {
    return parseWeights(json);
  } catch (error) {
    if (error instanceof WeightsError)
      throw new ConfigError(name, `${quote(path)} is not a weights file: ${error.message}`);
    throw error;
  }
}
