// Adders: the two formulations of the weights contract, turned into a + b.
import type { StepTrace } from './forward.js';
import type { Operand } from './operand.js';
import { createSerialAdder } from './serial-adder.js';
import { createVectorAdder } from './vector-adder.js';
import type { Arch, Weights } from './weights.js';

export interface AddResult {
  a: bigint;
  b: bigint;
  /** The model's answer (not the arithmetic sum: compare them to know whether the model was right). */
  sum: bigint;
  /** The model's sum bits, MSB first: 8 for `vector`, one per serial step for `serial`. */
  bits: string;
  /** min |y − 0.5| over the sum's bits: how sure the model was of its least sure bit. */
  margin: number;
  trace?: StepTrace[];
}

export interface Adder {
  readonly arch: Arch;
  readonly weights: Weights;
  add(a: Operand, b: Operand, options?: { trace?: boolean }): AddResult;
}

/** Builds the adder for the weights' arch, precomputing whatever does not depend on the query. */
export function createAdder(weights: Weights): Adder {
  return weights.arch === 'vector' ? createVectorAdder(weights) : createSerialAdder(weights);
}
