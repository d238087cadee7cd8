// Who answers the question on the page: the edge API, your model (yours/your-model.ts: trained, opened or linked,
// run by core in this tab), or, when the API cannot be reached, the shipped weights run in the browser.
// Core and the weights load only when a local answer is first needed; TF.js never enters here.
import type { Adder } from '@lstm-adder/core';
import type { AddOutcome, Api } from '../api';
import type { PlaygroundState } from '../state';
import type { YourModel } from '../yours/your-model';

/** What `data-testid="answer-source"` starts with (and its `data-source`): `file` is a model of yours opened from
 * a file, `yours` one trained here or carried by a link. */
export type AnswerSource = 'edge' | 'yours' | 'file' | 'shipped-local';

export interface SourcedOutcome {
  outcome: AddOutcome;
  source: AnswerSource;
  /** Set when the API could not be reached (the answer, if any, then came from the shipped weights). */
  unreachable: Extract<AddOutcome, { kind: 'unreachable' }> | null;
}

/** The refusal when `model=yours` is asked for and there is none. */
export const NO_MODEL_OF_YOURS = 'no_model_of_yours';

const localModule = () => import('./local-answer');

export function createAnswerSource(api: Api) {
  let yours: (YourModel & { adder: Promise<Adder> }) | null = null;
  const listeners = new Set<() => void>();

  async function local(state: PlaygroundState, trace: boolean, adder: Promise<Adder>): Promise<AddOutcome> {
    const { localAnswer } = await localModule();
    return localAnswer(await adder, state.a, state.b, trace);
  }

  return {
    get yours(): YourModel | null {
      return yours && { weights: yours.weights, origin: yours.origin };
    },
    /** Sets (or clears) your model: the one `model=yours` answers with. */
    setYours(model: YourModel | null): void {
      yours = model && { ...model, adder: localModule().then((m) => m.adderOf(model.weights)) };
      for (const listener of listeners) listener();
    },
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async add(state: PlaygroundState, trace: boolean): Promise<SourcedOutcome> {
      const { model } = state;
      if (model === 'yours') {
        const outcome: AddOutcome = yours
          ? await local(state, trace, yours.adder)
          : { kind: 'refused', status: 400, code: NO_MODEL_OF_YOURS, param: 'model', message: 'no model of yours' };
        return { outcome, source: yours?.origin.kind === 'file' ? 'file' : 'yours', unreachable: null };
      }
      const outcome = await api.add({ ...state, model }, trace);
      if (outcome.kind !== 'unreachable') return { outcome, source: 'edge', unreachable: null };
      const { chosenModel, shippedAdder } = await localModule();
      const chosen = chosenModel(model, state.a, state.b);
      return {
        outcome: await local(state, trace, shippedAdder(chosen)),
        source: 'shipped-local',
        unreachable: outcome,
      };
    },
  };
}

export type AnswerSourceControl = ReturnType<typeof createAnswerSource>;
