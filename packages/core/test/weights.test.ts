// parseWeights must reject every kind of corrupt file and say where the problem is.
import { describe, expect, it } from 'vitest';
import { WeightsError, parameterCount, parseWeights } from '../src/index.js';
import { serialWeightsJson, vectorWeightsJson } from './fixtures.js';

type Json = Record<string, any>;

function rejects(mutate: (w: Json) => void, path: string, detail?: RegExp, base: () => Json = vectorWeightsJson): WeightsError {
  const json = base();
  mutate(json);
  let error: unknown;
  try {
    parseWeights(json);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(WeightsError);
  const err = error as WeightsError;
  expect(err.path).toBe(path);
  expect(err.message.startsWith(`${path}: `)).toBe(true);
  if (detail) expect(err.message).toMatch(detail);
  return err;
}

describe('parseWeights', () => {
  it('accepts both reference models and keeps their numbers', () => {
    const vector = parseWeights(vectorWeightsJson());
    expect(vector.arch).toBe('vector');
    expect(vector.lstm.f.V[3]![5]).toBe((vectorWeightsJson() as Json).lstm.f.V[3][5]);
    expect(parameterCount(vector)).toBe(4 * (8 + 32 + 1) * 32 + 33 * 8);
    expect(parseWeights(serialWeightsJson()).arch).toBe('serial');
  });

  it('rejects a non-object', () => {
    expect(() => parseWeights(null)).toThrow(/expected an object/);
    expect(() => parseWeights('{}')).toThrow(WeightsError);
  });

  it('rejects a wrong format tag', () => {
    rejects((w) => (w.format = 'lstm-adder.weights/v2'), 'format', /expected "lstm-adder.weights\/v1", got "lstm-adder.weights\/v2"/);
  });

  it('rejects an unknown arch', () => {
    rejects((w) => (w.arch = 'parallel'), 'arch', /"vector" or "serial"/);
  });

  it('rejects a missing gate', () => {
    rejects((w) => delete w.lstm.g, 'lstm.g');
  });

  it('rejects a ragged matrix with the row that is short', () => {
    const err = rejects((w) => w.lstm.f.V[3].pop(), 'lstm.f.V[3]');
    expect(err.message).toBe('lstm.f.V[3]: expected 32 numbers, got 31');
  });

  it('rejects a matrix with a missing row', () => {
    rejects((w) => w.lstm.o.U.pop(), 'lstm.o.U', /expected 8 rows, got 7/);
  });

  it('rejects NaN and infinities', () => {
    rejects((w) => (w.lstm.i.b[7] = Number.NaN), 'lstm.i.b[7]', /NaN/);
    rejects((w) => (w.dense.W[2][1] = Number.POSITIVE_INFINITY), 'dense.W[2][1]', /finite/);
  });

  it('rejects a number written as a string', () => {
    rejects((w) => (w.dense.b[0] = '0.5'), 'dense.b[0]', /expected a number, got "0.5"/);
  });

  it('rejects sizes that do not fit the arch', () => {
    rejects((w) => (w.inputSize = 2), 'inputSize', /arch "vector" needs 8, got 2/);
    rejects((w) => (w.outputSize = 8), 'outputSize', /arch "serial" needs 1, got 8/, serialWeightsJson);
  });

  it('rejects a hidden size that the matrices do not have', () => {
    rejects((w) => (w.hiddenSize = 16), 'lstm.i.U[0]', /expected 16 numbers, got 32/);
  });

  it('rejects a non-integer size', () => {
    rejects((w) => (w.hiddenSize = 31.5), 'hiddenSize', /positive integer/);
  });

  it('rejects an unknown output activation', () => {
    rejects((w) => (w.outputActivation = 'relu'), 'outputActivation', /"identity" or "sigmoid"/);
  });

  it('defaults a missing meta to an empty object', () => {
    const json = vectorWeightsJson() as Json;
    delete json.meta;
    expect(parseWeights(json).meta).toEqual({});
  });
});
