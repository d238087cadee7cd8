// PyTorch models in both layouts, made by test/fixtures/torch/make.py (the tests need no Python): core's import
// computes torch's outputs and gets torch's pairs right; every layout it cannot read is refused in one line; an
// export reads back bit for bit.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  SafetensorsError,
  createAdder,
  encodeSerial,
  encodeVector,
  evaluateAllPairs,
  forward,
  parseWeights,
  readSafetensors,
  weightsFromSafetensors,
  weightsToSafetensors,
  writeSafetensors,
  type ImportOptions,
  type TensorToWrite,
  type Weights,
} from '../src/index.js';
import { vectorWeightsJson } from './fixtures.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const torchFile = (name: string) => new Uint8Array(readFileSync(here(`./fixtures/torch/${name}.safetensors`)));
const torchReference = (name: string) => JSON.parse(readFileSync(here(`./fixtures/torch/${name}.json`), 'utf8'));
const shipped = (arch: string) => parseWeights(JSON.parse(readFileSync(here(`../models/${arch}.json`), 'utf8')));

interface VectorReference {
  dtype: string;
  tolerance: number;
  pairs: [number, number][];
  outputs: number[][];
  right: number;
  wrong: number[];
}

interface SerialReference {
  dtype: string;
  tolerance: number;
  cases: { a: string; b: string; right: boolean; outputs?: number[] }[];
  right: number;
}

describe.each(['f32', 'f64', 'bf16'])('the notebook’s model as %s safetensors', (label) => {
  const ref = torchReference(`notebook.${label}`) as VectorReference;
  const imported = weightsFromSafetensors(torchFile(`notebook.${label}`));
  const { weights } = imported;

  it('reads as a vector model with the raw outputs the notebook reads', () => {
    expect(imported).toMatchObject({ layout: 'notebook', dtypes: [ref.dtype], outputFrom: 'layout' });
    expect(weights).toMatchObject({ arch: 'vector', hiddenSize: 16, outputActivation: 'identity', meta: {} });
  });

  it(`gives torch's outputs on fixed pairs`, () => {
    let worst = 0;
    ref.pairs.forEach(([a, b], k) => {
      const y = forward(weights, encodeVector(a, b)).outputs[1]!;
      ref.outputs[k]!.forEach((want, j) => {
        worst = Math.max(worst, Math.abs(y[j]! - want));
      });
    });
    expect(worst).toBeLessThanOrEqual(ref.tolerance);
  });

  it(`gets exactly torch's pairs right out of all 16,384`, () => {
    const result = evaluateAllPairs(createAdder(weights));
    expect(result.correct).toBe(ref.right);
    expect(result.wrong.map(({ a, b }) => a * 128 + b)).toEqual(ref.wrong);
  });
});

