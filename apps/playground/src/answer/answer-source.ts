// Who answers the question on the page: the edge API, "your model" (weights trained or opened in this
// tab, run by core), or, when the API cannot be reached, the shipped weights run in the browser.
// Core and the weights load only when a local answer is first needed; TF.js never enters here.
import type { Adder, Weights } from '@lstm-adder/core';
import type { AddOutcome, Api } from '../api';
import type { PlaygroundState } from '../state';

/** What `data-testid="answer-source"` shows. */
export type AnswerSource = 'edge' | 'yours' | 'shipped-local';
/** What the visitor asked for; `shipped-local` is never chosen, only fallen back to. */
export type AnswerPreference = 'edge' | 'yours';

export interface SourcedOutcome {
  outcome: AddOutcome;
  source: AnswerSource;
  /** Set when the API could not be reached (the answer, if any, then came from the shipped weights). */
  unreachable: Extract<AddOutcome, { kind: 'unreachable' }> | null;
}

export interface YourModel {
  weights: Weights;
  /** Where it came from, for the page: "trained here, epoch 12" or "opened serial-8.json". */
  label: string;
}

const localModule = () => import('./local-answer');

export function createAnswerSource(api: Api) {
  let preference: AnswerPreference = 'edge';
  let yours: (YourModel & { adder: Promise<Adder> }) | null = null;
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const f of listeners) f();
  };

  async function local(state: PlaygroundState, trace: boolean, adder: Promise<Adder>): Promise<AddOutcome> {
    const { localAnswer } = await localModule();
    return localAnswer(await adder, state.a, state.b, trace);
  }

  return {
    get preference(): AnswerPreference {
      return preference;
    },
    get yours(): YourModel | null {
      return yours && { weights: yours.weights, label: yours.label };
    },
    /** Chooses who answers; `yours` needs a model (setYours) first. */
    prefer(next: AnswerPreference): void {
      if (next === 'yours' && !yours)
        throw new Error('there is no model of yours yet: train one or open a weights file');
      if (next === preference) return;
      preference = next;
      changed();
    },
    /** Sets (or clears) your model; clearing it while it answers hands the answers back to the edge API. */
    setYours(model: YourModel | null): void {
      yours = model && { ...model, adder: localModule().then((m) => m.adderOf(model.weights)) };
      if (!yours && preference === 'yours') preference = 'edge';
      changed();
    },
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async add(state: PlaygroundState, trace: boolean): Promise<SourcedOutcome> {
      if (preference === 'yours' && yours)
        return { outcome: await local(state, trace, yours.adder), source: 'yours', unreachable: null };
      const outcome = await api.add(state, trace);
      if (outcome.kind !== 'unreachable') return { outcome, source: 'edge', unreachable: null };
      const { chosenModel, shippedAdder } = await localModule();
      const model = chosenModel(state.model, state.a, state.b);
      return { outcome: await local(state, trace, shippedAdder(model)), source: 'shipped-local', unreachable: outcome };
    },
  };
}

export type AnswerSourceControl = ReturnType<typeof createAnswerSource>;
