// What the serial prover, the checker and the falsifier share about a serial model: its packed weights, x·U for each
// of the four inputs, and how core reads a bit from the output (serial-adder.ts).
import { inputTerm } from '../cell.js';
import { pack, type PackedWeights } from '../packed.js';
import type { Weights } from '../weights.js';
import { radius, type StepModel, stepModel } from './affine.js';

export interface SerialSetup {
  p: PackedWeights;
  m: StepModel;
  H: number;
  /** 2H: the state's dimension. */
  D: number;
  /** x·U for input code 2a + b at code·4H. */
  inpX: Float64Array;
  /**
   * Outputs at or above `one` are read as 1 and below `zero` as 0, for certain. With a sigmoid output core reads the
   * logit's sign (serial-adder.ts) or σ(logit) ≥ 0.5 (with a trace); both agree outside ±1e-11.
   */
  one: number;
  zero: number;
}

export function serialSetup(weights: Weights): SerialSetup {
  if (weights.arch !== 'serial') throw new TypeError(`expected a serial model, got arch "${weights.arch}"`);
  const p = pack(weights);
  const G = 4 * p.H;
  const inpX = new Float64Array(4 * G);
  for (let code = 0; code < 4; code++) inputTerm(p, [code >> 1, code & 1], inpX, code * G);
  const sigmoid = weights.outputActivation === 'sigmoid';
  const sure = sigmoid ? 1e-11 : 0;
  return {
    p,
    m: stepModel(p),
    H: p.H,
    D: 2 * p.H,
    inpX,
    one: (sigmoid ? 0 : 0.5) + sure,
    zero: (sigmoid ? 0 : 0.5) - sure,
  };
}

/** The input code of a step: 2·(bit of a) + (bit of b). */
export const codeOf = (a: number, b: number): number => 2 * a + b;

/** The true sum bit and the carry out of a step from carry k with input code. */
export const sumBit = (code: number, k: number): number => (code >> 1) ^ (code & 1) ^ k;
export const carryOut = (code: number, k: number): number => ((code >> 1) + (code & 1) + k) >> 1;

/**
 * How far the enclosed output is on the right side of the reading threshold for the wanted bit (> 0: core reads that
 * bit for every state in the set; ≤ 0: the enclosure cannot tell).
 */
export function certifiedMargin(s: SerialSetup, logit: Float64Array, kc: number, K: number, bit: number): number {
  const r = radius(logit, 0, kc, K);
  const y = logit[0] as number;
  return bit ? y - r - s.one : s.zero - (y + r);
}

/** From carry `carry`, reading bits a and b, the model outputs `sum` and goes to carry `carryOut`; every such output
 *  is at least `minLogit` clear of its reading threshold. */
export interface ProofEdge {
  carry: number;
  a: number;
  b: number;
  sum: number;
  carryOut: number;
  minLogit: number;
}

/** The automaton's edges, given the smallest certified margin of each (carry, input code), at carry·4 + code. */
export const proofEdges = (margins: ArrayLike<number>): ProofEdge[] =>
  Array.from({ length: 8 }, (_, e) => {
    const carry = e >> 2;
    const code = e & 3;
    return {
      carry,
      a: code >> 1,
      b: code & 1,
      sum: sumBit(code, carry),
      carryOut: carryOut(code, carry),
      minLogit: margins[e] as number,
    };
  });
