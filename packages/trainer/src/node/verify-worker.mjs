// The second thread of verify-pool.ts: checks one share of a serial verification plan with core. Plain JS that loads
// the TypeScript through tsx's API (a worker does not inherit the loader the CLI registered in its own thread).
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { parseWeights } = await import('@lstm-adder/core');
const { drain, verifySerialSteps } = await tsImport('../verify.ts', import.meta.url);

parentPort.on('message', ({ id, weights, plan, failFast, share, flag }) => {
  const stop = new Int32Array(flag);
  try {
    const result = drain(
      verifySerialSteps(parseWeights(weights), plan, { failFast, share, cancelled: () => Atomics.load(stop, 0) === 1 }),
    );
    if (failFast && !result.passed) Atomics.store(stop, 0, 1);
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.message ?? error) });
  }
});
parentPort.postMessage({ ready: true });
