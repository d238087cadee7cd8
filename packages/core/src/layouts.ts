// PyTorch's two layouts of this model, to and from the weights contract, as safetensors files.
// - torch: one torch.nn.LSTM (one layer, one direction, no projection) and one torch.nn.Linear, under any module
//   names: `P.weight_ih_l0` [4H, I] with row blocks i, f, g, o (so U = block.T), `P.weight_hh_l0` [4H, H],
//   `P.bias_ih_l0` + `P.bias_hh_l0` [4H] (summed), `Q.weight` [O, H], `Q.bias` [O]. Its output is a logit
//   (sigmoid) unless told otherwise.
// - notebook: the teaching notebook's cell, `U_*` [I, H] used as x @ U, `V_*` [H, H], `b_*` [H] for the gates
//   i, f, c (our g), o, and `output_layer.weight` [O, H], `output_layer.bias` [O]; no output activation.
// The arch follows from the sizes: 8 → H → 8 is the vector model, 2 → H → 1 the serial one.
import { GATES, type Arch, type Gate, type OutputActivation } from './arch.js';
import { quote } from './quote.js';
import {
  readSafetensors,
  SafetensorsError,
  writeSafetensors,
  type SafetensorsDtype,
  type SafetensorsFile,
  type TensorToWrite,
} from './safetensors.js';
import { parseWeights, WEIGHTS_FORMAT, WeightsError, type Weights } from './weights.js';

export const LAYOUTS = ['torch', 'notebook'] as const;
export type Layout = (typeof LAYOUTS)[number];

/** `__metadata__` keys core writes, so that its own exports read back exactly. */
export const SAFETENSORS_METADATA = {
  format: 'lstm-adder.format',
  arch: 'lstm-adder.arch',
  outputActivation: 'lstm-adder.outputActivation',
  meta: 'lstm-adder.meta',
} as const;

export interface ImportOptions {
  /** The output activation, where the file cannot say (default: the file's metadata, else the layout's). */
  output?: OutputActivation;
}

export interface ImportedModel {
  weights: Weights;
  layout: Layout;
  /** The dtypes of the tensors read, each once. */
  dtypes: SafetensorsDtype[];
  /** Where `weights.outputActivation` came from: the option, core's metadata in the file, or the layout. */
  outputFrom: 'option' | 'metadata' | 'layout';
}

export interface ExportOptions {
  /** `torch` (nn.LSTM + nn.Linear, keys `lstm.*` and `linear.*`; the default) or `notebook`. */
  layout?: Layout;
  /** `F64` (the default: a round trip is bit for bit) or `F32`. */
  dtype?: 'F64' | 'F32';
}

const fail = (message: string): never => {
  throw new SafetensorsError(message);
};

const dims = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/** The sizes the contract allows (parseWeights checks them again). */
const MAX_HIDDEN = 4096;
/** The notebook names the cell candidate gate `c`; the contract calls it `g`. */
const NOTEBOOK_GATE: Record<Gate, string> = { i: 'i', f: 'f', g: 'c', o: 'o' };

/** A prefix is a module path: empty, or ending in a dot. */
const modulePrefix = (prefix: string | undefined) => prefix !== undefined && (prefix === '' || prefix.endsWith('.'));

interface Reader {
  file: SafetensorsFile;
  /** The tensor's shape, after checking it is `want` (numbers, or undefined for a size not known yet). */
  shape(name: string, want: (number | undefined)[], meaning: string): number[];
  values(name: string): Float64Array;
  /** Fails naming the first tensor not read. */
  noneLeft(layout: string): void;
}

function reader(file: SafetensorsFile): Reader {
  const read = new Set<string>();
  return {
    file,
    shape(name, want, meaning) {
      const info = file.tensors.get(name);
      if (!info) return fail(`missing tensor ${quote(name)}`);
      read.add(name);
      const { shape } = info;
      const fits = shape.length === want.length && want.every((d, k) => d === undefined || d === shape[k]);
      if (!fits || shape.some((d) => d === 0)) {
        fail(`tensor ${quote(name)} has shape ${dims(shape)}, expected ${meaning}`);
      }
      return shape;
    },
    values(name) {
      const values = this.file.values(name);
      const bad = values.findIndex((x) => !Number.isFinite(x));
      if (bad >= 0)
        fail(`tensor ${quote(name)} holds ${values[bad]} at flat index ${bad}: every weight must be finite`);
      return values;
    },
    noneLeft(layout) {
      for (const name of file.tensors.keys()) {
        if (!read.has(name)) fail(`extra tensor ${quote(name)}: the ${layout} layout holds nothing else`);
      }
    },
  };
}

