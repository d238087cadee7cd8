// The model work a request asks for: which model adds each pair and how many steps it costs, checked as a whole
// before any model time is spent (vector's range, trace length, the batch's work budget). Its step count is the unit of
// the work budget, of the rate limit's price (http/rate-limit.ts) and of the request log (http/observe.ts).
import { defaultArch, fitsVector, TRACE_MAX_DIGITS, VECTOR_MAX_OPERAND } from '@lstm-adder/core';
import { ApiError, fieldLabel, quote, type Where } from './errors.js';
import type { ModelName } from './models.js';

/**
 * A serial sum costs one LSTM step per bit, about 2 µs each: a 1,000-digit pair is ~3,300 steps, ~6 ms of CPU.
 * MAX_BATCH_STEPS bounds one request at well under a second of CPU, so a batch cannot run into the Worker's CPU limit
 * (which the caller would see as a 5xx) on the default paid limits.
 */
export const MAX_BATCH_STEPS = 100_000;
const BITS_PER_DIGIT = Math.log2(10);

export interface PlannedPair {
  a: string;
  b: string;
  model: ModelName;
  /** Model steps this pair costs (the work budget's and the rate limit's unit). */
  steps: number;
}

/** What the model did for a request, for the log line and Server-Timing (set by http/observe.ts's timeModel). */
export interface ModelWork {
  /** The model that answered, or "mixed" for a batch that used both. */
  model: ModelName | 'mixed';
  pairs: number;
  /** Digits of the longest operand in the request. */
  digits: number;
  /** Model steps (serial: one per bit of the longer operand, plus one; vector: 2). */
  steps: number;
  /** Time spent in the model's forward passes, µs. */
  us: number;
}

/** Serial steps for a pair, from digit counts (an upper bound within one step; no BigInt needed). */
const serialSteps = (a: string, b: string) =>
  Math.ceil(Math.max(a.replace(/^0+/, '').length, b.replace(/^0+/, '').length, 1) * BITS_PER_DIGIT) + 1;

/** Model steps for one pair: the vector model runs 2, the serial one per bit of the longer operand, plus one. */
export const pairSteps = (a: string, b: string, model: ModelName): number =>
  model === 'vector' ? 2 : serialSteps(a, b);

export const totalSteps = (plan: readonly PlannedPair[]): number => plan.reduce((n, pair) => n + pair.steps, 0);

/** Refuses an operand model=vector cannot add (0 to 127 only). */
function checkVectorRange(where: Where, param: string, digits: string): void {
  if (fitsVector(digits)) return;
  throw new ApiError(
    'operand_out_of_range',
    `${fieldLabel(where, param)} is ${quote(digits)}, but model=vector adds operands from 0 to ${VECTOR_MAX_OPERAND} ` +
      'only: use model=serial (or leave model out) for larger numbers.',
    param,
  );
}

/** GET /add: the one pair, its model (asked for, or core's defaultArch), vector's range and trace's length checked. */
export function planSum(a: string, b: string, asked: ModelName | undefined, trace: boolean): PlannedPair {
  if (asked === 'vector') {
    checkVectorRange('query', 'a', a);
    checkVectorRange('query', 'b', b);
  }
  if (trace && Math.max(a.length, b.length) > TRACE_MAX_DIGITS) {
    throw new ApiError(
      'trace_too_long',
      `${fieldLabel('query', 'trace')} asks for every step of a ${TRACE_MAX_DIGITS}+ digit sum; trace=1 is accepted ` +
        `for operands of at most ${TRACE_MAX_DIGITS} digits (leave trace out for longer ones).`,
      'trace',
    );
  }
  const model = asked ?? defaultArch(a, b);
  return { a, b, model, steps: pairSteps(a, b, model) };
}

/** The model named in the query or the body (they must agree), or undefined for "pick per pair". */
function requestedModel(fromQuery: ModelName | undefined, fromBody: ModelName | undefined): ModelName | undefined {
  if (fromQuery && fromBody && fromQuery !== fromBody) {
    throw new ApiError(
      'conflicting_parameter',
      `Query parameter "model" is "${fromQuery}" but body field "model" is "${fromBody}"; give the model in one ` +
        'place, or the same in both.',
      'model',
    );
  }
  return fromQuery ?? fromBody;
}

/** POST /add: picks each pair's model and checks the whole batch before any model time is spent; throws ApiError. */
export function planBatch(
  pairs: { a: string; b: string }[],
  fromQuery: ModelName | undefined,
  fromBody: ModelName | undefined,
): PlannedPair[] {
  const requested = requestedModel(fromQuery, fromBody);
  let steps = 0;
  const plan = pairs.map(({ a, b }, k): PlannedPair => {
    if (requested === 'vector') {
      checkVectorRange('body', `pairs[${k}].a`, a);
      checkVectorRange('body', `pairs[${k}].b`, b);
    }
    const model = requested ?? defaultArch(a, b);
    const cost = pairSteps(a, b, model);
    steps += cost;
    return { a, b, model, steps: cost };
  });
  if (steps > MAX_BATCH_STEPS) {
    throw new ApiError(
      'batch_too_large',
      `Body field "pairs" asks for about ${steps.toLocaleString('en-US')} serial model steps (one per bit of the ` +
        `longer operand, plus one, per pair); at most ${MAX_BATCH_STEPS.toLocaleString('en-US')} are accepted per ` +
        'request (for example 1,000 pairs of 64-bit numbers, or 30 pairs of 1,000-digit numbers): split the batch.',
      'pairs',
    );
  }
  return plan;
}
