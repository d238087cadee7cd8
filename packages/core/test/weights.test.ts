// parseWeights must reject every kind of corrupt file and say where the problem is.
import { describe, expect, it } from 'vitest';
import { META_LIMITS, WeightsError, parameterCount, parseWeights } from '../src/index.js';
import { serialWeightsJson, vectorWeightsJson } from './fixtures.js';

// biome-ignore lint/suspicious/noExplicitAny: the tests corrupt weights files in every way, so fields are untyped
type Json = Record<string, any>;

function rejects(
  mutate: (w: Json) => void,
  path: string,
  detail?: RegExp,
  base: () => Json = vectorWeightsJson,
): WeightsError {
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
    rejects(
      (w) => (w.format = 'lstm-adder.weights/v2'),
      'format',
      /expected "lstm-adder.weights\/v1", got "lstm-adder.weights\/v2"/,
    );
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

  it('types the meta the trainer writes and keeps keys it does not know', () => {
    const json = vectorWeightsJson() as Json;
    json.meta = {
      digits: 3,
      split: { train: 3, heldOut: 2, heldOutPairs: [0, 130, 16_383] },
      history: [
        {
          epoch: 1,
          loss: 0.5,
          trainAccuracy: 0.9,
          heldOutAccuracy: null,
          allPairsAccuracy: 0.8,
          lr: 0.01,
          samples: 256,
          seconds: 1.5,
          extra: 'kept',
        },
      ],
      verification: {
        passed: true,
        parity: { maxAbsDiff: 1e-7, compared: 8, tolerance: 1e-5, passed: true },
        future: { any: 1 },
      },
      somethingNew: [1, 'x'],
    };
    const meta = parseWeights(json).meta;
    expect(meta.split?.heldOutPairs).toEqual([0, 130, 16_383]);
    expect(meta.history?.[0]).toMatchObject({ extra: 'kept' });
    expect(meta.verification).toMatchObject({ future: { any: 1 } });
    expect(meta.somethingNew).toEqual([1, 'x']);
  });

  it('accepts the metas of the shipped models and of a serial run without a split', () => {
    const json = serialWeightsJson() as Json;
    json.meta = {
      split: null,
      verification: {
        passed: false,
        serial: {
          total: 1,
          correct: 0,
          accuracy: 0,
          byWidth: [],
          wrong: [{ a: '1', b: '2', width: 8 }],
          passed: false,
        },
      },
    };
    expect(parseWeights(json).meta.verification?.serial?.wrong[0]?.a).toBe('1');
  });

  it('rejects meta fields of the wrong type at their path', () => {
    rejects(
      (w) => (w.meta = { history: [{ epoch: 1, loss: 'low' }] }),
      'meta.history[0].loss',
      /expected a number, got "low"/,
    );
    rejects((w) => (w.meta = { digits: 2.5 }), 'meta.digits', /expected an integer/);
    rejects(
      (w) => (w.meta = { verification: { passed: 'yes' } }),
      'meta.verification.passed',
      /expected true or false/,
    );
    rejects((w) => (w.meta = { config: { arch: 'lstm' } }), 'meta.config.arch', /"vector" or "serial"/);
    rejects((w) => (w.meta = { split: { heldOutPairs: 'all' } }), 'meta.split.heldOutPairs', /expected an array/);
  });

  it('rejects held-out pairs that are not ascending pair indices, naming the first bad one', () => {
    rejects(
      (w) => (w.meta = { split: { heldOutPairs: [3, 2] } }),
      'meta.split.heldOutPairs[1]',
      /ascending order without repeats, got 2 after 3/,
    );
    rejects((w) => (w.meta = { split: { heldOutPairs: [5, 5] } }), 'meta.split.heldOutPairs[1]', /without repeats/);
    rejects(
      (w) => (w.meta = { split: { heldOutPairs: [1, 16_384] } }),
      'meta.split.heldOutPairs[1]',
      /from 0 to 16383/,
    );
    rejects((w) => (w.meta = { split: { heldOutPairs: [-1] } }), 'meta.split.heldOutPairs[0]', /from 0 to 16383/);
    rejects((w) => (w.meta = { split: { heldOutPairs: [0.5] } }), 'meta.split.heldOutPairs[0]', /expected an integer/);
  });

  it('rejects a meta that is not an object', () => {
    rejects((w) => (w.meta = null), 'meta', /expected an object, got null/);
    rejects((w) => (w.meta = 'notes'), 'meta', /expected an object, got "notes"/);
    // valibot's object schemas take arrays; an array meta would come back as {"0": 1, "1": "x"}.
    rejects((w) => (w.meta = [1, 'x']), 'meta', /expected an object, got Array/);
    rejects((w) => (w.meta = { verification: [] }), 'meta.verification', /expected an object, got Array/);
  });

  it('bounds meta before walking it: history entries, values, text and depth, each named', () => {
    const epoch = {
      ...{ epoch: 1, loss: 0.5, trainAccuracy: 1, heldOutAccuracy: null, allPairsAccuracy: null },
      ...{ lr: 1e-3, samples: 64, seconds: 1 },
    };
    const history = (n: number) => new Array(n).fill(epoch);
    const millionEntries = history(1_000_000);
    rejects(
      (w) => (w.meta = { history: millionEntries }),
      'meta.history',
      /^meta\.history: expected at most 10000 entries, got 1000000$/,
    );
    rejects(
      (w) => (w.meta = { holdoutExperiment: { history: history(10_001) } }),
      'meta.holdoutExperiment.history',
      /expected at most 10000 entries, got 10001/,
    );
    const json: Json = vectorWeightsJson();
    json.meta = { history: history(META_LIMITS.historyEntries) };
    expect(parseWeights(json).meta.history).toHaveLength(10_000);
    rejects((w) => (w.meta = { notes: new Array(300_000).fill(0) }), 'meta', /expected at most 250000 values/);
    const wide: Record<string, number> = {};
    for (let k = 0; k < 300_000; k++) wide[`k${k}`] = k;
    rejects((w) => (w.meta = { wide }), 'meta', /expected at most 250000 values/);
    rejects((w) => (w.meta = { note: 'x'.repeat(1_000_001) }), 'meta', /at most 1000000 characters of text/);
    rejects((w) => (w.meta = { ['k'.repeat(1_000_001)]: 1 }), 'meta', /at most 1000000 characters of text/);
    let deep: unknown = 1;
    for (let k = 0; k < 100_000; k++) deep = [deep];
    const error = rejects((w) => (w.meta = { deep }), `meta.deep${'[0]'.repeat(31)}`, /at most 32 levels of nesting/);
    expect(error.message.length).toBeLessThan(200);
    expect(META_LIMITS).toEqual({ historyEntries: 10_000, values: 250_000, textCharacters: 1_000_000, depth: 32 });
  });

  it('rejects an array where an object belongs, at that object', () => {
    expect(() => parseWeights([1, 'x'])).toThrow('expected an object, got Array');
    rejects((w) => (w.lstm = [w.lstm.i, w.lstm.f, w.lstm.g, w.lstm.o]), 'lstm', /expected an object, got Array/);
  });

  it('quotes at most 40 characters of a bad value, however long it is', () => {
    const huge = 'x'.repeat(50_000_000);
    const errors = [
      rejects((w) => (w.format = huge), 'format'),
      rejects((w) => (w.dense.b[0] = huge), 'dense.b[0]'),
      rejects((w) => (w.meta = huge), 'meta'),
      // Under META_LIMITS.textCharacters, so the field's type, not meta's size, is what is refused.
      rejects((w) => (w.meta = { stopReason: huge.slice(0, 1000), digits: huge.slice(0, 900_000) }), 'meta.digits'),
    ];
    for (const error of errors) {
      expect(error.message.length).toBeLessThan(150);
      expect(error.message).toMatch(/got "x{40}…" \(\d+ characters\)$/);
    }
  });

  it('says to parse JSON text first when given a string, without quoting it', () => {
    const text = JSON.stringify(vectorWeightsJson());
    let error: unknown;
    try {
      parseWeights(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(WeightsError);
    const message = (error as WeightsError).message;
    expect(message).toBe(
      `expected the weights object, got a string (${text.length} characters): to read JSON text, pass JSON.parse(text)`,
    );
    expect(parseWeights(JSON.parse(text)).arch).toBe('vector');
  });

  it('checks a matrix’s length before its elements: a dense.W of 10^7 one-element rows fails on its row count', () => {
    const json = serialWeightsJson() as Json;
    // A proxy counts the rows read: the count check must not walk the ten million rows first.
    let rowsRead = 0;
    json.dense.W = new Proxy(new Array(10_000_000).fill([0.5]), {
      get: (target, key, receiver) => {
        if (typeof key === 'string' && /^\d+$/.test(key)) rowsRead++;
        return Reflect.get(target, key, receiver);
      },
    });
    const H = json.hiddenSize as number;
    const err = rejects(
      () => {},
      'dense.W',
      undefined,
      () => json,
    );
    expect(err.message).toBe(`dense.W: expected ${H} rows, got 10000000`);
    expect(rowsRead).toBe(0);
  });

  it('checks every shape before any number: a short row later on is named before an earlier bad number', () => {
    const err = rejects((w) => {
      w.lstm.i.U[0][0] = 'one';
      w.dense.W[1].pop();
    }, 'dense.W[1]');
    expect(err.message).toBe(`dense.W[1]: expected 8 numbers, got 7`);
  });

  it('names a row that is not an array, and a hole in a row', () => {
    rejects((w) => (w.lstm.f.V[3] = 5), 'lstm.f.V[3]', /expected an array of numbers, got 5$/);
    rejects((w) => delete w.lstm.g.b[4], 'lstm.g.b[4]', /expected a number, got undefined$/);
    rejects((w) => (w.lstm.o.V[2][1] = null), 'lstm.o.V[2][1]', /expected a number, got null$/);
    rejects((w) => (w.dense.b[3] = Number.NEGATIVE_INFINITY), 'dense.b[3]', /expected a finite number, got -Infinity$/);
  });

  it('defaults a missing meta to an empty object', () => {
    const json = vectorWeightsJson() as Json;
    delete json.meta;
    expect(parseWeights(json).meta).toEqual({});
  });
});
