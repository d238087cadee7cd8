// Plain-language messages for the API's refusals, built from `error.code` and `error.param` (the
// parameter at fault) and what the user typed, and the input each one belongs next to. The API's own
// message is written for developers (it names query parameters and quotes the accepted grammar).
import { VECTOR_MAX_OPERAND } from '@lstm-adder/core';
import type { ModelChoice } from '../state';
import { NO_MODEL_OF_YOURS } from './answer-source';

export type ErrorTarget = 'a' | 'b' | 'model' | 'form';

/** The API's longest operand (apps/edge-api's MAX_DIGITS: it refuses longer ones with `operand_too_long`). */
export const MAX_OPERAND_DIGITS = 1000;

export interface Refusal {
  code: string;
  /** The query parameter at fault (`a`, `b`, `model`, …), when the API names one. */
  param?: string | null;
  message: string;
}

export interface PlainError {
  target: ErrorTarget;
  text: string;
}

const isTarget = (param: string | null | undefined): param is 'a' | 'b' | 'model' =>
  param === 'a' || param === 'b' || param === 'model';

/** What the user typed, quoted and cut to a readable length. */
export function quoteTyped(value: string): string {
  return value.length > 24
    ? `“${value.slice(0, 24)}…” (${value.length.toLocaleString('en-GB')} characters)`
    : `“${value}”`;
}

/** Why a typed operand is not a whole number, in words; null when it is one (digits only). */
export function operandProblem(name: 'a' | 'b', value: string): string | null {
  if (value === '') return `Type a number for ${name}.`;
  if (/^\d+$/.test(value)) return null;
  if (/^\s|\s$/.test(value) || /\d\s+\d/.test(value))
    return `${name} has spaces in it: type the digits only, such as 57.`;
  if (/^-\d/.test(value)) return `${name} is negative: this adder takes whole numbers of 0 or more.`;
  if (/^\+\d+$/.test(value)) return `Leave out the plus sign: type ${value.slice(1)} for ${name}.`;
  if (/^\d*[.,]\d+$/.test(value) || /^\d{1,3}(,\d{3})+$/.test(value))
    return `${name} must be a whole number written with digits only (no decimal point or commas).`;
  if (/^\d+(\.\d+)?e\d+$/i.test(value)) return `Write ${name} out in full, without an exponent.`;
  return `${quoteTyped(value)} is not a whole number: type ${name} with the digits 0 to 9, such as 57.`;
}

/**
 * For an API that does not name the parameter yet: the operand whose typed value explains an operand refusal
 * (the first one that is not all digits, or above 127 for `operand_out_of_range`), else null.
 */
function operandAtFault(code: string, typed: { a: string; b: string }): 'a' | 'b' | null {
  const names = ['a', 'b'] as const;
  if (code === 'operand_out_of_range')
    return names.find((n) => /^\d+$/.test(typed[n]) && BigInt(typed[n]) > VECTOR_MAX_OPERAND) ?? null;
  if (code === 'invalid_operand' || code === 'missing_parameter')
    return names.find((n) => !/^\d+$/.test(typed[n])) ?? null;
  if (code === 'operand_too_long') return names.find((n) => typed[n].length > MAX_OPERAND_DIGITS) ?? null;
  return null;
}

/** The message to show for a refusal, and where. `typed` holds the operands as the user typed them. */
export function describeRefusal(refusal: Refusal, typed: { a: string; b: string; model: ModelChoice }): PlainError {
  const param = refusal.param ?? operandAtFault(refusal.code, typed);
  const target: ErrorTarget = isTarget(param) ? param : 'form';
  const operand = param === 'a' || param === 'b' ? param : null;
  const value = operand ? typed[operand] : '';
  switch (refusal.code) {
    case 'missing_parameter':
      return {
        target,
        text: operand ? `Type a number for ${operand}.` : `The request left out ${param ?? 'a parameter'}.`,
      };
    case 'invalid_operand':
      return {
        target,
        text: (operand && operandProblem(operand, value)) ?? 'Type whole numbers of 0 or more, with digits only.',
      };
    case 'operand_out_of_range': {
      const which = operand ? `, and ${operand} is ${quoteTyped(value)}` : '';
      return {
        target,
        text:
          `The vector model adds numbers from 0 to ${VECTOR_MAX_OPERAND} only${which}. ` +
          'Type a smaller number, or choose the serial model for bigger ones.',
      };
    }
    case 'operand_too_long': {
      const limit = `the adder takes numbers of up to ${MAX_OPERAND_DIGITS.toLocaleString('en-GB')} digits`;
      return {
        target,
        text: operand
          ? `${operand} has ${value.length.toLocaleString('en-GB')} digits; ${limit}.`
          : `A number is too long: ${limit}.`,
      };
    }
    case 'unknown_model':
      return { target: 'model', text: 'Choose one of the models in the list.' };
    case NO_MODEL_OF_YOURS:
      return {
        target: 'model',
        text: 'There is no model of yours in this tab yet: press Play to train one, or open a weights file.',
      };
    case 'trace_too_long':
      return {
        target: 'form',
        text: 'The numbers are too long to show the network’s steps; the answer is shown without them.',
      };
    default:
      return { target, text: `The API could not answer this request (its error code is “${refusal.code}”).` };
  }
}

/**
 * Problems the page can see before asking (an empty box, letters), one per operand, so both boxes are flagged at
 * once; the same words the API's refusal would bring.
 */
export function localProblems(typed: { a: string; b: string }): PlainError[] {
  return (['a', 'b'] as const).flatMap((name) => {
    const text = operandProblem(name, typed[name]);
    return text ? [{ target: name, text }] : [];
  });
}
