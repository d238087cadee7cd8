// What a request may be, as valibot schemas whose messages are refusals: `refuse(code, text)` gives each check its
// error code as data and its text, which follows the parameter's name ('Query parameter "a" …'). The same schemas
// give the OpenAPI document (openapi/document.ts), so the contract and the checks cannot drift. Checks across fields
// (the vector model's range, trace's length, the batch's budget) are work.ts's.
import {
  OPERAND_MAX_DIGITS,
  type OperandFault,
  operandFault,
  TRACE_MAX_DIGITS,
  VECTOR_MAX_OPERAND,
} from '@lstm-adder/core';
import * as v from 'valibot';
import { quote } from './errors.js';
import { MODEL_NAMES } from './models.js';
import { refuse, refuseAs } from './refusals.js';

export const MAX_PAIRS = 1000;

const en = (n: number) => n.toLocaleString('en-US');

const OPERAND =
  `a non-negative decimal integer of 1 to ${en(OPERAND_MAX_DIGITS)} ASCII digits, such as "57" ` +
  `(0 to ${VECTOR_MAX_OPERAND} for model=vector)`;
const MODEL =
  `${MODEL_NAMES.map((m) => `"${m}"`).join(' or ')}, or nothing ` +
  `(then vector answers when both operands are 0 to ${VECTOR_MAX_OPERAND}, serial otherwise)`;
const FLAG = '"1", "true", "0" or "false"';

/** core's operandFault, in the API's words. */
const FAULT_TEXT: Record<OperandFault, string> = {
  empty: 'it is empty',
  spaces: 'spaces are not accepted',
  negative: 'negative numbers are not accepted',
  plus: 'a leading "+" is not accepted',
  radix: 'only decimal digits are accepted, not hexadecimal, octal or binary',
  fraction: 'fractions and decimal points are not accepted',
  exponent: 'exponent notation is not accepted',
  script: "only the ASCII digits 0-9 are accepted, not other scripts' digits",
  percent: 'it holds a percent-escape that is not valid UTF-8',
  other: 'it is not a decimal integer',
};

/** 1 to 1,000 ASCII digits, leading zeros allowed; strings, because JSON numbers lose digits above 2^53. */
export const operand = v.pipe(
  v.string(
    refuse('invalid_operand', (i) => `must be a string of digits, got ${quote(i.input)}; accepted: ${OPERAND}.`),
  ),
  v.regex(
    /^[0-9]+$/,
    refuse(
      'invalid_operand',
      (i: v.RegexIssue<string>) =>
        `must be a decimal integer, got ${quote(i.input)} (${FAULT_TEXT[operandFault(i.input) ?? 'other']}); ` +
        `accepted: ${OPERAND}.`,
    ),
  ),
  v.maxLength(
    OPERAND_MAX_DIGITS,
    refuse(
      'operand_too_long',
      (i: v.MaxLengthIssue<string, number>) =>
        `has ${en(i.input.length)} digits (${quote(i.input)}), more than the ${en(OPERAND_MAX_DIGITS)} accepted; ` +
        `accepted: ${OPERAND}.`,
    ),
  ),
  v.description(OPERAND),
  v.examples(['57', '18446744073709551615']),
);

export const modelName = v.pipe(
  v.picklist(
    MODEL_NAMES,
    refuse('unknown_model', (i) => `is ${quote(i.input)}, which is not accepted; accepted: ${MODEL}.`),
  ),
  v.description(`The model that answers: ${MODEL}.`),
  v.examples(['serial']),
);

const flag = (what: string) =>
  v.pipe(
    v.picklist(
      ['1', '0', 'true', 'false'],
      refuse('invalid_parameter', (i) => `is ${quote(i.input)}, which is not accepted; accepted: ${FLAG}.`),
    ),
    v.description(what),
    v.examples(['1']),
  );

/**
 * A strict object whose refusals say which fields it has: missing, unknown, or (`like`: a nested one, such as a pair)
 * not an object at all. A query, or a body that jsonBody has checked, is always an object.
 */
const object = <E extends v.ObjectEntries>(entries: E, like?: string) => {
  const known = Object.keys(entries)
    .map((k) => `"${k}"`)
    .join(', ');
  const required = Object.values(entries).some((entry) => entry.type !== 'optional');
  const codes = [
    'unknown_parameter',
    ...(required ? ['missing_parameter' as const] : []),
    ...(like ? ['invalid_body' as const] : []),
  ] as const;
  return v.strictObject(
    entries,
    refuseAs(codes, (i) => {
      if (i.expected === 'never') return ['unknown_parameter', `is not known; accepted: ${known}.`];
      if (i.expected === 'Object')
        return ['invalid_body', `must be an object like ${like ?? '{}'}, got ${quote(i.input)}.`];
      const missing = entries[String(i.path?.[0]?.key)];
      return ['missing_parameter', `is missing; accepted: ${(missing && v.getDescription(missing)) ?? known}.`];
    }),
  );
};

/** GET /add?a=…&b=…[&model=vector|serial][&trace=1] */
export const addQuery = object({
  a: operand,
  b: operand,
  model: v.optional(modelName),
  trace: v.optional(
    flag(`"1" or "true" adds every step's gates, states and output (operands of at most ${TRACE_MAX_DIGITS} digits).`),
  ),
});

/** trace=1 or trace=true. */
export const wantsTrace = (flagValue: string | undefined) => flagValue === '1' || flagValue === 'true';

/** POST /add?model=… (the model may also be given in the body). */
export const batchQuery = object({ model: v.optional(modelName) });

/** GET /model/{name}: the model's name in the path. */
export const modelParam = v.object({
  name: v.pipe(
    v.picklist(
      MODEL_NAMES,
      refuse(
        'not_found',
        (i) =>
          `is ${quote(i.input)}, which is not a model; accepted: ${MODEL_NAMES.map((m) => `"${m}"`).join(' or ')}.`,
      ),
    ),
    v.description('The model to describe.'),
    v.examples(['vector']),
  ),
});

/** GET /model and /model/{name}: ?weights=1 adds the weights. */
export const modelQuery = object({ weights: v.optional(flag('"1" or "true" adds the weights (lstm and dense).')) });

const pair = object({ a: operand, b: operand }, '{ "a": "1", "b": "2" }');
const PAIRS = `an array of 1 to ${en(MAX_PAIRS)} objects like { "a": "1", "b": "2" }`;

/** POST /add body: { "pairs": [{ "a": "1", "b": "2" }, …], "model"?: … } */
export const batchBody = object({
  pairs: v.pipe(
    v.array(
      pair,
      refuse('invalid_body', (i) => `must be an array, got ${quote(i.input)}; accepted: ${PAIRS}.`),
    ),
    v.minLength(
      1,
      refuse('invalid_body', () => `is empty; accepted: ${PAIRS}.`),
    ),
    v.maxLength(
      MAX_PAIRS,
      refuse(
        'too_many_pairs',
        (i: v.MaxLengthIssue<unknown[], number>) =>
          `has ${en(i.input.length)} pairs; accepted: ${PAIRS} (send more in several requests).`,
      ),
    ),
    v.description(PAIRS),
  ),
  model: v.optional(modelName),
});
