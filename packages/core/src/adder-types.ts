// What an adder is and what it answers: the types both adders implement, kept apart from them so nothing imports
// in a circle.
import type { Arch } from './arch.js';
import type { Operand } from './operand.js';
import type { Trace } from './trace.js';
import type { Weights } from './weights.js';

/** The longest operand, in decimal digits, a trace is given for (the API and the page refuse longer; core does not). */
export const TRACE_MAX_DIGITS = 64;

export interface AddResult {
  a: bigint;
  b: bigint;
  /** The model's answer (not the arithmetic sum: `correct` says whether they agree). */
  sum: bigint;
  /** The model's sum bits, MSB first: 8 for `vector`, one per serial step for `serial`. */
  bits: string;
  /** min |y − 0.5| over the sum's bits: how sure the model was of its least sure bit. */
  margin: number;
  /** Whether the model's sum equals a + b. */
  correct: boolean;
  /** Every step's gates, states and output (flat typed arrays; `trace.step(t)` gives step t), when asked for. */
  trace?: Trace;
  /** `formatResult(this)`, so `JSON.stringify(result)` gives the API's form (without the trace). */
  toJSON(): AddResultJson;
}

/** An AddResult as the API writes it: no bigints, decimal strings; bits MSB first, all three as wide as the sum's. */
export interface AddResultJson {
  a: string;
  b: string;
  sum: string;
  bits: { a: string; b: string; sum: string };
  margin: number;
  correct: boolean;
}

/** One step of a trace as the API writes it: the step's input and every gate, state and output as plain arrays. */
export interface TraceStepJson {
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

/** An answer as the API writes it: formatResult's fields, the model that answered, and the trace if asked for. */
export interface AddAnswerJson extends AddResultJson {
  model: Arch;
  trace?: TraceStepJson[];
}

export interface AddOptions {
  /**
   * Also return every step's gates, states and output, equal to the plain forward pass's. It holds 8·(6H + O) bytes
   * a step (a serial sum has one step per bit, plus one: 10^5 digits at H = 3 take 50 MB); core sets no limit.
   */
  trace?: boolean;
}

export interface Adder {
  readonly arch: Arch;
  readonly weights: Weights;
  /**
   * a + b as the model computes it. Vector: operands 0..127. Serial: any size, one step per bit of the longer
   * operand plus one, and linear in the bits apart from V8's decimal conversions of string operands (10^6 digits
   * take about 1.3 s of CPU in all, see the benchmark); callers that take untrusted input bound the length.
   * Throws TypeError or RangeError, quoting at most 40 characters of the operand, for what is not accepted.
   */
  add(a: Operand, b: Operand, options?: AddOptions): AddResult;
}