describe.each(['f32', 'f64', 'f16'])('torch.nn.LSTM + nn.Linear (serial) as %s safetensors', (label) => {
  const ref = torchReference(`serial.${label}`) as SerialReference;
  const imported = weightsFromSafetensors(torchFile(`serial.${label}`));
  const { weights } = imported;

  it('reads as a serial model whose logit goes through σ, under any module names', () => {
    expect(readSafetensors(torchFile(`serial.${label}`)).tensors.has('rnn.weight_ih_l0')).toBe(true);
    expect(imported).toMatchObject({ layout: 'torch', dtypes: [ref.dtype], outputFrom: 'layout' });
    expect(weights).toMatchObject({ arch: 'serial', hiddenSize: 8, outputActivation: 'sigmoid' });
  });

  it(`gives torch's outputs step by step`, () => {
    let worst = 0;
    let compared = 0;
    for (const { a, b, outputs } of ref.cases) {
      if (!outputs) continue;
      const ys = forward(weights, encodeSerial(BigInt(a), BigInt(b))).outputs;
      expect(ys).toHaveLength(outputs.length);
      outputs.forEach((want, t) => {
        worst = Math.max(worst, Math.abs(ys[t]![0]! - want));
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(400);
    expect(worst).toBeLessThanOrEqual(ref.tolerance);
  });

  it(`gets exactly torch's sums right`, () => {
    const adder = createAdder(weights);
    const right = ref.cases.map(({ a, b }) => adder.add(a, b).correct);
    expect(right).toEqual(ref.cases.map((c) => c.right));
    expect(right.filter(Boolean)).toHaveLength(ref.right);
  });
});

describe('the output activation', () => {
  it('is the option when given, else what core recorded, else the layout’s', () => {
    const serial = torchFile('serial.f64');
    expect(weightsFromSafetensors(serial, { output: 'identity' })).toMatchObject({
      outputFrom: 'option',
      weights: { outputActivation: 'identity' },
    });
    const identity = parseWeights(vectorWeightsJson());
    const exported = weightsToSafetensors(identity);
    expect(weightsFromSafetensors(exported)).toMatchObject({
      outputFrom: 'metadata',
      weights: { outputActivation: 'identity' },
    });
    expect(() => weightsFromSafetensors(serial, { output: 'relu' } as unknown as ImportOptions)).toThrow(
      'output must be "identity" or "sigmoid", got relu',
    );
  });
});

/** The tensors of a file as writeSafetensors takes them (F64), to be changed and written again. */
function tensorsOf(bytes: Uint8Array): TensorToWrite[] {
  const file = readSafetensors(bytes);
  return [...file.tensors].map(([name, { shape }]) => ({
    name,
    dtype: 'F64',
    shape,
    values: Array.from(file.values(name)),
  }));
}

/** The one-line SafetensorsError importing `tensors` throws. */
function refusal(tensors: TensorToWrite[], metadata: Record<string, string> = {}): string {
  try {
    weightsFromSafetensors(writeSafetensors(tensors, metadata));
  } catch (error) {
    expect(error).toBeInstanceOf(SafetensorsError);
    expect((error as Error).message).not.toContain('\n');
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
}

const zeros = (name: string, shape: number[]): TensorToWrite => ({
  name,
  dtype: 'F64',
  shape,
  values: new Array(shape.reduce((n, d) => n * d, 1)).fill(0),
});

describe('the torch layout refuses, naming the tensor', () => {
  const torch = tensorsOf(torchFile('serial.f64')); // rnn.* [32, 2], [32, 8], [32], [32]; head.* [1, 8], [1]
  const without = (name: string) => torch.filter((t) => t.name !== name);

  it('a missing tensor, an extra one, a missing Linear', () => {
    expect(refusal(without('head.bias'))).toBe('missing tensor "head.bias"');
    expect(refusal(without('rnn.bias_hh_l0'))).toBe('missing tensor "rnn.bias_hh_l0"');
    expect(refusal([...torch, zeros('step', [])])).toBe('extra tensor "step": the torch layout holds nothing else');
    expect(refusal(without('head.weight'))).toMatch(
      /^missing the nn.Linear: no "<name>.weight" of shape \[outputs, 8\]/,
    );
  });

  it('a wrong shape', () => {
    const swapped = torch.map((t) => (t.name === 'rnn.weight_hh_l0' ? zeros(t.name, [32, 9]) : t));
    expect(refusal(swapped)).toBe('tensor "rnn.weight_hh_l0" has shape [32, 9], expected [4H, H] = [32, 8]');
    const ragged = torch.map((t) => (t.name === 'rnn.weight_ih_l0' ? zeros(t.name, [30, 2]) : t));
    expect(refusal(ragged)).toBe('tensor "rnn.weight_ih_l0" has 30 rows, not 4H (the gates i, f, g, o)');
    const wide = torch.map((t) => (t.name === 'head.weight' ? zeros(t.name, [2, 8]) : t));
    expect(refusal(wide)).toBe('tensor "head.bias" has shape [1], expected [outputs] = [2]');
  });

  it('two LSTMs, two Linears, a projection, a second layer, a bidirectional LSTM', () => {
    const second = torch
      .filter((t) => t.name.startsWith('rnn.'))
      .map((t) => ({ ...t, name: `rnn2.${t.name.slice(4)}` }));
    expect(refusal([...torch, ...second])).toBe('two LSTMs ("rnn." and "rnn2."): the torch layout has one');
    expect(refusal([...torch, zeros('out.weight', [1, 8]), zeros('out.bias', [1])])).toBe(
      'two Linear layers ("head.weight" and "out.weight"): the torch layout has one',
    );
    expect(refusal([...torch, zeros('rnn.weight_hr_l0', [4, 8])])).toBe(
      'tensor "rnn.weight_hr_l0" is an LSTM projection (proj_size): core reads LSTMs without one',
    );
    expect(refusal([...torch, zeros('rnn.weight_ih_l1', [32, 8])])).toBe(
      'tensor "rnn.weight_ih_l1" belongs to a second LSTM layer: core reads num_layers = 1',
    );
    expect(refusal([...torch, zeros('rnn.weight_ih_l0_reverse', [32, 2])])).toBe(
      'tensor "rnn.weight_ih_l0_reverse" belongs to a bidirectional LSTM: core reads one direction',
    );
  });

  it('sizes that are neither model, a non-finite weight, bad metadata', () => {
    const three = torch.map((t) => (t.name === 'rnn.weight_ih_l0' ? zeros(t.name, [32, 3]) : t));
    expect(refusal(three)).toBe(
      'an LSTM of 3 inputs and 1 outputs is neither the vector model (8 → H → 8) nor the serial one (2 → H → 1)',
    );
    const nan = torch.map((t) => (t.name === 'head.bias' ? { ...t, values: [Number.NaN] } : t));
    expect(refusal(nan)).toBe('tensor "head.bias" holds NaN at flat index 0: every weight must be finite');
    expect(refusal(torch, { 'lstm-adder.outputActivation': 'tanh' })).toBe(
      '__metadata__["lstm-adder.outputActivation"] must be "identity" or "sigmoid"',
    );
    expect(refusal(torch, { 'lstm-adder.meta': '{' })).toBe('__metadata__["lstm-adder.meta"] is not JSON');
    expect(refusal(torch, { 'lstm-adder.meta': '{"digits": 2.5}' })).toBe(
      '__metadata__["lstm-adder.meta"]: meta.digits: expected an integer, got 2.5',
    );
  });

  it('a file with no LSTM, or with both layouts', () => {
    expect(refusal([zeros('linear.weight', [1, 8])])).toMatch(/^no LSTM found: expected torch.nn.LSTM's/);
    expect(refusal([])).toMatch(/\(0 tensors in the file\)$/);
    expect(refusal([...torch, zeros('U_i', [2, 8])])).toMatch(
      /^tensors of both layouts \("rnn\.\w+_l0" and "U_i"\): a file holds one$/,
    );
  });
});

describe('the notebook layout refuses, naming the tensor', () => {
  const notebook = tensorsOf(torchFile('notebook.f64'));

  it('a missing or extra tensor, a wrong shape, two cells', () => {
    expect(refusal(notebook.filter((t) => t.name !== 'V_c'))).toBe('missing tensor "V_c"');
    expect(refusal(notebook.filter((t) => t.name !== 'output_layer.bias'))).toBe('missing tensor "output_layer.bias"');
    expect(refusal([...notebook, zeros('h0', [16])])).toBe('extra tensor "h0": the notebook layout holds nothing else');
    const bad = notebook.map((t) => (t.name === 'b_o' ? zeros('b_o', [15]) : t));
    expect(refusal(bad)).toBe('tensor "b_o" has shape [15], expected [H] = [16]');
    const nested = notebook.map((t) => ({ ...t, name: `cell.${t.name}` }));
    expect(weightsFromSafetensors(writeSafetensors(nested)).weights.hiddenSize).toBe(16);
    expect(refusal([...notebook, ...nested])).toBe('two LSTMs ("" and "cell."): the notebook layout has one');
  });
});

/** Every number of the weights, in order, so -0 and +0 tell apart (toEqual treats them as equal). */
const numbers = (w: Weights) => [
  ...['i', 'f', 'g', 'o'].flatMap((g) => {
    const gate = w.lstm[g as 'i'];
    return [...gate.U.flat(), ...gate.V.flat(), ...gate.b];
  }),
  ...w.dense.W.flat(),
  ...w.dense.b,
];

describe('an export', () => {
  it('reads back bit for bit in F64, meta and all, in the torch layout (the default)', () => {
    for (const weights of [shipped('vector'), shipped('serial'), parseWeights(vectorWeightsJson())]) {
      const back = weightsFromSafetensors(weightsToSafetensors(weights));
      expect(back.layout).toBe('torch');
      expect(back.weights).toEqual(weights);
      const want = numbers(weights);
      expect(numbers(back.weights).every((x, k) => Object.is(x, want[k]))).toBe(true);
    }
    const negativeZero = structuredClone(shipped('serial'));
    negativeZero.lstm.f.b[1] = -0;
    const back = weightsFromSafetensors(weightsToSafetensors(negativeZero)).weights;
    expect(Object.is(back.lstm.f.b[1], -0)).toBe(true);
  });

  it('writes the keys nn.LSTM + nn.Linear load with strict=True, the LSTM bias in bias_ih_l0', () => {
    const file = readSafetensors(weightsToSafetensors(shipped('serial')));
    expect([...file.tensors].map(([name, t]) => `${name} ${t.dtype} [${t.shape}]`)).toEqual([
      'lstm.weight_ih_l0 F64 [12,2]',
      'lstm.weight_hh_l0 F64 [12,3]',
      'lstm.bias_ih_l0 F64 [12]',
      'lstm.bias_hh_l0 F64 [12]',
      'linear.weight F64 [1,3]',
      'linear.bias F64 [1]',
    ]);
    expect(Array.from(file.values('lstm.bias_hh_l0'))).toEqual(new Array(12).fill(0));
    const w = shipped('serial');
    // Row block g of weight_ih is U_g transposed: row H + 2 (gate f, unit 2), column 1 (input b).
    expect(file.values('lstm.weight_ih_l0')[(3 + 2) * 2 + 1]).toBe(w.lstm.f.U[1]![2]);
    expect(file.metadata).toMatchObject({ 'lstm-adder.arch': 'serial', 'lstm-adder.outputActivation': 'sigmoid' });
  });

  it('reads back exactly in the notebook layout for a model without output activation', () => {
    const weights = parseWeights(vectorWeightsJson());
    const bytes = weightsToSafetensors(weights, { layout: 'notebook' });
    expect([...readSafetensors(bytes).tensors.keys()]).toEqual([
      ...['i', 'f', 'c', 'o'].flatMap((g) => [`U_${g}`, `V_${g}`, `b_${g}`]),
      'output_layer.weight',
      'output_layer.bias',
    ]);
    const back = weightsFromSafetensors(bytes);
    expect(back.layout).toBe('notebook');
    expect(back.weights).toEqual(weights);
  });

  it('keeps every bit of a sigmoid model in the notebook layout, its logit moved by 0.5', () => {
    const weights = shipped('vector');
    const back = weightsFromSafetensors(weightsToSafetensors(weights, { layout: 'notebook' })).weights;
    expect(back.outputActivation).toBe('identity');
    expect(back.dense.b).toEqual(weights.dense.b.map((b) => b + 0.5));
    const [original, moved] = [createAdder(weights), createAdder(back)];
    const bits = (adder: typeof original) =>
      Array.from({ length: 128 * 128 }, (_, k) => adder.add(k >> 7, k & 127).bits);
    expect(bits(moved)).toEqual(bits(original));
  });

  it('rounds to float32 in F32, and refuses what is not contract weights', () => {
    const weights = shipped('serial');
    const back = weightsFromSafetensors(weightsToSafetensors(weights, { dtype: 'F32' }));
    expect(back.dtypes).toEqual(['F32']);
    expect(numbers(back.weights)).toEqual(numbers(weights).map(Math.fround));
    expect(() => weightsToSafetensors({ ...weights, hiddenSize: 4 })).toThrow(/lstm.i.U\[0\]: expected 4 numbers/);
    expect(() => weightsToSafetensors(weights, { layout: 'keras' as 'torch' })).toThrow(
      'layout must be "torch" or "notebook", got keras',
    );
  });
});
