// Off the main thread: core's certificate checker (a model proven before: one pass, no search) or core's prover
// (with progress), then the picture of the cells. The page ends this worker when its model changes.
import { parseWeights, type Weights } from '@lstm-adder/core';
import shippedCertificate from '@lstm-adder/core/models/serial.certificate.json';
import shippedWeights from '@lstm-adder/core/models/serial.json';
import { checkCertificate, findCounterexample, proveSerial, type SerialCertificate } from '@lstm-adder/core/proof';
import { pictureOf } from './proof-data';
import type { ProofMessage, ProofOutcome, ProofRequest } from './proof-protocol';

const post = (message: ProofMessage) => (self as unknown as Worker).postMessage(message);
/** Progress at most this often: a proof reports after every wave of cells. */
const PROGRESS_MS = 100;
/** The falsifier's budgets: before the cells (core's quick search, with room for a cold, loaded worker), and a
 *  longer search when the cells could not decide (core's defaults). */
const FIRST_SEARCH = { beam: 256, depth: 160, seconds: 3 };
const SECOND_SEARCH = { beam: 500, depth: 256, seconds: 5 };

function check(weights: Weights, certificate: SerialCertificate): ProofOutcome | null {
  post({ type: 'checking' });
  const c = checkCertificate(weights, certificate);
  if (!c.valid || c.minLogit === null || !c.edges) return null;
  return {
    state: { kind: 'proven', cells: c.cells, minLogit: c.minLogit },
    edges: c.edges,
    picture: pictureOf(certificate, weights.hiddenSize),
    how: 'checked',
    seconds: c.seconds,
  };
}

function prove(weights: Weights): ProofOutcome {
  let last = 0;
  const proof = proveSerial(weights, {
    falsify: FIRST_SEARCH,
    onProgress(p) {
      const now = performance.now();
      if (now - last < PROGRESS_MS) return;
      last = now;
      post({ type: 'progress', cells: p.cells, seconds: p.seconds });
    },
  });
  const base = { how: 'proved' as const, seconds: proof.seconds, edges: null, picture: null };
  if (proof.proven && proof.certificate && proof.edges && proof.minLogit !== null)
    return {
      ...base,
      state: { kind: 'proven', cells: proof.cells, minLogit: proof.minLogit },
      edges: proof.edges,
      picture: pictureOf(proof.certificate, weights.hiddenSize),
    };
  // Undecided cells prove nothing either way: a wider search for a wrong sum before saying so.
  let found = proof.counterexample;
  if (!found) {
    post({ type: 'searching' });
    found = findCounterexample(weights, SECOND_SEARCH) ?? undefined;
  }
  if (found) return { ...base, state: { kind: 'wrong', a: found.a, b: found.b } };
  return { ...base, state: { kind: 'undecided', reason: proof.failure ?? 'the cells did not close' } };
}

self.addEventListener('message', (event: MessageEvent<ProofRequest>) => {
  try {
    const request = event.data;
    const weights = parseWeights(request.model === 'shipped' ? shippedWeights : request.weights);
    const certificate =
      request.model === 'shipped' ? (shippedCertificate as unknown as SerialCertificate) : request.certificate;
    // A certificate that does not check (other weights, tampered) is no proof: the prover then searches.
    const outcome = (certificate && check(weights, certificate)) || prove(weights);
    post({ type: 'done', outcome });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
