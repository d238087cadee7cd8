// `lstm-adder-train prove`, run as a user runs it: exit 0 with a proof, 1 with a sum the model gets wrong (checked
// here with bigint arithmetic), 2 for a bad file or flag; --json's fields; --certificate checks a certificate in
// one pass and refuses one for other weights. The models are core's proof fixtures (their truth is known there).
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdder, parseWeights } from '@lstm-adder/core';
import { describe, expect, test } from 'vitest';
import { cli, tempDir } from './run-cli.js';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../../core/test/fixtures/proof/${name}.json`, import.meta.url));
const shippedVector = fileURLToPath(new URL('../../core/models/vector.json', import.meta.url));

describe.concurrent('lstm-adder-train prove', () => {
  test('proves an exact serial model: exit 0, one line; --out writes a certificate --certificate accepts', async () => {
    const dir = tempDir();
    const cert = join(dir, 'exact.certificate.json');
    const r = await cli(['prove', fixture('exact'), '--out', cert]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^proven: "exact\.json" \(serial, H = 3\) adds any two numbers right, of any length \(\d+ cells/,
    );
    const checked = await cli(['prove', fixture('exact'), '--certificate', cert, '--json']);
    expect(checked.code, checked.stderr).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ proven: true, method: 'certificate' });
  });

  test('refuses a wrong model with a sum that is really wrong, in --json', async () => {
    const r = await cli(['prove', fixture('drifting-carry'), '--json']);
    expect(r.code, r.stderr).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ proven: false, method: 'counterexample', minLogit: null });
    const w = parseWeights(JSON.parse(readFileSync(fixture('drifting-carry'), 'utf8')));
    const [a, b] = [BigInt(result.counterexample.a), BigInt(result.counterexample.b)];
    expect(createAdder(w).add(a, b).sum).not.toBe(a + b);
  });

  test('proves the shipped vector model on all 16,384 pairs', async () => {
    const r = await cli(['prove', shippedVector, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ proven: true, method: 'enumeration', pairs: 16384 });
  });

  test("refuses a certificate for other weights, and a serial model's certificate for a vector model", async () => {
    const dir = tempDir();
    const cert = join(dir, 'c.json');
    expect((await cli(['prove', fixture('exact'), '--out', cert])).code).toBe(0);
    const other = await cli(['prove', fixture('drifting-carry'), '--certificate', cert]);
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/the certificate is refused: the certificate is for other weights/);
    const vector = await cli(['prove', shippedVector, '--certificate', cert]);
    expect(vector.code).toBe(2);
    expect(vector.stderr).toBe('error: --certificate: a vector model has no certificate\n');
  });

  test.each([
    [['missing.json'], /^error: FILE: cannot read "missing\.json" \(ENOENT\)$/],
    [['truncated.json'], /^error: FILE: "truncated\.json" is not JSON$/],
    [['not-weights.json'], /^error: FILE: "not-weights\.json" is not a weights file: format: expected/],
    [
      ['exact.json', '--seconds', '0x10'],
      /^error: --seconds: expected a number of seconds from 0 to 3600, got "0x10"$/,
    ],
    [['exact.json', '--seconds', 'Infinity'], /^error: --seconds: expected a number of seconds/],
    [['exact.json', '--certificate', 'truncated.json'], /^error: --certificate: "truncated\.json" is not JSON$/],
  ])('bad input %j: exit 2, one line', async (args, message) => {
    const dir = tempDir();
    copyFileSync(fixture('exact'), join(dir, 'exact.json'));
    writeFileSync(join(dir, 'truncated.json'), readFileSync(fixture('exact'), 'utf8').slice(0, 100));
    writeFileSync(join(dir, 'not-weights.json'), '{"format": "something else"}');
    const r = await cli(['prove', ...args], dir);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
  });
});
