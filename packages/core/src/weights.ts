// The weights contract `lstm-adder.weights/v1`: its types, and the one function that admits a file into the program.
import * as v from 'valibot';
import { ARCH_SIZES, ARCHS, GATES, OUTPUT_ACTIVATIONS, type Arch, type Gate, type OutputActivation } from './arch.js';
import { formatIssuePath, got } from './issues.js';
import { ModelMetaSchema, type ModelMeta } from './meta.js';

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

const finiteNumber = v.pipe(
  v.number((issue) => `expected a number, ${got(issue)}`),
  v.finite((issue) => `expected a finite number, ${got(issue)}`),
);
const vector = v.array(finiteNumber, (issue) => `expected an array of numbers, ${got(issue)}`);
const matrix = v.array(vector, (issue) => `expected an array of rows, ${got(issue)}`);
const size = v.pipe(
  v.number((issue) => `expected a positive integer, ${got(issue)}`),
  v.integer((issue) => `expected a positive integer, ${got(issue)}`),
  v.minValue(1, (issue) => `expected a positive integer, ${got(issue)}`),
  v.maxValue(4096, (issue) => `expected at most 4096, ${got(issue)}`),
);
const objectOf = <T extends v.ObjectEntries>(entries: T) =>
  v.object(entries, (issue) => `expected an object, ${got(issue)}`);
const gate = objectOf({ U: matrix, V: matrix, b: vector });

const WeightsSchema = objectOf({
  format: v.literal(WEIGHTS_FORMAT, (issue) => `expected "${WEIGHTS_FORMAT}", ${got(issue)}`),
  arch: v.picklist(ARCHS, (issue) => `expected "vector" or "serial", ${got(issue)}`),
  inputSize: size,
  hiddenSize: size,
  outputSize: size,
  outputActivation: v.picklist(OUTPUT_ACTIVATIONS, (issue) => `expected "identity" or "sigmoid", ${got(issue)}`),
  lstm: objectOf({ i: gate, f: gate, g: gate, o: gate }),
  dense: objectOf({ W: matrix, b: vector }),
  meta: v.optional(ModelMetaSchema, {}),
});

function checkVector(path: string, value: number[], length: number): void {
  if (value.length !== length) throw new WeightsError(path, `expected ${length} numbers, got ${value.length}`);
}

function checkMatrix(path: string, value: number[][], rows: number, cols: number): void {
  if (value.length !== rows) throw new WeightsError(path, `expected ${rows} rows, got ${value.length}`);
  value.forEach((row, r) => checkVector(`${path}[${r}]`, row, cols));
}

/**
 * Validates anything (parsed JSON, usually) against the weights contract and returns typed weights.
 * Throws WeightsError naming the first bad field: tag, arch, sizes, every matrix shape, every number finite.
 */
export function parseWeights(json: unknown): Weights {
  const result = v.safeParse(WeightsSchema, json, { abortEarly: true });
  if (!result.success) {
    const issue = result.issues[0];
    throw new WeightsError(formatIssuePath(issue.path), issue.message);
  }
  const w = result.output as Weights;
  const fixed = ARCH_SIZES[w.arch];
  for (const key of ['inputSize', 'outputSize'] as const) {
    if (w[key] !== fixed[key]) throw new WeightsError(key, `arch "${w.arch}" needs ${fixed[key]}, got ${w[key]}`);
  }
  const { inputSize: I, hiddenSize: H, outputSize: O } = w;
  for (const g of GATES) {
    checkMatrix(`lstm.${g}.U`, w.lstm[g].U, I, H);
    checkMatrix(`lstm.${g}.V`, w.lstm[g].V, H, H);
    checkVector(`lstm.${g}.b`, w.lstm[g].b, H);
  }
  checkMatrix('dense.W', w.dense.W, H, O);
  checkVector('dense.b', w.dense.b, O);
  return w;
}

/** Number of trainable parameters: four gates of (I + H + 1)·H, plus the dense layer's (H + 1)·O. */
export function parameterCount(w: Weights): number {
  return 4 * (w.inputSize + w.hiddenSize + 1) * w.hiddenSize + (w.hiddenSize + 1) * w.outputSize;
}
