// `lstm-adder-train import` and `export`, run as a user runs them. Importing core's PyTorch fixtures (made once by
// core/test/fixtures/torch/make.py, with torch's outputs and right pairs recorded beside each) writes weights that
// give torch's outputs and right pairs; an export reads back bit for bit; every bad file or flag is exit 2, one line,
// no file written; the shipped models' folder takes only proven models.
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createAdder,
  encodeSerial,
  encodeVector,
  forward,
  parseWeights,
  readSafetensors,
  type Weights,
  weightsToSafetensors,
  writeSafetensors,
} from '@lstm-adder/core';
import { describe, expect, test } from 'vitest';
import { cli, tempDir } from './run-cli.js';
import { rawFile } from '../../core/test/raw-safetensors.js';

const path = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
const torchFixture = (name: string) => path(`../../core/test/fixtures/torch/${name}.safetensors`);
const torchReference = (name: string) =>
  JSON.parse(readFileSync(path(`../../core/test/fixtures/torch/${name}.json`), 'utf8'));
const shippedPath = (arch: string) => path(`../../core/models/${arch}.json`);
const shipped = (arch: string) => parseWeights(JSON.parse(readFileSync(shippedPath(arch), 'utf8')));
const readWeights = (file: string) => parseWeights(JSON.parse(readFileSync(file, 'utf8')));

/** Every number of the weights, in a fixed order, as the bits of its float64. */
function bits(w: Weights): bigint[] {
  const gates = (['i', 'f', 'g', 'o'] as const).flatMap((g) => [
    ...w.lstm[g].U.flat(),
    ...w.lstm[g].V.flat(),
    ...w.lstm[g].b,
  ]);
  return [...new BigUint64Array(new Float64Array([...gates, ...w.dense.W.flat(), ...w.dense.b]).buffer)];
}

