// "Your model": weights this tab answers with, however they came (trained here, opened from a file, or carried by
// a link). One kind of thing, so the model select, the answer's source line and the model link treat them alike.
import { quote, type Weights } from '@lstm-adder/core';

export type Origin =
  /** Trained in this tab; `verified` once core's verification passed (else the weights of a paused epoch). */
  | { kind: 'trained'; seed: number; epoch: number; verified: boolean }
  /** Opened from a file on disk. */
  | { kind: 'file'; name: string }
  /** Carried in the page's address (yours/link.ts). */
  | { kind: 'link' };

export interface YourModel {
  weights: Weights;
  origin: Origin;
}

/** Where the model came from, to follow "your serial model": "trained here (seed 1, epoch 6)", `from "a.json"`
 * (a file's name through core's quote: escaped, and cut when long). */
export function originText(origin: Origin): string {
  switch (origin.kind) {
    case 'trained':
      return `trained here (seed ${origin.seed}, epoch ${origin.epoch}${origin.verified ? '' : ', paused'})`;
    case 'file':
      return `from ${quote(origin.name)}`;
    case 'link':
      return 'which came with the link';
  }
}

/** "your serial model, which came with the link" */
export function describeYours(model: YourModel): string {
  return `your ${model.weights.arch} model, ${originText(model.origin)}`;
}
