// The two adders the API serves, which one answers when the caller does not say, and the JSON it answers with.
import {
  createAdder,
  encodeSerial,
  encodeVector,
  formatResult,
  parseWeights,
  VECTOR_MAX_OPERAND,
  weightsFingerprint,
  type Adder,
  type AddResultJson,
  type Arch,
} from '@lstm-adder/core';

export const MODEL_NAMES = ['vector', 'serial'] as const satisfies readonly Arch[];
export type ModelName = (typeof MODEL_NAMES)[number];

export interface Model {
  readonly adder: Adder;
  /** core's weightsFingerprint: changes exactly when the weights do, so it keys the ETag. */
  readonly fingerprint: string;
}

export type Models = Record<ModelName, Model>;

/** Validates weights JSON with core's parser (throws WeightsError naming the bad field) and builds the adders. */
export function loadModels(json: Record<ModelName, unknown>): Models {
  const load = (name: ModelName): Model => {
    const weights = parseWeights(json[name]);
    if (weights.arch !== name) throw new Error(`${name} model: weights have arch "${weights.arch}", expected "${name}"`);
    return { adder: createAdder(weights), fingerprint: weightsFingerprint(weights) };
  };
  return { vector: load('vector'), serial: load('serial') };
}

/** Whether a digit string (already checked) is one the vector model can add. */
export function fitsVector(digits: string): boolean {
  const significant = digits.replace(/^0+(?=.)/, '');
  return significant.length <= 3 && Number(significant) <= VECTOR_MAX_OPERAND;
}

/** The notebook's model answers what it can (both operands 0..127); the bit-serial one everything else. */
export const defaultModel = (a: string, b: string): ModelName => (fitsVector(a) && fitsVector(b) ? 'vector' : 'serial');

export interface TraceStep {
  /** The step's input: [bits8(a)] then [bits8(b)] for vector (MSB first); [a_t, b_t] LSB first for serial. */
  x: number[];
  i: number[];
  f: number[];
  g: number[];
  o: number[];
  c: number[];
  h: number[];
  /** The output after this step (8 values for vector, 1 for serial). */
  y: number[];
}

/** core's formatResult (decimal strings, bits, margin, correct), the model that answered, and the trace if asked for. */
export interface AddAnswer extends AddResultJson {
  model: ModelName;
  trace?: TraceStep[];
}

/** Adds a + b with the named model: the answer as the API writes it. */
export function answer(models: Models, model: ModelName, a: string, b: string, trace = false): AddAnswer {
  const result = models[model].adder.add(a, b, { trace });
  const out: AddAnswer = { ...formatResult(result), model };
  if (result.trace) {
    const inputs = model === 'vector' ? encodeVector(Number(result.a), Number(result.b)) : encodeSerial(result.a, result.b);
    out.trace = result.trace.map(({ i, f, g, o, c, h, y }, t) => ({
      x: inputs[t] ?? [],
      i: Array.from(i),
      f: Array.from(f),
      g: Array.from(g),
      o: Array.from(o),
      c: Array.from(c),
      h: Array.from(h),
      y: Array.from(y),
    }));
  }
  return out;
}
