// Answers computed in the browser with core, in the edge API's JSON shape, so the answer views
// cannot tell (and need not care) whether the API or this tab did the sum.
import { createAdder, encodeSerial, encodeVector, formatResult, parseWeights, VECTOR_MAX_OPERAND, type Adder, type Weights } from '@lstm-adder/core';
import type { AddAnswer, AddOutcome } from '../api';
import type { ModelChoice } from '../state';

type ModelName = AddAnswer['model'];

const fitsVector = (digits: string): boolean => /^0*\d{1,3}$/.test(digits) && Number(digits) <= VECTOR_MAX_OPERAND;

/** The model the API would pick for `auto`: vector when both operands are 0..127, serial otherwise. */
export function chosenModel(choice: ModelChoice, a: string, b: string): ModelName {
  if (choice !== 'auto') return choice;
  return fitsVector(a) && fitsVector(b) ? 'vector' : 'serial';
}

/** Adds with `adder`; a bad operand is refused with core's message, named after the parameter like the API's. */
export function localAnswer(adder: Adder, a: string, b: string, trace: boolean): AddOutcome {
  let result;
  try {
    result = adder.add(a, b, { trace });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { kind: 'refused', status: 400, code: 'invalid_operand', message: message.replace(/^(a|b) /, 'Parameter "$1" ') };
  }
  const model = adder.arch;
  const answer: AddAnswer = { ...formatResult(result), model };
  if (result.trace) {
    const inputs = model === 'vector' ? encodeVector(Number(result.a), Number(result.b)) : encodeSerial(result.a, result.b);
    answer.trace = result.trace.map((s, t) => ({
      x: inputs[t] ?? [], i: [...s.i], f: [...s.f], g: [...s.g], o: [...s.o], c: [...s.c], h: [...s.h], y: [...s.y],
    }));
  }
  return { kind: 'answer', answer };
}

const shipped = new Map<ModelName, Promise<Adder>>();
/** The weights shipped with the page (loaded on first use): what answers when the API cannot be reached. */
export function shippedAdder(model: ModelName): Promise<Adder> {
  let adder = shipped.get(model);
  if (!adder) {
    const json = model === 'vector' ? import('@lstm-adder/core/models/vector.json') : import('@lstm-adder/core/models/serial.json');
    adder = json.then((m) => createAdder(parseWeights(m.default)));
    shipped.set(model, adder);
  }
  return adder;
}

export function adderOf(weights: Weights): Adder {
  return createAdder(weights);
}
