// Checks on a POST /add batch that need more than one field: the model named twice, vector's range, the work budget.
import { ApiError } from '../errors.js';
import { defaultModel, type ModelName } from '../models.js';
import { labelFor, outOfRange } from './issues.js';
import { fitsVector } from './operand.js';

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

/** The model named in the query or the body (they must agree), or undefined for "pick per pair". */
function requestedModel(fromQuery: ModelName | undefined, fromBody: ModelName | undefined): ModelName | undefined {
  if (fromQuery && fromBody && fromQuery !== fromBody) {
    throw new ApiError(
      'conflicting_parameter',
      `Query parameter "model" is "${fromQuery}" but body field "model" is "${fromBody}"; give the model in one place, or the same in both.`,
    );
  }
  return fromQuery ?? fromBody;
}

/** Serial steps for a pair, from digit counts (an upper bound within one step; no BigInt needed). */
const serialSteps = (a: string, b: string) =>
  Math.ceil(Math.max(a.replace(/^0+/, '').length, b.replace(/^0+/, '').length, 1) * BITS_PER_DIGIT) + 1;

/** Model steps for one pair: the vector model runs 2, the serial one per bit of the longer operand, plus one. */
export const pairSteps = (a: string, b: string, model: ModelName): number => (model === 'vector' ? 2 : serialSteps(a, b));

export const totalSteps = (plan: readonly PlannedPair[]): number => plan.reduce((n, pair) => n + pair.steps, 0);

/** Picks each pair's model and checks the whole batch before any model time is spent; throws ApiError. */
export function planBatch(pairs: { a: string; b: string }[], fromQuery: ModelName | undefined, fromBody: ModelName | undefined): PlannedPair[] {
  const requested = requestedModel(fromQuery, fromBody);
  let steps = 0;
  const plan = pairs.map(({ a, b }, k): PlannedPair => {
    if (requested === 'vector') {
      if (!fitsVector(a)) throw outOfRange(labelFor('body', `pairs[${k}].a`), a);
      if (!fitsVector(b)) throw outOfRange(labelFor('body', `pairs[${k}].b`), b);
    }
    const model = requested ?? defaultModel(a, b);
    const cost = pairSteps(a, b, model);
    steps += cost;
    return { a, b, model, steps: cost };
  });
  if (steps > MAX_BATCH_STEPS) {
    throw new ApiError(
      'batch_too_large',
      `Body field "pairs" asks for about ${steps.toLocaleString('en-US')} serial model steps (one per bit of the longer operand, plus one, per pair); ` +
        `at most ${MAX_BATCH_STEPS.toLocaleString('en-US')} are accepted per request (for example 1,000 pairs of 64-bit numbers, or 30 pairs of 1,000-digit numbers): split the batch.`,
    );
  }
  return plan;
}
