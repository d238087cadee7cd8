// The page's one opener for model files: PyTorch safetensors in both layouts (core's fixtures, made by torch with
// test/fixtures/torch/make.py, each with torch's own answers beside it) and weights JSON, told apart by extension or
// by content; a bad file is one line that names it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { evaluateAllPairs, parseWeights, quote } from '@lstm-adder/core';
import serialJson from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { adderOf, localAnswer } from '../src/answer/local-answer';
import { MAX_FILE_BYTES, type Opened, openWeightsFile } from '../src/yours/weights-file';

const CORE = dirname(createRequire(import.meta.url).resolve('@lstm-adder/core/package.json'));
const fixture = (name: string) => new Uint8Array(readFileSync(join(CORE, 'test/fixtures/torch', name)));
const reference = (name: string) => JSON.parse(new TextDecoder().decode(fixture(name)));
const fileOf = (bytes: Uint8Array<ArrayBuffer> | string, name: string) => new File([bytes], name);

function opened(result: Opened) {
  if (!result.ok) throw new Error(`expected the file to open: ${result.message}`);
  return result;
}
/** The page's answer for a + b with these weights: the sum it shows and whether it is right. */
function pageAnswer(result: Opened, a: string, b: string) {
  const outcome = localAnswer(adderOf(opened(result).weights), a, b, false);
  if (outcome.kind !== 'answer') throw new Error(`expected an answer to ${a} + ${b}`);
  return outcome.answer;
}

describe('openWeightsFile: the notebook’s cell as safetensors (a vector model)', () => {
  const ref = reference('notebook.f32.json') as { pairs: [number, number][]; outputs: number[][]; right: number };
  const result = openWeightsFile(fileOf(fixture('notebook.f32.safetensors'), 'notebook.f32.safetensors'));

  it('reads the notebook’s layout, with its raw outputs', async () => {
    const { weights, safetensors } = opened(await result);
    expect(safetensors).toEqual({ layout: 'notebook', dtypes: ['F32'], outputFrom: 'layout' });
    expect(weights).toMatchObject({ arch: 'vector', hiddenSize: 16, outputActivation: 'identity' });
  });

  it('answers as torch does: each sum is the bits torch’s outputs give, and as many pairs are right', async () => {
    const got = await result;
    ref.pairs.forEach(([a, b], k) => {
      // The notebook reads a bit as 1 at 0.5 or above; its 8 outputs are the sum's bits, most significant first.
      const torchSum = ref.outputs[k]!.reduce((sum, y) => sum * 2 + (y >= 0.5 ? 1 : 0), 0);
      expect(pageAnswer(got, String(a), String(b)).sum, `${a} + ${b}`).toBe(String(torchSum));
    });
    expect(evaluateAllPairs(adderOf(opened(got).weights)).correct).toBe(ref.right);
  });
});

describe('openWeightsFile: torch.nn.LSTM + nn.Linear as safetensors (a serial model)', () => {
  const ref = reference('serial.f64.json') as { cases: { a: string; b: string; right: boolean }[]; right: number };
  const bytes = fixture('serial.f64.safetensors');

  it('reads torch’s layout, its output a logit unless told otherwise, and gets torch’s sums right', async () => {
    const result = await openWeightsFile(fileOf(bytes, 'serial.f64.safetensors'));
    expect(opened(result).safetensors).toEqual({ layout: 'torch', dtypes: ['F64'], outputFrom: 'layout' });
    expect(opened(result).weights).toMatchObject({ arch: 'serial', hiddenSize: 8, outputActivation: 'sigmoid' });
    const right = ref.cases.map(({ a, b }) => pageAnswer(result, a, b).correct);
    expect(right).toEqual(ref.cases.map((c) => c.right));
    expect(right.filter(Boolean)).toHaveLength(ref.right);
  });

  it('reads the output as the visitor chooses', async () => {
    const result = opened(await openWeightsFile(fileOf(bytes, 'serial.f64.safetensors'), { output: 'identity' }));
    expect(result.safetensors?.outputFrom).toBe('option');
    expect(result.weights.outputActivation).toBe('identity');
  });

  it('tells safetensors from JSON by content when the name does not say', async () => {
    expect(opened(await openWeightsFile(fileOf(bytes, 'model.bin'))).safetensors?.layout).toBe('torch');
    const json = opened(await openWeightsFile(fileOf(JSON.stringify(serialJson), 'weights')));
    expect(json.safetensors).toBeNull();
    expect(json.weights).toEqual(parseWeights(serialJson));
  });
});

describe('openWeightsFile: bad files', () => {
  it('names a truncated safetensors file and what is wrong, in one line', async () => {
    const bytes = fixture('notebook.f32.safetensors');
    const result = await openWeightsFile(fileOf(bytes.subarray(0, 1000), 'notebook.f32.safetensors'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^"notebook\.f32\.safetensors" is not a safetensors model: .*out of range/);
    expect(result.message).not.toContain('\n');
    const short = await openWeightsFile(fileOf(bytes.subarray(0, 5), 'x.safetensors'));
    expect(!short.ok && short.message).toBe(
      '"x.safetensors" is not a safetensors model: the file is 5 bytes, too short for the 8-byte header length',
    );
  });

  it('gives WeightsError’s message and path for a bad weights file, and says when JSON is not JSON', async () => {
    const bad = structuredClone(serialJson) as { lstm: { g: { b: unknown[] } } };
    bad.lstm.g.b[2] = 'x';
    const result = await openWeightsFile(fileOf(JSON.stringify(bad), 'bad.json'));
    expect(result).toMatchObject({ ok: false, path: 'lstm.g.b[2]' });
    expect(!result.ok && result.message).toMatch(
      /^"bad\.json" is not an lstm-adder\.weights\/v1 file: lstm\.g\.b\[2\]/,
    );
    const text = await openWeightsFile(fileOf('hello', 'notes.json'));
    expect(text).toMatchObject({ ok: false, path: null });
    expect(!text.ok && text.message).toMatch(/^"notes\.json" is not JSON: /);
  });

  it('quotes a hostile name escaped and cut, and refuses a huge file unread', async () => {
    const name = `\u001b[31m${'x'.repeat(200)}.json`;
    const result = await openWeightsFile(fileOf('{}', name));
    expect(!result.ok && result.message).toContain(`${quote(name)} is not an lstm-adder.weights/v1 file`);
    expect(!result.ok && result.message).not.toContain('\u001b');
    const huge = new Blob([new Uint8Array(MAX_FILE_BYTES + 1)]);
    expect(await openWeightsFile(huge)).toEqual({
      ok: false,
      message: 'the file is 33,554,433 bytes, more than the 33,554,432 read',
      path: null,
    });
  });
});
