// Turns the first valibot issue into an ApiError: a code, and a message naming the parameter,
// what it got and what is accepted.
import { VECTOR_MAX_OPERAND } from '@lstm-adder/core';
import type { BaseIssue } from 'valibot';
import { ApiError, quote, type ErrorCode } from '../errors.js';
import { MODEL_NAMES } from '../models.js';
import { ACCEPTED_OPERAND, MAX_DIGITS, operandFault, TRACE_MAX_DIGITS } from './operand.js';
import { MAX_PAIRS } from './schemas.js';

export type Where = 'query' | 'body';

const ACCEPTED: Record<string, string> = {
  a: ACCEPTED_OPERAND,
  b: ACCEPTED_OPERAND,
  model: `${MODEL_NAMES.map((m) => `"${m}"`).join(' or ')}, or nothing (then vector answers when both operands are 0 to ${VECTOR_MAX_OPERAND}, serial otherwise)`,
  trace: '"1", "true", "0" or "false"',
  weights: '"1", "true", "0" or "false"',
  pairs: `an array of 1 to ${MAX_PAIRS.toLocaleString('en-US')} objects like { "a": "1", "b": "2" }`,
};

export type Route = 'get' | 'post' | 'model';
const QUERY_KEYS: Record<Route, string[]> = { get: ['a', 'b', 'model', 'trace'], post: ['model'], model: ['weights'] };

/** "pairs[3].a" for body paths, "a" for query parameters. */
function pathName(issue: BaseIssue<unknown>): string {
  let name = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    name += typeof key === 'number' ? `[${key}]` : name ? `.${String(key)}` : String(key);
  }
  return name;
}

const lastKey = (issue: BaseIssue<unknown>): string => String(issue.path?.at(-1)?.key ?? '');

export function outOfRange(label: string, digits: string): ApiError {
  return new ApiError(
    'operand_out_of_range',
    `${label} is ${quote(digits)}, but model=vector adds operands from 0 to ${VECTOR_MAX_OPERAND} only: use model=serial (or leave model out) for larger numbers.`,
  );
}

export function labelFor(where: Where, name: string): string {
  return where === 'query' ? `Query parameter "${name}"` : `Body field "${name}"`;
}

export function issueToError(issue: BaseIssue<unknown>, where: Where, route: Route): ApiError {
  const name = pathName(issue);
  const key = lastKey(issue);
  const label = labelFor(where, name);
  const accepted = ACCEPTED[key] ?? '';
  const fail = (code: ErrorCode, what: string) => new ApiError(code, `${label} ${what}${accepted ? `; accepted: ${accepted}.` : '.'}`);

  if (issue.kind === 'schema' && issue.path === undefined) {
    // The whole body is not an object.
    return new ApiError('invalid_body', `The JSON body must be an object like { "pairs": [{ "a": "1", "b": "2" }] }, got ${quote(issue.input)}.`);
  }
  if (issue.type === 'strict_object' || issue.type === 'object') {
    if (issue.expected === 'Object') return fail('invalid_body', `must be an object like { "a": "1", "b": "2" }, got ${quote(issue.input)}`);
    if (issue.expected === 'never') {
      const unknown = String(issue.input);
      if (where === 'query') {
        const known = QUERY_KEYS[route].map((k) => `"${k}"`).join(', ');
        return new ApiError('unknown_parameter', `Query parameter ${quote(unknown)} is not known; accepted parameters: ${known}.`);
      }
      const parent = name.slice(0, name.length - unknown.length).replace(/\.$/, '');
      const known = parent ? '"a" and "b"' : '"pairs" and "model"';
      return new ApiError('unknown_parameter', `Body field ${quote(name)} is not known; accepted fields${parent ? ` of ${parent}` : ''}: ${known}.`);
    }
    return fail('missing_parameter', 'is missing');
  }
  if (Array.isArray(issue.input) && where === 'query') {
    return fail('repeated_parameter', `is given ${issue.input.length} times (${issue.input.map((x) => quote(x)).join(', ')}); give it once`);
  }
  switch (issue.type) {
    case 'string':
      return fail('invalid_operand', `must be a string, got ${quote(issue.input)}`);
    case 'regex':
      return fail('invalid_operand', `must be a decimal integer, got ${quote(issue.input)} (${operandFault(String(issue.input))})`);
    case 'max_length':
      if (key === 'pairs') return fail('too_many_pairs', `has ${issue.received} pairs`);
      return fail('operand_too_long', `has ${String(issue.input).length.toLocaleString('en-US')} digits (${quote(issue.input)}), more than the ${MAX_DIGITS.toLocaleString('en-US')} accepted`);
    case 'min_length':
      return fail('invalid_body', 'is empty');
    case 'array':
      return fail('invalid_body', `must be an array, got ${quote(issue.input)}`);
    case 'picklist':
      return fail(key === 'model' ? 'unknown_model' : 'invalid_parameter', `is ${quote(issue.input)}, which is not accepted`);
    case 'partial_check':
      if (key === 'trace') {
        return new ApiError(
          'trace_too_long',
          `Query parameter "trace" asks for every step of a ${TRACE_MAX_DIGITS}+ digit sum; trace=1 is accepted for operands of at most ${TRACE_MAX_DIGITS} digits (leave trace out for longer ones).`,
        );
      }
      // A forwarded check reports the whole query as its input; the operand is under its key.
      return outOfRange(label, String((issue.input as Record<string, unknown>)[key]));
    default:
      return fail('invalid_parameter', `is not valid (${issue.message})`);
  }
}
