// The second thread of verify-pool.ts: checks one share of a serial verification plan with core.
import { parentPort } from 'node:worker_threads';
import { parseWeights } from '@lstm-adder/core';
import { drain, type Plan, type PlanShare, verifySerialSteps } from '../verify.js';

interface Job {
  id: number;
  weights: unknown;
  plan: Plan;
  failFast: boolean;
  share: PlanShare;
  flag: SharedArrayBuffer;
}

const port = parentPort!;
port.on('message', ({ id, weights, plan, failFast, share, flag }: Job) => {
  const stop = new Int32Array(flag);
  try {
    const result = drain(
      verifySerialSteps(parseWeights(weights), plan, { failFast, share, cancelled: () => Atomics.load(stop, 0) === 1 }),
    );
    if (failFast && !result.passed) Atomics.store(stop, 0, 1);
    port.postMessage({ id, result });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
