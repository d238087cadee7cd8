// What a request may be, as valibot schemas that also hold the refusals: every message is `code|text`, where `code`
// is the error code and `text` follows the parameter's name ("Query parameter "a" …"); validation.ts splits them.
// The same schemas give the OpenAPI document (openapi/document.ts), so the contract and the checks cannot drift.
import { fitsVector, TRACE_MAX_DIGITS, VECTOR_MAX_OPERAND } from '@lstm-adder/core';
import * as v from 'valibot';
import { quote, type ErrorCode } from './errors.js';
import { MODEL_NAMES } from './models.js';

export const MAX_DIGITS = 1000;
export const MAX_PAIRS = 1000;

const en = (n: number) => n.toLocaleString('en-US');

/** A message that carries its error code (split off by validation.ts). */
const say =
  <I extends v.BaseIssue<unknown>>(code: ErrorCode, text: (issue: I) => string) =>
  (issue: I): string =>
    `${code}|${text(issue)}`;

const OPERAND = `a non-negative decimal integer of 1 to ${en(MAX_DIGITS)} ASCII digits, such as "57" (0 to ${VECTOR_MAX_OPERAND} for model=vector)`;
const MODEL = `${MODEL_NAMES.map((m) => `"${m}"`).join(' or ')}, or nothing (then vector answers when both operands are 0 to ${VECTOR_MAX_OPERAND}, serial otherwise)`;
const FLAG = '"1", "true", "0" or "false"';

/** Says, in a few words, why a string is not a plain decimal integer. */
export function operandFault(text: string): string {
  if (text === '') return 'it is empty';
  if (text.trim() !== text) return 'spaces are not accepted';
  if (text.startsWith('-')) return 'negative numbers are not accepted';
  if (text.startsWith('+')) return 'a leading "+" is not accepted';
  if (/^0[xob]/i.test(text)) return 'only decimal digits are accepted, not hexadecimal, octal or binary';
  if (/^[0-9]*[.,][0-9]*$/.test(text)) return 'fractions and decimal points are not accepted';
  if (/^[0-9.]+e[+-]?[0-9]*$/i.test(text)) return 'exponent notation is not accepted';
  if (/\s/.test(text)) return 'spaces are not accepted';
  if (/\p{Nd}/u.test(text.replace(/[0-9]/g, '')))
    return "only the ASCII digits 0-9 are accepted, not other scripts' digits";
  if (/%[0-9a-f]{2}/i.test(text)) return 'it holds a percent-escape that is not valid UTF-8';
  return 'it is not a decimal integer';
}

/** 1 to 1,000 ASCII digits, leading zeros allowed; strings, because JSON numbers lose digits above 2^53. */
export const operand = v.pipe(
  v.string(say('invalid_operand', (i) => `must be a string of digits, got ${quote(i.input)}; accepted: ${OPERAND}.`)),
  v.regex(
    /^[0-9]+$/,
    say(
      'invalid_operand',
      (i: v.RegexIssue<string>) =>
        `must be a decimal integer, got ${quote(i.input)} (${operandFault(i.input)}); accepted: ${OPERAND}.`,
    ),
  ),
  v.maxLength(
    MAX_DIGITS,
    say(
      'operand_too_long',
      (i: v.MaxLengthIssue<string, number>) =>
        `has ${en(i.input.length)} digits (${quote(i.input)}), more than the ${en(MAX_DIGITS)} accepted; accepted: ${OPERAND}.`,
    ),
  ),
  v.description(OPERAND),
  v.examples(['57', '18446744073709551615']),
);

export const modelName = v.pipe(
  v.picklist(
    MODEL_NAMES,
    say('unknown_model', (i) => `is ${quote(i.input)}, which is not accepted; accepted: ${MODEL}.`),
  ),
  v.description(`The model that answers: ${MODEL}.`),
  v.examples(['serial']),
);

const flag = (what: string) =>
  v.pipe(
    v.picklist(
      ['1', '0', 'true', 'false'],
      say('invalid_parameter', (i) => `is ${quote(i.input)}, which is not accepted; accepted: ${FLAG}.`),
    ),
    v.description(what),
    v.examples(['1']),
  );

