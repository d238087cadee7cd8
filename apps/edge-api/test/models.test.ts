// Loading the models: core validates the weights, and a swapped file is refused at load, not served.
import serialJson from '@lstm-adder/core/models/serial.json';
import vectorJson from '@lstm-adder/core/models/vector.json';
import { WeightsError } from '@lstm-adder/core';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadModels, type Models } from '../src/models.js';
import { isErrorBody, models } from './helpers.js';

describe('loadModels', () => {
  it('refuses weights that fail core’s contract, naming the field', () => {
    const broken = structuredClone(vectorJson) as { lstm: { f: { b: number[] } } };
    broken.lstm.f.b.pop();
    expect(() => loadModels({ vector: broken, serial: serialJson })).toThrow(WeightsError);
    expect(() => loadModels({ vector: broken, serial: serialJson })).toThrow(/lstm\.f\.b/);
  });

  it('builds adders that add: the committed models answer 57 + 99 = 156 and a 64-bit carry chain', () => {
    const loaded = loadModels({ vector: vectorJson, serial: serialJson });
    expect(loaded.vector.adder.add(57, 99).sum).toBe(156n);
    expect(loaded.serial.adder.add(2n ** 64n - 1n, 1n).sum).toBe(2n ** 64n);
    expect(loaded.vector.fingerprint).not.toBe(loaded.serial.fingerprint);
  });

  it('refuses a serial file given as the vector model', () => {
    expect(() => loadModels({ vector: serialJson, serial: serialJson })).toThrow(
      /vector model: weights have arch "serial"/,
    );
  });
});

describe('onError', () => {
  it('turns an unexpected throw into a JSON 500 without a stack trace', async () => {
    const failing: Models = {
      ...models,
      vector: {
        ...models.vector,
        adder: {
          ...models.vector.adder,
          add: () => {
            throw new Error('boom at secret/path.ts:12');
          },
        },
      },
    };
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args); // keep the expected log out of the test output
    try {
      const res = await createApp({ models: failing }).request('/add?a=1&b=2');
      expect(res.status).toBe(500);
      const body: unknown = await res.json();
      expect(isErrorBody(body)).toBe(true);
      expect(body).toMatchObject({ error: { code: 'internal_error' } });
      expect(JSON.stringify(body)).not.toMatch(/boom|secret|\.ts:/);
      expect(errors).toHaveLength(1);
    } finally {
      console.error = original;
    }
  });
});
