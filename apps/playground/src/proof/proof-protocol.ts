// Messages between the proof panel and its worker.
import type { Weights } from '@lstm-adder/core';
import type { SerialCertificate } from '@lstm-adder/core/proof';
import type { Edge, ProofPicture, ProofState } from './proof-data';

export type ProofRequest =
  /** The shipped serial model (the edge API's): the worker re-checks the certificate shipped beside it. */
  | { model: 'shipped' }
  /** A model of yours; its certificate when it was proven in this tab (then checked, not proven again). */
  | { model: 'yours'; weights: Weights; certificate: SerialCertificate | null };

export interface ProofOutcome {
  state: ProofState;
  /** The automaton's 8 edges with their certified margins, when proven. */
  edges: Edge[] | null;
  picture: ProofPicture | null;
  /** `checked`: a certificate re-checked in one pass; `proved`: the prover searched. */
  how: 'checked' | 'proved';
  seconds: number;
}

export type ProofMessage =
  | { type: 'checking' }
  /** The cells could not decide: a wider search for a wrong sum runs. */
  | { type: 'searching' }
  | { type: 'progress'; cells: number; seconds: number }
  | { type: 'done'; outcome: ProofOutcome }
  | { type: 'failed'; message: string };