function archOf(I: number, H: number, O: number): Arch {
  if (H > MAX_HIDDEN) fail(`the hidden size ${H} is more than ${MAX_HIDDEN}, the weights contract's limit`);
  if (I === 8 && O === 8) return 'vector';
  if (I === 2 && O === 1) return 'serial';
  return fail(
    `an LSTM of ${I} inputs and ${O} outputs is neither the vector model (8 → H → 8) nor the serial one (2 → H → 1)`,
  );
}

/** A rows × cols matrix as the contract's arrays of rows, `pick(r, c)` giving each value. */
const matrix = (rows: number, cols: number, pick: (r: number, c: number) => number): number[][] =>
  Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => pick(r, c)));

interface Parts {
  I: number;
  H: number;
  O: number;
  lstm: Weights['lstm'];
  dense: Weights['dense'];
}

const TORCH_LSTM = /^(.*?)(weight|bias)_(ih|hh|hr)_l(\d+)(_reverse)?$/;

function readTorch(r: Reader): Parts {
  const lstms = new Set<string>();
  for (const name of r.file.tensors.keys()) {
    const m = TORCH_LSTM.exec(name);
    if (!m || !modulePrefix(m[1])) continue;
    lstms.add(m[1] as string);
    if (m[5]) fail(`tensor ${quote(name)} belongs to a bidirectional LSTM: core reads one direction`);
    if (m[3] === 'hr') fail(`tensor ${quote(name)} is an LSTM projection (proj_size): core reads LSTMs without one`);
    if (m[4] !== '0') fail(`tensor ${quote(name)} belongs to a second LSTM layer: core reads num_layers = 1`);
  }
  if (lstms.size > 1) fail(`two LSTMs (${[...lstms].map((p) => quote(p)).join(' and ')}): the torch layout has one`);
  const P = [...lstms][0] as string;
  const [G, I] = r.shape(`${P}weight_ih_l0`, [undefined, undefined], '[4H, inputs]') as [number, number];
  if (G % 4) fail(`tensor ${quote(`${P}weight_ih_l0`)} has ${G} rows, not 4H (the gates i, f, g, o)`);
  const H = G / 4;
  r.shape(`${P}weight_hh_l0`, [G, H], `[4H, H] = ${dims([G, H])}`);
  r.shape(`${P}bias_ih_l0`, [G], `[4H] = [${G}]`);
  r.shape(`${P}bias_hh_l0`, [G], `[4H] = [${G}]`);
  // The Linear: the one `Q.weight` left, with its `Q.bias`.
  const others = [...r.file.tensors.keys()].filter(
    (name) => name.endsWith('weight') && modulePrefix(name.slice(0, -'weight'.length)),
  );
  if (others.length === 0) fail(`missing the nn.Linear: no "<name>.weight" of shape [outputs, ${H}] beside the LSTM`);
  if (others.length > 1)
    fail(`two Linear layers (${others.map((n) => quote(n)).join(' and ')}): the torch layout has one`);
  const Q = (others[0] as string).slice(0, -'weight'.length);
  const [O] = r.shape(`${Q}weight`, [undefined, H], `[outputs, H] = [outputs, ${H}]`) as [number];
  r.shape(`${Q}bias`, [O], `[outputs] = [${O}]`);
  r.noneLeft('torch');
  archOf(I, H, O);
  const wih = r.values(`${P}weight_ih_l0`);
  const whh = r.values(`${P}weight_hh_l0`);
  const bih = r.values(`${P}bias_ih_l0`);
  const bhh = r.values(`${P}bias_hh_l0`);
  const lw = r.values(`${Q}weight`);
  const lb = r.values(`${Q}bias`);
  const gate = (g: number) => ({
    U: matrix(I, H, (k, u) => wih[(g * H + u) * I + k] as number),
    V: matrix(H, H, (j, u) => whh[(g * H + u) * H + j] as number),
    // b_ih itself where b_hh is 0 keeps a -0 (-0 + 0 is +0), so a round trip through our export is exact.
    b: Array.from({ length: H }, (_, u) => {
      const hh = bhh[g * H + u] as number;
      return hh === 0 ? (bih[g * H + u] as number) : (bih[g * H + u] as number) + hh;
    }),
  });
  return {
    I,
    H,
    O,
    lstm: { i: gate(0), f: gate(1), g: gate(2), o: gate(3) },
    dense: { W: matrix(H, O, (j, k) => lw[k * H + j] as number), b: Array.from(lb) },
  };
}

const NOTEBOOK_CELL = /^(.*?)([UVb])_([ifco])$/;

