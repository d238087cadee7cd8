// The weights contract `lstm-adder.weights/v1`: its types, and the one function that admits a file into the program.
import * as v from 'valibot';
import { ARCH_SIZES, ARCHS, GATES, OUTPUT_ACTIVATIONS, type Arch, type Gate, type OutputActivation } from './arch.js';
import { describe, formatIssuePath, got } from './issues.js';
import { ModelMetaSchema, type ModelMeta } from './meta.js';
import { objectOf } from './object-schema.js';

export const WEIGHTS_FORMAT = 'lstm-adder.weights/v1';

export interface GateParams {
  /** I×H input weights. */
  U: number[][];
  /** H×H recurrent weights. */
  V: number[][];
  /** H biases. */
  b: number[];
}

export interface Weights {
  format: typeof WEIGHTS_FORMAT;
  arch: Arch;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  outputActivation: OutputActivation;
  lstm: Record<Gate, GateParams>;
  /** W is H×O, b is O. */
  dense: { W: number[][]; b: number[] };
  /** What the trainer recorded: training config, history, verification (every key optional, unknown keys kept). */
  meta: ModelMeta;
}

/** A weights file that does not meet the contract; `path` names the bad field, e.g. `lstm.f.V[3]`. */
export class WeightsError extends Error {
  override readonly name = 'WeightsError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
  }
}

// The schema checks the header and that each matrix is an array; shapes, then every number, are checked by hand
// after it, so a huge or misshapen array fails on its length before anything walks its elements.
const rows = v.custom<unknown[]>(Array.isArray, (issue) => `expected an array of rows, ${got(issue)}`);
const numbers = v.custom<unknown[]>(Array.isArray, (issue) => `expected an array of numbers, ${got(issue)}`);
const size = v.pipe(
  v.number((issue) => `expected a positive integer, ${got(issue)}`),
  v.integer((issue) => `expected a positive integer, ${got(issue)}`),
  v.minValue(1, (issue) => `expected a positive integer, ${got(issue)}`),
  v.maxValue(4096, (issue) => `expected at most 4096, ${got(issue)}`),
);
const gate = objectOf({ U: rows, V: rows, b: numbers });

const WeightsSchema = objectOf({
  format: v.literal(WEIGHTS_FORMAT, (issue) => `expected "${WEIGHTS_FORMAT}", ${got(issue)}`),
  arch: v.picklist(ARCHS, (issue) => `expected "vector" or "serial", ${got(issue)}`),
  inputSize: size,
  hiddenSize: size,
  outputSize: size,
  outputActivation: v.picklist(OUTPUT_ACTIVATIONS, (issue) => `expected "identity" or "sigmoid", ${got(issue)}`),
  lstm: objectOf({ i: gate, f: gate, g: gate, o: gate }),
  dense: objectOf({ W: rows, b: numbers }),
  meta: v.optional(ModelMetaSchema, {}),
});

/** One parameter array of the contract: a vector of `cols` numbers, or (with `rows`) a rows×cols matrix. */
interface Param {
  path: string;
  value: unknown[];
  rows?: number;
  cols: number;
}

function checkVectorShape(path: string, value: unknown, length: number): asserts value is unknown[] {
  if (!Array.isArray(value)) throw new WeightsError(path, `expected an array of numbers, got ${describe(value)}`);
  if (value.length !== length) throw new WeightsError(path, `expected ${length} numbers, got ${value.length}`);
}

function checkShape({ path, value, rows, cols }: Param): void {
  if (rows === undefined) {
    checkVectorShape(path, value, cols);
    return;
  }
  if (value.length !== rows) throw new WeightsError(path, `expected ${rows} rows, got ${value.length}`);
  for (let r = 0; r < rows; r++) checkVectorShape(`${path}[${r}]`, value[r], cols);
}

function checkFinite(path: string, values: unknown[]): void {
  for (let k = 0; k < values.length; k++) {
    const x = values[k];
    if (typeof x === 'number' && Number.isFinite(x)) continue;
    const problem =
      typeof x === 'number' && !Number.isNaN(x)
        ? `expected a finite number, got ${x}`
        : `expected a number, got ${describe(x)}`;
    throw new WeightsError(`${path}[${k}]`, problem);
  }
}

function checkNumbers({ path, value, rows }: Param): void {
  if (rows === undefined) {
    checkFinite(path, value);
    return;
  }
  for (let r = 0; r < rows; r++) checkFinite(`${path}[${r}]`, value[r] as unknown[]);
}

/**
 * Validates anything (parsed JSON, usually) against the weights contract and returns typed weights.
 * Throws WeightsError naming the first bad field: tag, arch, sizes, meta, every matrix shape, then every number finite.
 * `meta` is bounded before it is walked (META_LIMITS: at most 10,000 history entries, 250,000 values, 1,000,000
 * characters of text, 32 levels), so the work is bounded too. Messages quote at most 40 characters of a bad value.
 */
export function parseWeights(json: unknown): Weights {
  if (typeof json === 'string') {
    throw new WeightsError(
      '',
      `expected the weights object, got a string (${json.length} characters): to read JSON text, pass JSON.parse(text)`,
    );
  }
  const result = v.safeParse(WeightsSchema, json, { abortEarly: true });
  if (!result.success) {
    const issue = result.issues[0];
    throw new WeightsError(formatIssuePath(issue.path), issue.message);
  }
  const w = result.output;
  const fixed = ARCH_SIZES[w.arch];
  for (const key of ['inputSize', 'outputSize'] as const) {
    if (w[key] !== fixed[key]) throw new WeightsError(key, `arch "${w.arch}" needs ${fixed[key]}, got ${w[key]}`);
  }
  const { inputSize: I, hiddenSize: H, outputSize: O } = w;
  const params: Param[] = GATES.flatMap((g) => [
    { path: `lstm.${g}.U`, value: w.lstm[g].U, rows: I, cols: H },
    { path: `lstm.${g}.V`, value: w.lstm[g].V, rows: H, cols: H },
    { path: `lstm.${g}.b`, value: w.lstm[g].b, cols: H },
  ]);
  params.push({ path: 'dense.W', value: w.dense.W, rows: H, cols: O }, { path: 'dense.b', value: w.dense.b, cols: O });
  params.forEach(checkShape);
  params.forEach(checkNumbers);
  // Every array now has its declared shape and holds finite numbers only.
  return w as Weights;
}

/** Number of trainable parameters: four gates of (I + H + 1)·H, plus the dense layer's (H + 1)·O. */
export function parameterCount(w: Weights): number {
  return 4 * (w.inputSize + w.hiddenSize + 1) * w.hiddenSize + (w.hiddenSize + 1) * w.outputSize;
}

/** What a model is, without its numbers: the API's and the page's description of it starts here. */
export interface ModelShape {
  arch: Weights['arch'];
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  outputActivation: Weights['outputActivation'];
  parameters: number;
}

export function modelShape(w: Weights): ModelShape {
  const { arch, inputSize, hiddenSize, outputSize, outputActivation } = w;
  return { arch, inputSize, hiddenSize, outputSize, outputActivation, parameters: parameterCount(w) };
}
