// The two adders the API serves, and which one answers when the caller does not say.
import { createAdder, parseWeights, weightsFingerprint, type Adder, type Arch } from '@lstm-adder/core';
import { fitsVector } from './validation/operand.js';

export const MODEL_NAMES = ['vector', 'serial'] as const satisfies readonly Arch[];
export type ModelName = (typeof MODEL_NAMES)[number];

export interface Model {
  readonly adder: Adder;
  /** core's weightsFingerprint: changes exactly when the weights do, so it keys the ETag. */
  readonly fingerprint: string;
}

export type Models = Record<ModelName, Model>;

/** The notebook's model answers what it can (both operands 0..127); the bit-serial one everything else. */
export const defaultModel = (a: string, b: string): ModelName => (fitsVector(a) && fitsVector(b) ? 'vector' : 'serial');

/** Validates weights JSON with core's parser (throws WeightsError naming the bad field) and builds the adders. */
export function loadModels(json: Record<ModelName, unknown>): Models {
  const load = (name: ModelName): Model => {
    const weights = parseWeights(json[name]);
    if (weights.arch !== name) throw new Error(`${name} model: weights have arch "${weights.arch}", expected "${name}"`);
    return { adder: createAdder(weights), fingerprint: weightsFingerprint(weights) };
  };
  return { vector: load('vector'), serial: load('serial') };
}
