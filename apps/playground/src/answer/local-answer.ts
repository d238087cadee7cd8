// Answers computed in the browser with core, in the edge API's JSON shape, so the answer views
// cannot tell (and need not care) whether the API or this tab did the sum.
import {
  createAdder,
  defaultArch,
  formatAnswer,
  parseWeights,
  type Adder,
  type AddResult,
  type Weights,
} from '@lstm-adder/core';
import type { AddAnswer, AddOutcome } from '../api';
import type { ModelChoice } from '../state';

type ModelName = AddAnswer['model'];

/** The model the API would pick for `auto` (core's defaultArch), or the one chosen. */
export function chosenModel(choice: Exclude<ModelChoice, 'yours'>, a: string, b: string): ModelName {
  return choice === 'auto' ? defaultArch(a, b) : choice;
}

/** Adds with `adder`; a bad operand is refused with core's message, named after the parameter like the API's. */
export function localAnswer(adder: Adder, a: string, b: string, trace: boolean): AddOutcome {
  let result: AddResult;
  try {
    result = adder.add(a, b, { trace });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      kind: 'refused',
      status: 400,
      code: 'invalid_operand',
      message: message.replace(/^(a|b) /, 'Parameter "$1" '),
    };
  }
  return { kind: 'answer', answer: formatAnswer(result, adder.arch) };
}

const shipped = new Map<ModelName, Promise<Adder>>();
/** The weights shipped with the page (loaded on first use): what answers when the API cannot be reached. */
export function shippedAdder(model: ModelName): Promise<Adder> {
  let adder = shipped.get(model);
  if (!adder) {
    const json =
      model === 'vector'
        ? import('@lstm-adder/core/models/vector.json')
        : import('@lstm-adder/core/models/serial.json');
    adder = json.then((m) => createAdder(parseWeights(m.default)));
    shipped.set(model, adder);
  }
  return adder;
}

export function adderOf(weights: Weights): Adder {
  return createAdder(weights);
}