/** A strict object whose refusals say which fields it has: missing, unknown, or not an object at all. */
const object = <E extends v.ObjectEntries>(entries: E, like: string) => {
  const known = Object.keys(entries)
    .map((k) => `"${k}"`)
    .join(', ');
  return v.strictObject(entries, (i) => {
    if (i.expected === 'never') return `unknown_parameter|is not known; accepted: ${known}.`;
    if (i.expected === 'Object') return `invalid_body|must be an object like ${like}, got ${quote(i.input)}.`;
    const missing = entries[String(i.path?.[0]?.key)];
    return `missing_parameter|is missing; accepted: ${(missing && v.getDescription(missing)) ?? known}.`;
  });
};

const fitsModel = (digits: string, model: string | undefined) => model !== 'vector' || fitsVector(digits);
/** Follows the operand's name: also used for a batch's pairs (validation.ts), which are checked as a whole. */
export const outOfRangeText = (digits: unknown) =>
  `is ${quote(digits)}, but model=vector adds operands from 0 to ${VECTOR_MAX_OPERAND} only: use model=serial (or leave model out) for larger numbers.`;
// A forwarded check reports the whole query as its input; the operand is under its key.
const outOfRange = (key: 'a' | 'b') =>
  say('operand_out_of_range', (i: v.BaseIssue<unknown>) => outOfRangeText((i.input as Record<string, unknown>)[key]));
const wantsTrace = (flagValue: string | undefined) => flagValue === '1' || flagValue === 'true';

/** GET /add?a=…&b=…[&model=vector|serial][&trace=1] */
export const addQuery = v.pipe(
  object(
    {
      a: operand,
      b: operand,
      model: v.optional(modelName),
      trace: v.optional(
        flag(
          `"1" or "true" adds every step's gates, states and output (operands of at most ${TRACE_MAX_DIGITS} digits).`,
        ),
      ),
    },
    '?a=57&b=99',
  ),
  v.forward(
    v.partialCheck([['a'], ['model']], (q) => fitsModel(q.a, q.model), outOfRange('a')),
    ['a'],
  ),
  v.forward(
    v.partialCheck([['b'], ['model']], (q) => fitsModel(q.b, q.model), outOfRange('b')),
    ['b'],
  ),
  v.forward(
    v.partialCheck(
      [['a'], ['b'], ['trace']],
      (q) => !wantsTrace(q.trace) || Math.max(q.a.length, q.b.length) <= TRACE_MAX_DIGITS,
      say(
        'trace_too_long',
        () =>
          `asks for every step of a ${TRACE_MAX_DIGITS}+ digit sum; trace=1 is accepted for operands of at most ${TRACE_MAX_DIGITS} digits (leave trace out for longer ones).`,
      ),
    ),
    ['trace'],
  ),
);

/** POST /add?model=… (the model may also be given in the body). */
export const batchQuery = object({ model: v.optional(modelName) }, '?model=serial');

/** GET /model/{name}: the model's name in the path. */
export const modelParam = v.object({
  name: v.pipe(
    v.picklist(
      MODEL_NAMES,
      say(
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
export const modelQuery = object(
  { weights: v.optional(flag('"1" or "true" adds the weights (lstm and dense).')) },
  '?weights=1',
);

const pair = object({ a: operand, b: operand }, '{ "a": "1", "b": "2" }');
const PAIRS = `an array of 1 to ${en(MAX_PAIRS)} objects like { "a": "1", "b": "2" }`;

/** POST /add body: { "pairs": [{ "a": "1", "b": "2" }, …], "model"?: … } */
export const batchBody = object(
  {
    pairs: v.pipe(
      v.array(
        pair,
        say('invalid_body', (i) => `must be an array, got ${quote(i.input)}; accepted: ${PAIRS}.`),
      ),
      v.minLength(
        1,
        say('invalid_body', () => `is empty; accepted: ${PAIRS}.`),
      ),
      v.maxLength(
        MAX_PAIRS,
        say(
          'too_many_pairs',
          (i: v.MaxLengthIssue<unknown[], number>) =>
            `has ${en(i.input.length)} pairs; accepted: ${PAIRS} (send more in several requests).`,
        ),
      ),
      v.description(PAIRS),
    ),
    model: v.optional(modelName),
  },
  '{ "pairs": [{ "a": "1", "b": "2" }] }',
);
