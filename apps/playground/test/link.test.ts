import { createAdder, parseWeights } from '@lstm-adder/core';
import serialJson from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import vectorJson from '@lstm-adder/core/models/vector.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { modelLink, weightsFromFragment, weightsToFragment } from '../src/yours/link';

const serial = parseWeights(serialJson);

describe('the link is the model', () => {
  it('carries the shipped serial model in a few hundred characters, and reads back the same numbers', () => {
    const fragment = weightsToFragment(serial);
    expect(fragment).toMatch(/^model=serial&hidden=3&output=sigmoid&weights=/);
    expect(fragment.length).toBeLessThan(450);
    // The first numbers are the input gate's U, row by row, as the weights file writes them.
    expect(fragment).toContain(`weights=${serial.lstm.i.U.flat().join(',')},${serial.lstm.i.V[0]!.join(',')}`);
    const read = weightsFromFragment(`#${fragment}`);
    if (read.kind !== 'model') throw new Error(`expected a model, got ${JSON.stringify(read)}`);
    const { meta: _meta, ...shape } = serial;
    expect(read.weights).toEqual({ ...shape, meta: {} });
    expect(createAdder(read.weights).add('987654321987654321', '123456789123456789').sum).toBe(1111111111111111110n);
  });

  it('round-trips the vector model and full-precision floats bit for bit', () => {
    const vector = parseWeights(vectorJson);
    vector.lstm.g.b[0] = 0.1 + 0.2; // 0.30000000000000004
    vector.dense.b[7] = -1.2345678901234566e-9;
    const read = weightsFromFragment(weightsToFragment(vector));
    if (read.kind !== 'model') throw new Error('expected a model');
    expect(read.weights.lstm).toEqual(vector.lstm);
    expect(read.weights.dense).toEqual(vector.dense);
  });

  it('puts the page’s query in front of the fragment', () => {
    const url = new URL(modelLink('http://example.test/page?old=1#x', '?a=1&b=2&model=yours', serial));
    expect(url.pathname).toBe('/page');
    expect(url.search).toBe('?a=1&b=2&model=yours');
    expect(weightsFromFragment(url.hash).kind).toBe('model');
  });

  it('has nothing to say about an address without weights', () => {
    expect(weightsFromFragment('')).toEqual({ kind: 'none' });
    expect(weightsFromFragment('#answer')).toEqual({ kind: 'none' });
  });

  it('says what is wrong with a bad link in one sentence', () => {
    const fragment = weightsToFragment(serial);
    const bad = (hash: string) => {
      const read = weightsFromFragment(hash);
      if (read.kind !== 'bad') throw new Error(`expected a refusal, got ${read.kind}`);
      return read.message;
    };
    expect(bad(fragment.replace(/,[^,]+$/, ''))).toBe(
      'The link’s model could not be read: a serial model with 3 hidden units has 76 weights, the link has 75.',
    );
    expect(bad(fragment.replace('weights=', 'weights=x'))).toMatch(/weight 1 is “x-?[\d.]+”, not a number\.$/);
    expect(bad(fragment.replace(/(weights=[^,]+),/, '$1,Infinity,').replace(/,[^,]+$/, ''))).toMatch(
      /weight 2 is “Infinity”, not a number/,
    );
    expect(bad(fragment.replace('model=serial', 'model=quantum'))).toMatch(/model must be vector or serial/);
    expect(bad(fragment.replace('hidden=3', 'hidden=0'))).toMatch(/hidden must be a whole number of units/);
    expect(bad(fragment.replace('output=sigmoid', 'output=relu'))).toMatch(/output must be identity or sigmoid/);
    expect(bad(`weights=${'1,'.repeat(300_000)}1`)).toMatch(/more than the 400,000 read/);
  });
});
