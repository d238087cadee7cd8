// Adders: the two formulations of the weights contract, turned into a + b.
import type { Adder } from './adder-types.js';
import { createSerialAdder } from './serial-adder.js';
import { createVectorAdder } from './vector-adder.js';
import type { Weights } from './weights.js';

/** Builds the adder for the weights' arch, precomputing whatever does not depend on the query. */
export function createAdder(weights: Weights): Adder {
  return weights.arch === 'vector' ? createVectorAdder(weights) : createSerialAdder(weights);
}
