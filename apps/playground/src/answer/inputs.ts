// The form: the model select (it always names the model that answered), the two operands (text boxes that keep
// exactly what was typed) and, for the vector model, a slider per operand.
import { VECTOR_MAX_OPERAND } from '@lstm-adder/core';
import { byId } from '../lib/dom';
import { type ModelChoice, type PlaygroundState, sliderValue } from '../state';
import { describeYours, type YourModel } from '../yours/your-model';
import { MAX_OPERAND_DIGITS } from './answer-errors';

const ANY_LENGTH = `0 or more, up to ${MAX_OPERAND_DIGITS.toLocaleString('en-GB')} digits`;
const OPERAND_HINTS = {
  vector: `0 to ${VECTOR_MAX_OPERAND}: the vector model reads 8-bit numbers`,
  serial: `Any whole number, ${ANY_LENGTH}`,
  auto: `Any whole number: 0 to ${VECTOR_MAX_OPERAND} goes to the vector model, larger to serial`,
} as const;
const MODEL_HINTS = {
  vector: 'The notebook’s model: reads a, then b, 8 bits at a time, and answers 8 bits.',
  serial: 'Reads one bit of a and of b per step, least significant first, and writes one bit of the sum.',
  auto: 'The API chooses: vector when both numbers are 0 to 127, serial otherwise.',
} as const;
const OPTION_TEXT = { serial: 'serial (any length)', vector: 'vector (0 to 127)', auto: 'auto (the API picks)' };

export const operandEls = (['a', 'b'] as const).map((name) => ({
  name,
  input: byId<HTMLInputElement>(name),
  range: byId<HTMLInputElement>(`${name}-range`),
  hint: byId(`${name}-hint`),
}));

const model = byId<HTMLSelectElement>('model');
const modelHint = byId('model-hint');
const option = (value: ModelChoice) => model.querySelector<HTMLOptionElement>(`option[value="${value}"]`)!;

export interface InputsContext {
  yours: YourModel | null;
  /** The model that answered last, so `auto` can say which it was. */
  answered: 'vector' | 'serial' | null;
}

/** Puts the state into the form. The boxes are text boxes for every model, so they keep what was typed (`abc`). */
export function renderInputs(state: PlaygroundState, { yours, answered }: InputsContext): void {
  const mine = option('yours');
  mine.disabled = !yours;
  mine.textContent = yours ? describeYours(yours) : 'your model (train one or open a file first)';
  option('auto').textContent = state.model === 'auto' && answered ? `auto (${answered} answered)` : OPTION_TEXT.auto;
  model.value = state.model;
  const arch = state.model === 'yours' ? (yours?.weights.arch ?? 'serial') : state.model;
  modelHint.textContent =
    state.model === 'yours'
      ? yours
        ? `Runs in this tab with core. ${MODEL_HINTS[yours.weights.arch]}`
        : 'There is none yet: press Play to train one, or open a weights file.'
      : MODEL_HINTS[state.model];
  for (const { name, input, range, hint } of operandEls) {
    if (input.value !== state[name]) input.value = state[name];
    range.hidden = arch !== 'vector' && arch !== 'auto';
    const typed = state[name];
    range.value = String(sliderValue(typed));
    range.setAttribute(
      'aria-valuetext',
      /^\d+$/.test(typed) && sliderValue(typed) === Number(typed)
        ? typed
        : `${typed === '' ? 'empty' : `“${typed.slice(0, 12)}”`}: not a number from 0 to ${VECTOR_MAX_OPERAND}`,
    );
    hint.textContent = OPERAND_HINTS[arch];
  }
}