function readNotebook(r: Reader): Parts {
  const cells = new Set<string>();
  for (const name of r.file.tensors.keys()) {
    const m = NOTEBOOK_CELL.exec(name);
    if (m && modulePrefix(m[1])) cells.add(m[1] as string);
  }
  if (cells.size > 1) fail(`two LSTMs (${[...cells].map((p) => quote(p)).join(' and ')}): the notebook layout has one`);
  const P = [...cells][0] as string;
  const [I, H] = r.shape(`${P}U_i`, [undefined, undefined], '[inputs, H]') as [number, number];
  for (const gate of GATES) {
    const g = NOTEBOOK_GATE[gate];
    r.shape(`${P}U_${g}`, [I, H], `[inputs, H] = ${dims([I, H])}`);
    r.shape(`${P}V_${g}`, [H, H], `[H, H] = ${dims([H, H])}`);
    r.shape(`${P}b_${g}`, [H], `[H] = [${H}]`);
  }
  const [O] = r.shape(`${P}output_layer.weight`, [undefined, H], `[outputs, H] = [outputs, ${H}]`) as [number];
  r.shape(`${P}output_layer.bias`, [O], `[outputs] = [${O}]`);
  r.noneLeft('notebook');
  archOf(I, H, O);
  const gate = (g: string) => {
    const [U, V, b] = ['U', 'V', 'b'].map((m) => r.values(`${P}${m}_${g}`)) as [
      Float64Array,
      Float64Array,
      Float64Array,
    ];
    return {
      U: matrix(I, H, (k, u) => U[k * H + u] as number),
      V: matrix(H, H, (j, u) => V[j * H + u] as number),
      b: Array.from(b),
    };
  };
  const lw = r.values(`${P}output_layer.weight`);
  return {
    I,
    H,
    O,
    lstm: { i: gate('i'), f: gate('f'), g: gate('c'), o: gate('o') },
    dense: { W: matrix(H, O, (j, k) => lw[k * H + j] as number), b: Array.from(r.values(`${P}output_layer.bias`)) },
  };
}

function layoutOf(file: SafetensorsFile): Layout {
  let torch: string | undefined;
  let notebook: string | undefined;
  for (const name of file.tensors.keys()) {
    const t = TORCH_LSTM.exec(name);
    if (t && modulePrefix(t[1])) torch ??= name;
    const n = NOTEBOOK_CELL.exec(name);
    if (n && modulePrefix(n[1])) notebook ??= name;
  }
  if (torch && notebook) fail(`tensors of both layouts (${quote(torch)} and ${quote(notebook)}): a file holds one`);
  if (torch) return 'torch';
  if (notebook) return 'notebook';
  return fail(
    `no LSTM found: expected torch.nn.LSTM's "<name>.weight_ih_l0", … or the notebook's "U_i", "V_i", "b_i", …` +
      ` (${file.tensors.size} tensors in the file)`,
  );
}

function outputOf(
  file: SafetensorsFile,
  layout: Layout,
  option: OutputActivation | undefined,
): [OutputActivation, ImportedModel['outputFrom']] {
  if (option !== undefined) {
    if (option !== 'identity' && option !== 'sigmoid') fail(`output must be "identity" or "sigmoid", got ${option}`);
    return [option, 'option'];
  }
  const recorded = file.metadata[SAFETENSORS_METADATA.outputActivation];
  if (recorded !== undefined) {
    if (recorded !== 'identity' && recorded !== 'sigmoid') {
      fail(`__metadata__["${SAFETENSORS_METADATA.outputActivation}"] must be "identity" or "sigmoid"`);
    }
    return [recorded as OutputActivation, 'metadata'];
  }
  return [layout === 'torch' ? 'sigmoid' : 'identity', 'layout'];
}

function metaOf(file: SafetensorsFile): unknown {
  const text = file.metadata[SAFETENSORS_METADATA.meta];
  if (text === undefined) return {};
  try {
    return JSON.parse(text);
  } catch {
    return fail(`__metadata__["${SAFETENSORS_METADATA.meta}"] is not JSON`);
  }
}

/**
 * Reads a model from a safetensors file in either layout (found from the tensor names) and returns it as weights
 * of the contract, checked by parseWeights. Throws SafetensorsError, one line naming the problem: a bad file, a
 * missing or extra tensor, a wrong shape, two LSTMs, a projection, a second layer, a bidirectional LSTM, sizes that
 * are neither model. Only the layout's tensors are decoded, after every shape is checked.
 */
