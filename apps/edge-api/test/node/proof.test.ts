// The API's proof claim is backed: the SHA-256 /model/serial gives is that of the certificate file committed beside
// the weights, and core's checker accepts that certificate for the weights the Worker serves (one pass, no search).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parseWeights } from '@lstm-adder/core';
import { checkCertificate } from '@lstm-adder/core/proof';
import serialJson from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import vectorJson from '../../src/models/vector.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadModels } from '../../src/models.js';

const certificatePath = createRequire(import.meta.url).resolve('@lstm-adder/core/models/serial.certificate.json');
const certificateBytes = readFileSync(certificatePath);
const app = createApp({ models: loadModels({ vector: vectorJson, serial: serialJson }) });

// The app logs one JSON line per request (src/http/observe.ts); keep them out of the test output.
const log = console.log;
beforeAll(() => {
  console.log = () => undefined;
});
afterAll(() => {
  console.log = log;
});

const served = async () =>
  (await (await app.request('http://api.test/model/serial')).json()) as {
    proof: { proven: boolean; cells: number; minLogit: number; certificate: string };
  };

describe('/model/serial proof', () => {
  it('names the committed certificate by the SHA-256 of its bytes', async () => {
    const { proof } = await served();
    expect(proof.certificate).toBe(createHash('sha256').update(certificateBytes).digest('hex'));
    // The check can fail: one byte more is another hash.
    const changed = Buffer.concat([certificateBytes, Buffer.from(' ')]);
    expect(proof.certificate).not.toBe(createHash('sha256').update(changed).digest('hex'));
  });

  it("is re-checked by core's checkCertificate against the served weights: valid, same cells, min logit", async () => {
    const { proof } = await served();
    expect(proof.proven).toBe(true);
    const certificate = JSON.parse(certificateBytes.toString('utf8'));
    const check = checkCertificate(parseWeights(serialJson), certificate);
    expect(check).toMatchObject({ valid: true, reason: null, cells: proof.cells });
    // The meta rounds the figure to 4 digits; the checker recomputes it.
    expect(check.minLogit).toBeCloseTo(proof.minLogit, 4);
  });

  it('a certificate for other weights, or with a cell removed, is refused (the check can fail)', () => {
    const certificate = JSON.parse(certificateBytes.toString('utf8')) as { cells: string[] };
    const scaled = structuredClone(serialJson) as { dense: { b: number[] } };
    scaled.dense.b = scaled.dense.b.map((x) => x + 0.5);
    expect(checkCertificate(parseWeights(scaled), certificate)).toMatchObject({
      valid: false,
      reason: 'the certificate is for other weights',
    });
    const [first, ...rest] = certificate.cells;
    // Each class's cells are base64 of fixed-size records; drop the first record of class 0 (12 bytes: 6 int16).
    const fewer = Buffer.from(first ?? '', 'base64')
      .subarray(12)
      .toString('base64');
    const tampered = { ...certificate, cells: [fewer, ...rest] };
    expect(checkCertificate(parseWeights(serialJson), tampered)).toMatchObject({
      valid: false,
      reason: expect.stringMatching(/not a certified cell of carry 0/),
    });
  });
});
