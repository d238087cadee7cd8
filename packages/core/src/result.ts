// The adders' answers: one class, so every result carries toJSON without a closure per result.
import type { AddAnswerJson, AddResult, AddResultJson } from './adder-types.js';
import type { Arch } from './arch.js';
import { encodeSerial, encodeVector } from './bits.js';
import type { Trace } from './trace.js';

/** The JSON-safe form of a result, as the API answers: decimal strings, a's and b's bits padded to the sum's width. */
export function formatResult(result: AddResult): AddResultJson {
  const width = result.bits.length;
  return {
    a: result.a.toString(),
    b: result.b.toString(),
    sum: result.sum.toString(),
    bits: {
      a: result.a.toString(2).padStart(width, '0'),
      b: result.b.toString(2).padStart(width, '0'),
      sum: result.bits,
    },
    margin: result.margin,
    correct: result.correct,
  };
}

/**
 * The answer as the API writes it: `formatResult`'s fields and `model` (the arch of the adder that computed `result`),
 * then, when the result has a trace, each step with its input `x` as the model read it and its arrays made plain.
 */
export function formatAnswer(result: AddResult, model: Arch): AddAnswerJson {
  const answer: AddAnswerJson = { ...formatResult(result), model };
  if (result.trace) {
    const inputs =
      model === 'vector' ? encodeVector(Number(result.a), Number(result.b)) : encodeSerial(result.a, result.b);
    answer.trace = Array.from(result.trace, ({ i, f, g, o, c, h, y }, t) => ({
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
  return answer;
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
  declare trace?: Trace;
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

export const newResult = (a: bigint, b: bigint, sum: bigint, bits: string, margin: number): AddResult =>
  new Result(a, b, sum, bits, margin);
