// The proof each model's meta records, as /model shows it (the certificate's bytes and the re-check against the
// weights are in test/node/proof.test.ts: workerd has no file system), and the sums the unproven model got wrong.
import type { ProofMeta } from '@lstm-adder/core';
import serialJson from '@lstm-adder/core/models/serial.json';
import vectorJson from '@lstm-adder/core/models/vector.json';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { loadModels } from '../src/models.js';
import { addAnswer, modelInfo, modelList } from '../src/openapi/responses.js';
import { get } from './helpers.js';

const metaProof = (json: unknown) => (json as { meta: { verification: { proof: ProofMeta } } }).meta.verification.proof;
const withProof = (json: unknown, proof: ProofMeta | undefined) => {
  const copy = structuredClone(json) as { meta: { verification: { proof?: ProofMeta } } };
  if (proof) copy.meta.verification.proof = proof;
  else delete copy.meta.verification.proof;
  return copy;
};
const info = async (path: string, app?: ReturnType<typeof createApp>) =>
  v.parse(modelInfo, await (app ? await app.request(path) : await get(path)).json());

describe('GET /model/{name}: proof', () => {
  it("serial: the meta's proof by cells, with the certificate's SHA-256 in place of the certificate", async () => {
    const recorded = metaProof(serialJson);
    expect(recorded).toMatchObject({ method: 'cells', proven: true });
    const { proof } = await info('/model/serial');
    expect(proof).toEqual({
      proven: recorded.proven,
      method: recorded.method,
      minLogit: recorded.minLogit,
      cells: recorded.cells,
      certificate: recorded.certificate?.sha256,
    });
    expect(proof?.certificate).toMatch(/^[0-9a-f]{64}$/);
    expect(proof?.cells).toBeGreaterThan(0);
  });

  it("vector: the meta's proof by enumeration of all 16,384 pairs, no certificate", async () => {
    const recorded = metaProof(vectorJson);
    const { proof } = await info('/model/vector');
    expect(proof).toEqual({ proven: true, method: 'enumeration', minLogit: recorded.minLogit, pairs: 128 * 128 });
  });

  it('GET /model shows each model’s proof as GET /model/{name} does', async () => {
    const { models } = v.parse(modelList, await (await get('/model')).json());
    expect(models.serial.proof).toEqual((await info('/model/serial')).proof);
    expect(models.vector.proof).toEqual((await info('/model/vector')).proof);
    expect(models.serial.proof).not.toEqual(models.vector.proof);
  });

  it('follows the meta: other figures as recorded; no proof in the meta, no proof field', async () => {
    const other: ProofMeta = { method: 'cells', proven: true, cells: 7, minLogit: 0.5, seconds: 1 };
    const app = createApp({
      models: loadModels({ vector: withProof(vectorJson, undefined), serial: withProof(serialJson, other) }),
    });
    expect((await info('/model/serial', app)).proof).toEqual({
      proven: true,
      method: 'cells',
      minLogit: 0.5,
      cells: 7,
    });
    const older = await info('/model/vector', app);
    expect(older).not.toHaveProperty('proof');
    expect(older.name).toBe('vector');
  });

  it('shows a counterexample the meta records, and proven: false', async () => {
    const refuted = { method: 'counterexample', proven: false, cells: 12, minLogit: null, seconds: 0.1 };
    const app = createApp({
      models: loadModels({
        vector: vectorJson,
        serial: withProof(serialJson, { ...refuted, counterexample: { a: '3', b: '3' } } as ProofMeta),
      }),
    });
    expect((await info('/model/serial', app)).proof).toEqual({
      proven: false,
      method: 'counterexample',
      minLogit: null,
      cells: 12,
      counterexample: { a: '3', b: '3' },
    });
  });
});

describe('GET /add?model=serial: the sums the unproven model got wrong (issue 21)', () => {
  it.each([
    ['16321', '8223'],
    ['129030', '66554'],
    ['1507340', '15237116'],
  ])('%s + %s', async (a, b) => {
    const body = v.parse(addAnswer, await (await get(`/add?a=${a}&b=${b}&model=serial`)).json());
    expect(body).toMatchObject({ a, b, sum: (BigInt(a) + BigInt(b)).toString(), correct: true, model: 'serial' });
  });
});
