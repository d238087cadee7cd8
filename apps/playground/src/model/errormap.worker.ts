// Runs a vector model over all 128 × 128 pairs with @lstm-adder/core, off the main thread, and
// streams one row (one value of a) at a time so the map fills in as it goes. The page sends the
// weights of the model that answers (from the API), so the map and the answers agree.
import { createAdder, weightsFingerprint } from '@lstm-adder/core';
import { weightsOf } from './model-weights';
import { SIDE, type ErrorMapMessage, type ErrorMapRequest } from './errormap-protocol';

const post = (message: ErrorMapMessage, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(message, transfer);

self.addEventListener('message', (event: MessageEvent<ErrorMapRequest>) => {
  try {
    const started = performance.now();
    const weights = weightsOf(event.data.model);
    const adder = createAdder(weights);
    let correct = 0;
    for (let a = 0; a < SIDE; a++) {
      const sums = new Int16Array(SIDE);
      for (let b = 0; b < SIDE; b++) {
        const sum = Number(adder.add(a, b).sum);
        sums[b] = sum;
        if (sum === a + b) correct++;
      }
      post({ type: 'row', a, sums }, [sums.buffer]);
    }
    post({
      type: 'done',
      correct,
      total: SIDE * SIDE,
      fingerprint: weightsFingerprint(weights),
      ms: performance.now() - started,
    });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
});