export function weightsFromSafetensors(bytes: Uint8Array, options: ImportOptions = {}): ImportedModel {
  const file = readSafetensors(bytes);
  const layout = layoutOf(file);
  const r = reader(file);
  const { I, H, O, lstm, dense } = layout === 'torch' ? readTorch(r) : readNotebook(r);
  const [outputActivation, outputFrom] = outputOf(file, layout, options.output);
  let weights: Weights;
  try {
    weights = parseWeights({
      format: WEIGHTS_FORMAT,
      arch: archOf(I, H, O),
      inputSize: I,
      hiddenSize: H,
      outputSize: O,
      outputActivation,
      lstm,
      dense,
      meta: metaOf(file),
    });
  } catch (error) {
    if (error instanceof WeightsError) fail(`__metadata__["${SAFETENSORS_METADATA.meta}"]: ${error.message}`);
    throw error;
  }
  const dtypes = [...new Set([...file.tensors.values()].map((t) => t.dtype))];
  return { weights, layout, dtypes, outputFrom };
}

/** The contract's arrays of rows, written as a row-major [rows, cols] tensor, or transposed ([cols, rows]). */
const flat = (m: number[][], transpose = false): number[] =>
  transpose ? (m[0] ?? []).flatMap((_, c) => m.map((row) => row[c] as number)) : m.flat();

/**
 * Writes weights as a safetensors file. `torch` (the default) uses the keys `lstm.weight_ih_l0`, `lstm.weight_hh_l0`,
 * `lstm.bias_ih_l0`, `lstm.bias_hh_l0` (zeros), `linear.weight` and `linear.bias`, so a module with
 * `lstm = nn.LSTM(I, H, batch_first=True)` and `linear = nn.Linear(H, O)` loads it with strict=True; `notebook`
 * writes the notebook's cell. The notebook's class has no output activation and reads a bit as output > 0.5, so a
 * sigmoid model is written there with its logit + 0.5 (every bit kept; the outputs are no longer probabilities).
 * `__metadata__` records the arch, the output activation and `meta` as JSON, so core reads its own exports back
 * exactly (F64: bit for bit).
 */
export function weightsToSafetensors(weights: Weights, options: ExportOptions = {}): Uint8Array {
  const { layout = 'torch', dtype = 'F64' } = options;
  if (!(LAYOUTS as readonly string[]).includes(layout)) fail(`layout must be "torch" or "notebook", got ${layout}`);
  if (dtype !== 'F64' && dtype !== 'F32') fail(`dtype must be "F64" or "F32", got ${dtype}`);
  // Whatever the caller built, only contract weights are written (WeightsError otherwise).
  const checked = parseWeights(weights);
  const { inputSize: I, hiddenSize: H, outputSize: O, lstm, dense, meta } = checked;
  const tensor = (name: string, shape: number[], values: number[]): TensorToWrite => ({ name, dtype, shape, values });
  let tensors: TensorToWrite[];
  let outputActivation = checked.outputActivation;
  if (layout === 'torch') {
    tensors = [
      tensor(
        'lstm.weight_ih_l0',
        [4 * H, I],
        GATES.flatMap((g) => flat(lstm[g].U, true)),
      ),
      tensor(
        'lstm.weight_hh_l0',
        [4 * H, H],
        GATES.flatMap((g) => flat(lstm[g].V, true)),
      ),
      tensor(
        'lstm.bias_ih_l0',
        [4 * H],
        GATES.flatMap((g) => lstm[g].b),
      ),
      tensor('lstm.bias_hh_l0', [4 * H], new Array<number>(4 * H).fill(0)),
      tensor('linear.weight', [O, H], flat(dense.W, true)),
      tensor('linear.bias', [O], dense.b),
    ];
  } else {
    tensors = GATES.flatMap((gate) => {
      const g = NOTEBOOK_GATE[gate];
      return [
        tensor(`U_${g}`, [I, H], flat(lstm[gate].U)),
        tensor(`V_${g}`, [H, H], flat(lstm[gate].V)),
        tensor(`b_${g}`, [H], lstm[gate].b),
      ];
    });
    const shift = outputActivation === 'sigmoid' ? 0.5 : 0;
    outputActivation = 'identity';
    tensors.push(
      tensor('output_layer.weight', [O, H], flat(dense.W, true)),
      tensor(
        'output_layer.bias',
        [O],
        dense.b.map((b) => b + shift),
      ),
    );
  }
  const metadata: Record<string, string> = {
    [SAFETENSORS_METADATA.format]: WEIGHTS_FORMAT,
    [SAFETENSORS_METADATA.arch]: checked.arch,
    [SAFETENSORS_METADATA.outputActivation]: outputActivation,
  };
  if (Object.keys(meta).length) metadata[SAFETENSORS_METADATA.meta] = JSON.stringify(meta);
  return writeSafetensors(tensors, metadata);
}
