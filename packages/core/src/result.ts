// The adders' answers: one class, so every result carries toJSON without a closure per result.
import type { AddResult, AddResultJson } from './adder-types.js';
import type { StepTrace } from './forward.js';

/** The JSON-safe form of a result, as the API answers: decimal strings, and a's and b's bits padded to the sum's width. */
export function formatResult(result: AddResult): AddResultJson {
  const width = result.bits.length;
  return {
    a: result.a.toString(),
    b: result.b.toString(),
    sum: result.sum.toString(),
    bits: { a: result.a.toString(2).padStart(width, '0'), b: result.b.toString(2).padStart(width, '0'), sum: result.bits },
    margin: result.margin,
    correct: result.correct,
  };
}

// Fields are assigned, not declared with initialisers, so they are own properties in the order a, b, sum, bits, margin,
// correct (and no `trace: undefined` unless one is asked for).
class Result implements AddResult {
  declare a: bigint;
  declare b: bigint;
  declare sum: bigint;
  declare bits: string;
  declare margin: number;
  declare correct: boolean;
  declare trace?: StepTrace[];
  constructor(a: bigint, b: bigint, sum: bigint, bits: string, margin: number) {
    this.a = a;
    this.b = b;
    this.sum = sum;
    this.bits = bits;
    this.margin = margin;
    this.correct = sum === a + b;
  }
  toJSON(): AddResultJson {
    return formatResult(this);
  }
}

export const newResult = (a: bigint, b: bigint, sum: bigint, bits: string, margin: number): AddResult => new Result(a, b, sum, bits, margin);
