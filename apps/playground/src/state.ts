// The page's whole user state, one serialisable object that round-trips through the URL
// query (`?a=57&b=99&model=vector`), so any view can be shared and reloaded.
import { VECTOR_MAX_OPERAND } from '@lstm-adder/core';

/** `yours`: the model you trained here, opened from a file or got with a link (see yours/your-model.ts). */
export const MODEL_CHOICES = ['serial', 'vector', 'auto', 'yours'] as const;
export type ModelChoice = (typeof MODEL_CHOICES)[number];

export interface PlaygroundState {
  /** Operands exactly as typed: the API, not the page, decides what is valid. */
  a: string;
  b: string;
  model: ModelChoice;
}

/** The serial model on a carry chain: 10110111 + 01101101 carries out of every one of its eight bits. */
export const DEFAULT_STATE: Readonly<PlaygroundState> = Object.freeze({ a: '183', b: '109', model: 'serial' });

/** Keys this module owns in the query string; any other key (such as `api`) is left alone. */
const STATE_KEYS = ['a', 'b', 'model'] as const;

export function isModelChoice(value: unknown): value is ModelChoice {
  return typeof value === 'string' && (MODEL_CHOICES as readonly string[]).includes(value);
}

/** Reads the state from a query string; a missing or unknown value falls back to the default. */
export function parseState(search: string): PlaygroundState {
  const params = new URLSearchParams(search);
  const model = params.get('model');
  return {
    a: params.get('a') ?? DEFAULT_STATE.a,
    b: params.get('b') ?? DEFAULT_STATE.b,
    model: isModelChoice(model) ? model : DEFAULT_STATE.model,
  };
}

/** Writes the state into a query string (with leading `?`), keeping keys it does not own. */
export function serializeState(state: PlaygroundState, currentSearch = ''): string {
  const params = new URLSearchParams(currentSearch);
  for (const key of STATE_KEYS) params.delete(key);
  const ours = new URLSearchParams({ a: state.a, b: state.b, model: state.model });
  for (const [key, value] of params) ours.append(key, value);
  return `?${ours.toString()}`;
}

export function sameState(x: PlaygroundState, y: PlaygroundState): boolean {
  return x.a === y.a && x.b === y.b && x.model === y.model;
}

/** Where an operand's slider sits for what was typed: the number, clamped to 0..127; 0 when the box holds none. */
export function sliderValue(typed: string): number {
  if (!/^\d+$/.test(typed)) return 0;
  return typed.length > 3 ? VECTOR_MAX_OPERAND : Math.min(VECTOR_MAX_OPERAND, Number(typed));
}
