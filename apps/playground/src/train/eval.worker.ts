// Measures the weights being trained with core, off both the page's thread and the training worker:
// serial, the exact-match rate by length on fresh random pairs; vector, every one of the 16,384 pairs.
import { createAdder, evaluateAllPairs, evaluateSerial, VECTOR_MAX_OPERAND } from '@lstm-adder/core';
import type { EvalReply, EvalRequest } from './eval-protocol';
import { LENGTHS } from './eval-protocol';

const post = (message: EvalReply, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(message, transfer);

self.addEventListener('message', (event: MessageEvent<EvalRequest>) => {
  const { id, weights, seed } = event.data;
  try {
    const adder = createAdder(weights);
    if (adder.arch === 'serial') {
      // Fresh pairs each time (the seed changes per request): a rate measured on the same pairs would flatter.
      const result = evaluateSerial(adder, {
        widths: LENGTHS.map((l) => l.bits),
        samples: LENGTHS.map((l) => l.samples),
        seed,
      });
      post({
        type: 'lengths',
        id,
        byWidth: result.byWidth.map(({ width, samples, correct }) => ({ width, samples, correct })),
      });
    } else {
      const side = VECTOR_MAX_OPERAND + 1;
      const result = evaluateAllPairs(adder);
      const sums = Int16Array.from({ length: side * side }, (_, k) => Math.floor(k / side) + (k % side));
      for (const w of result.wrong) sums[w.a * side + w.b] = w.got;
      const correct = result.correct;
      post({ type: 'pairs', id, sums, correct }, [sums.buffer]);
    }
  } catch (error) {
    post({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) });
  }
});
