// The two adders the API serves and the answers they give, in core's JSON (formatAnswer; core's defaultArch picks
// the model).
import {
  createAdder,
  formatAnswer,
  parseWeights,
  weightsFingerprint,
  type Adder,
  type AddAnswerJson,
  type Arch,
  type TraceStepJson,
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
    if (weights.arch !== name)
      throw new Error(`${name} model: weights have arch "${weights.arch}", expected "${name}"`);
    return { adder: createAdder(weights), fingerprint: weightsFingerprint(weights) };
  };
  return { vector: load('vector'), serial: load('serial') };
}

/** The answer as the API writes it: core's formatAnswer (the page's local answers are the same JSON). */
export type AddAnswer = AddAnswerJson;
export type TraceStep = TraceStepJson;

/** Adds a + b with the named model: the answer as the API writes it. */
export function answer(models: Models, model: ModelName, a: string, b: string, trace = false): AddAnswer {
  return formatAnswer(models[model].adder.add(a, b, { trace }), model);
}
