// The form: model choice, the two operands (text boxes that keep exactly what was typed) and, for the
// vector model, a slider per operand.
import { VECTOR_MAX_OPERAND } from '@lstm-adder/core';
import { MAX_OPERAND_DIGITS } from './answer-errors';
import { byId } from '../lib/dom';
import { sliderValue, type PlaygroundState } from '../state';

const HINTS = {
  vector: {
    operand: `0 to ${VECTOR_MAX_OPERAND} (7 bits): the vector model reads 8-bit numbers.`,
    model: 'The notebook’s model: reads a, then b, 8 bits at a time; answers 8 bits.',
  },
  serial: {
    operand: `Any whole number of 0 or more, up to ${MAX_OPERAND_DIGITS.toLocaleString('en-GB')} digits.`,
    model: 'Reads one bit of a and of b per step (least significant first) and writes one bit of the sum.',
  },
  auto: {
    operand: `Any whole number of 0 or more: 0 to ${VECTOR_MAX_OPERAND} goes to the vector model, larger to serial.`,
    model: 'Lets the API choose: vector when both operands are 0 to 127, serial otherwise.',
  },
} as const;

export const operandEls = (['a', 'b'] as const).map((name) => ({
  name,
  input: byId<HTMLInputElement>(name),
  range: byId<HTMLInputElement>(`${name}-range`),
  hint: byId(`${name}-hint`),
}));

const model = byId<HTMLSelectElement>('model');
const modelHint = byId('model-hint');

/** Puts the state into the form. The boxes are text boxes for every model, so they keep what was typed (`abc`, `128`). */
export function renderInputs(state: PlaygroundState): void {
  model.value = state.model;
  modelHint.textContent = HINTS[state.model].model;
  for (const { name, input, range, hint } of operandEls) {
    if (input.value !== state[name]) input.value = state[name];
    range.hidden = state.model === 'serial';
    const typed = state[name];
    range.value = String(sliderValue(typed));
    range.setAttribute(
      'aria-valuetext',
      /^\d+$/.test(typed) && sliderValue(typed) === Number(typed)
        ? typed
        : `${typed === '' ? 'empty' : `“${typed.slice(0, 12)}”`}: not a number from 0 to ${VECTOR_MAX_OPERAND}`,
    );
    hint.textContent = HINTS[state.model].operand;
  }
}
