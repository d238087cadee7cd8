// What GET/POST /add return for one pair: decimal strings (the serial model goes far past 2^53),
// the bits the model read and wrote, how sure it was, and whether it was right.
import { encodeSerial, encodeVector, type AddResult, type StepTrace } from '@lstm-adder/core';
import type { ModelName } from './models.js';

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

export interface AddAnswer {
  a: string;
  b: string;
  /** The model's sum, which may be wrong: see `correct`. */
  sum: string;
  model: ModelName;
  /** All three MSB first and as wide as the model's output: 8 bits for vector, max(bit length of a, b, 1) + 1 for serial. */
  bits: { a: string; b: string; sum: string };
  /** min |y − 0.5| over the sum's bits: how sure the model was of its least sure bit. */
  margin: number;
  /** Whether the model's sum equals a + b. */
  correct: boolean;
  trace?: TraceStep[];
}

const plain = (values: Float64Array): number[] => Array.from(values);

function traceSteps(result: AddResult, model: ModelName, trace: StepTrace[]): TraceStep[] {
  const inputs = model === 'vector' ? encodeVector(Number(result.a), Number(result.b)) : encodeSerial(result.a, result.b);
  return trace.map((step, t) => ({
    x: inputs[t] ?? [],
    i: plain(step.i),
    f: plain(step.f),
    g: plain(step.g),
    o: plain(step.o),
    c: plain(step.c),
    h: plain(step.h),
    y: plain(step.y),
  }));
}

export function toAnswer(result: AddResult, model: ModelName): AddAnswer {
  const width = result.bits.length;
  const answer: AddAnswer = {
    a: result.a.toString(),
    b: result.b.toString(),
    sum: result.sum.toString(),
    model,
    bits: {
      a: result.a.toString(2).padStart(width, '0'),
      b: result.b.toString(2).padStart(width, '0'),
      sum: result.bits,
    },
    margin: result.margin,
    correct: result.sum === result.a + result.b,
  };
  if (result.trace) answer.trace = traceSteps(result, model, result.trace);
  return answer;
}