describe.concurrent('importing the PyTorch fixtures gives torch’s outputs and right pairs', () => {
  test.each(['f32', 'f64'])(
    "the notebook's model as %s: torch's outputs on fixed pairs, its count of all 16,384",
    async (label) => {
      const ref = torchReference(`notebook.${label}`);
      const out = join(tempDir(), 'notebook.json');
      const r = await cli(['import', torchFixture(`notebook.${label}`), '--out', out, '--json']);
      expect(r.code, r.stderr).toBe(0);
      const summary = JSON.parse(r.stdout);
      expect(summary).toMatchObject({
        layout: 'notebook',
        arch: 'vector',
        hiddenSize: 16,
        outputActivation: 'identity',
      });
      expect(summary.pairs.right).toBe(ref.right);
      expect(summary.pairs.wrong.map(({ a, b }: { a: number; b: number }) => a * 128 + b)).toEqual(
        ref.wrong.slice(0, 20),
      );
      expect(summary.proof).toMatchObject({ proven: false, method: 'enumeration' });
      const weights = readWeights(out);
      let worst = 0;
      (ref.pairs as [number, number][]).forEach(([a, b], k) => {
        const y = forward(weights, encodeVector(a, b)).outputs[1]!;
        y.forEach((value, j) => {
          worst = Math.max(worst, Math.abs(value - ref.outputs[k][j]));
        });
      });
      expect(worst).toBeLessThanOrEqual(label === 'f32' ? 1e-5 : 1e-9);
    },
  );

  test.each(['f32', 'f64'])(
    'nn.LSTM + nn.Linear (serial) as %s: torch’s outputs step by step, its right sums, a wrong sum',
    async (label) => {
      const ref = torchReference(`serial.${label}`);
      const out = join(tempDir(), 'serial.json');
      const r = await cli(['import', torchFixture(`serial.${label}`), '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      const lines = r.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe(
        `imported "serial.${label}.safetensors": torch layout, ${ref.dtype}, serial, H = 8, ` +
          "output sigmoid (the layout's)",
      );
      const wrong = /^not proven: "serial\.json" \(serial, H = 8\) is wrong on (\d+) \+ (\d+)/.exec(lines[1]!);
      expect(wrong, r.stdout).not.toBeNull();
      expect(lines.at(-1)).toBe(`wrote ${JSON.stringify(out)}`);
      const weights = readWeights(out);
      const adder = createAdder(weights);
      const [a, b] = [BigInt(wrong![1]!), BigInt(wrong![2]!)];
      expect(adder.add(a, b).sum).not.toBe(a + b);
      const cases = ref.cases as { a: string; b: string; right: boolean; outputs?: number[] }[];
      expect(cases.filter((c) => adder.add(c.a, c.b).correct)).toHaveLength(ref.right);
      let worst = 0;
      for (const c of cases.filter((c) => c.outputs)) {
        forward(weights, encodeSerial(BigInt(c.a), BigInt(c.b))).outputs.forEach((y, t) => {
          worst = Math.max(worst, Math.abs(y[0]! - c.outputs![t]!));
        });
      }
      expect(worst).toBeLessThanOrEqual(label === 'f32' ? 1e-5 : 1e-9);
    },
  );
});

describe.concurrent('export', () => {
  test.each(['serial', 'vector'])(
    'the shipped %s model: torch layout F64, imported back bit for bit and proven',
    async (arch) => {
      const dir = tempDir();
      const file = join(dir, `${arch}.safetensors`);
      const e = await cli(['export', shippedPath(arch), '--out', `${arch}.safetensors`], dir);
      expect(e.code, e.stderr).toBe(0);
      expect(e.stdout).toMatch(
        new RegExp(
          `^wrote "${arch}\\.safetensors": "${arch}\\.json" \\(${arch}, H = \\d+\\) ` +
            'in the torch layout as F64, \\d+ bytes\\n$',
        ),
      );
      const { tensors } = readSafetensors(new Uint8Array(readFileSync(file)));
      const H = shipped(arch).hiddenSize;
      const [I, O] = arch === 'vector' ? [8, 8] : [2, 1];
      expect(Object.fromEntries([...tensors].map(([name, t]) => [name, [t.dtype, ...t.shape]]))).toEqual({
        'lstm.weight_ih_l0': ['F64', 4 * H, I],
        'lstm.weight_hh_l0': ['F64', 4 * H, H],
        'lstm.bias_ih_l0': ['F64', 4 * H],
        'lstm.bias_hh_l0': ['F64', 4 * H],
        'linear.weight': ['F64', O, H],
        'linear.bias': ['F64', O],
      });
      expect(
        [...readSafetensors(new Uint8Array(readFileSync(file))).values('lstm.bias_hh_l0')].every((x) => x === 0),
      ).toBe(true);
      const out = join(dir, `${arch}.json`);
      const i = await cli(['import', file, '--out', out, '--json']);
      expect(i.code, i.stderr).toBe(0);
      expect(JSON.parse(i.stdout)).toMatchObject({ outputFrom: 'metadata', proof: { proven: true } });
      const back = readWeights(out);
      expect(bits(back)).toEqual(bits(shipped(arch)));
      expect(back).toEqual(shipped(arch));
    },
  );

  test('F32 rounds each weight; the notebook layout shifts a sigmoid model’s output bias by 0.5', async () => {
    const dir = tempDir();
    const f32 = join(dir, 'v32.safetensors');
    const nb = join(dir, 'nb.safetensors');
    expect((await cli(['export', shippedPath('vector'), '--out', f32, '--dtype', 'f32'])).code).toBe(0);
    const n = await cli(['export', shippedPath('vector'), '--out', nb, '--layout', 'notebook']);
    expect(n.code, n.stderr).toBe(0);
    expect(n.stdout).toMatch(/; the output bias \+ 0\.5, as the notebook reads raw outputs\n$/);
    const w = shipped('vector');
    const file = readSafetensors(new Uint8Array(readFileSync(f32)));
    expect(file.tensors.get('linear.bias')?.dtype).toBe('F32');
    expect([...file.values('linear.bias')]).toEqual(w.dense.b.map(Math.fround));
    const notebook = readSafetensors(new Uint8Array(readFileSync(nb)));
    expect([...notebook.tensors.keys()].sort()).toEqual(
      [
        'U_i',
        'V_i',
        'b_i',
        'U_f',
        'V_f',
        'b_f',
        'U_c',
        'V_c',
        'b_c',
        'U_o',
        'V_o',
        'b_o',
        'output_layer.weight',
        'output_layer.bias',
      ].sort(),
    );
    expect([...notebook.values('output_layer.bias')]).toEqual(w.dense.b.map((b) => b + 0.5));
    expect([...notebook.values('U_c')]).toEqual(w.lstm.g.U.flat());
    // Read back, the notebook export is the same adder: all 16,384 pairs right.
    const i = await cli(['import', nb, '--out', join(dir, 'nb.json'), '--json']);
    expect(JSON.parse(i.stdout)).toMatchObject({
      layout: 'notebook',
      outputActivation: 'identity',
      pairs: { right: 16384 },
    });
  });
});

describe.concurrent('the shipped models’ folder takes only proven models', () => {
  test('an inexact model is refused there (also through a symbolic link): exit 2, nothing written', async () => {
    const models = path('../../core/models');
    const before = readdirSync(models).sort();
    const r = await cli(
      ['import', torchFixture('serial.f32'), '--out', 'models/imported.json', '--seconds', '10'],
      path('../../core'),
    );
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(
      /^error: --out "models\/imported\.json": the shipped models are replaced only by proven ones/,
    );
    const dir = tempDir();
    symlinkSync(models, join(dir, 'link'));
    const linked = await cli(['import', torchFixture('notebook.f32'), '--out', 'link/vector.json'], dir);
    expect(linked.stderr).toMatch(/^error: --out "link\/vector\.json": the shipped models are replaced only by proven/);
    expect(linked.code, linked.stderr).toBe(2);
    expect(readdirSync(models).sort()).toEqual(before);
    expect(readFileSync(join(models, 'vector.json'), 'utf8')).toBe(readFileSync(shippedPath('vector'), 'utf8'));
  });

  test('an inexact model is imported anywhere else: exit 0', async () => {
    const out = join(tempDir(), 'models', 'vector.json');
    const r = await cli(['import', torchFixture('notebook.f32'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^imported .*\n[\d,]+ of 16,384 pairs right \(\d+\.\d\d%\); wrong: 0 \+ 0, /);
    expect(existsSync(out)).toBe(true);
  });
});

const tensor = (dtype: string, shape: number[], begin: number, end: number) => ({
  dtype,
  shape,
  data_offsets: [begin, end],
});

/** The shipped serial model's torch export with its tensors changed by `edit` (F32, no metadata). */
function torchTensors(edit: (t: Map<string, { shape: number[]; values: number[] }>) => void): Uint8Array {
  const file = readSafetensors(weightsToSafetensors(shipped('serial')));
  const tensors = new Map(
    [...file.tensors].map(([name, t]) => [name, { shape: t.shape, values: [...file.values(name)] }]),
  );
  edit(tensors);
  return writeSafetensors([...tensors].map(([name, t]) => ({ name, dtype: 'F32' as const, ...t })));
}

const exported = weightsToSafetensors(shipped('serial'));
const BAD_FILES: [string, () => Uint8Array | 'dir' | 'huge', RegExp][] = [
  ['a truncated file', () => exported.subarray(0, exported.length - 100), /data_offsets \[\d+, \d+\] are out of range/],
  [
    'a file cut in its header',
    () => exported.subarray(0, 40),
    /the header length \d+ is beyond the file \(32 bytes after/,
  ],
  [
    'a header length beyond the file',
    () => rawFile({}, [], 2 ** 60),
    /the header length 1152921504606846976 is beyond the file/,
  ],
  ['a header that is not JSON', () => rawFile('{"w": '), /the header is not JSON: "/],
  [
    'offsets out of range',
    () => rawFile({ w: tensor('F32', [4], 4, 20) }, new Array(16).fill(0)),
    /tensor "w": data_offsets \[4, 20\] are out of range/,
  ],
  [
    'overlapping offsets',
    () => rawFile({ a: tensor('F32', [3], 0, 12), b: tensor('F32', [2], 8, 16) }, new Array(16).fill(0)),
    /tensors "a" and "b" overlap/,
  ],
  [
    'an unknown dtype',
    () => rawFile({ a: tensor('I64', [1], 0, 8) }, new Array(8).fill(0)),
    /tensor "a": unknown dtype "I64"/,
  ],
  ['a missing tensor', () => torchTensors((t) => t.delete('lstm.bias_hh_l0')), /missing tensor "lstm\.bias_hh_l0"/],
  ['an extra tensor', () => torchTensors((t) => t.set('scale', { shape: [1], values: [1] })), /extra tensor "scale"/],
  [
    'a wrong shape',
    () => torchTensors((t) => t.set('linear.bias', { shape: [2], values: [0, 0] })),
    /tensor "linear\.bias" has shape \[2\], expected \[outputs\] = \[1\]/,
  ],
  [
    'two LSTMs',
    () => torchTensors((t) => t.set('rnn.weight_ih_l0', { shape: [12, 2], values: new Array(24).fill(0) })),
    /two LSTMs \("lstm\." and "rnn\."\)/,
  ],
  [
    'a control character in a tensor name',
    () => torchTensors((t) => t.set('evil\n\u202ename', { shape: [1], values: [1] })),
    /extra tensor "evil\\n\\u202ename"/,
  ],
  ['a directory', () => 'dir', /^error: FILE: "model\.safetensors" is not a file$/],
  ['a file over 64 MiB (not read)', () => 'huge', /is 67108865 bytes; at most 67108864 are read$/],
];

describe.concurrent('bad input: exit 2, one line, no file written', () => {
  test.each(BAD_FILES)('import, %s', async (_, make, message) => {
    const dir = tempDir();
    const file = join(dir, 'model.safetensors');
    const bytes = make();
    if (bytes === 'dir') mkdirSync(file);
    else if (bytes === 'huge') {
      writeFileSync(file, '');
      truncateSync(file, 64 * 1024 * 1024 + 1); // sparse: takes no room
    } else writeFileSync(file, bytes);
    const r = await cli(['import', 'model.safetensors', '--out', 'out.json'], dir);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^error: FILE: "[^\n]*\n$/);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir)).toEqual(['model.safetensors']);
  });

  test.each([
    [
      ['import', 'missing.safetensors', '--out', 'out.json'],
      /^error: FILE: cannot read "missing\.safetensors" \(ENOENT\)$/,
    ],
    [
      ['import', 'line\nbreak.safetensors', '--out', 'out.json'],
      /^error: FILE: cannot read "line\\nbreak\.safetensors" \(ENOENT\)$/,
    ],
    [
      ['import', 'serial.safetensors', '--out', 'out.json', '--output', 'relu'],
      /^error: --output: expected "identity" or "sigmoid", got "relu"$/,
    ],
    [['import', 'serial.safetensors'], /^error: required option '--out <file>' not specified/],
    [['import', 'serial.safetensors', '--out', '.'], /^error: --out ".": is a directory; give a file name$/],
    [
      ['import', 'serial.json', '--out', 'out.json'],
      /^error: FILE: "serial\.json": the header length \d+ is beyond the file/,
    ],
    [
      ['export', 'serial.json', '--out', 'out.safetensors', '--layout', 'keras'],
      /^error: --layout: expected "torch" or "notebook", got "keras"$/,
    ],
    [
      ['export', 'serial.json', '--out', 'out.safetensors', '--dtype', 'F16\u0007'],
      /^error: --dtype: expected "f64" or "f32", got "F16\\u0007"$/,
    ],
    [['export', 'serial.safetensors', '--out', 'out.safetensors'], /^error: FILE: "serial\.safetensors" is not JSON$/],
    [['export', 'missing.json', '--out', 'out.safetensors'], /^error: FILE: cannot read "missing\.json" \(ENOENT\)$/],
  ])('%j', async (args, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'serial.json'), readFileSync(shippedPath('serial')));
    writeFileSync(join(dir, 'serial.safetensors'), exported);
    const r = await cli(args, dir);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['serial.json', 'serial.safetensors']);
  });
});

test('export --dtype f32 refuses a weight beyond float32 (exit 2, one line, no file); f64 writes it', async () => {
  const dir = tempDir();
  const weights = JSON.parse(readFileSync(shippedPath('serial'), 'utf8'));
  weights.dense.b[0] = 1e39;
  writeFileSync(join(dir, 'big.json'), JSON.stringify(weights));
  const r = await cli(['export', 'big.json', '--out', 'big.safetensors', '--dtype', 'f32'], dir);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).toBe('error: --dtype: tensor "linear.bias": 1e+39 does not fit in F32 (write F64)\n');
  expect(readdirSync(dir)).toEqual(['big.json']);
  const f64 = await cli(['export', 'big.json', '--out', 'big.safetensors'], dir);
  expect(f64.code, f64.stderr).toBe(0);
  expect(readSafetensors(new Uint8Array(readFileSync(join(dir, 'big.safetensors')))).values('linear.bias')[0]).toBe(
    1e39,
  );
});
