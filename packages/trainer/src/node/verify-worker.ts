// The second thread of verify-pool.ts: checks one share of a serial verification plan with core, or runs core's
// prover on a whole model (the main thread keeps hearing signals meanwhile).
import { parentPort } from 'node:worker_threads';
import { parseWeights } from '@lstm-adder/core';
import { type ProveSerialOptions, proveSerial } from '@lstm-adder/core/proof';
import { drain, type Plan, type PlanShare, verifySerialSteps } from '../verify.js';

interface VerifyJob {
  kind: 'verify';
  id: number;
  weights: unknown;
  plan: Plan;
  failFast: boolean;
  share: PlanShare;
  flag: SharedArrayBuffer;
}
interface ProveJob {
  kind: 'prove';
  id: number;
  weights: unknown;
  options: Pick<ProveSerialOptions, 'maxCells' | 'seconds' | 'falsify'>;
}

const port = parentPort!;
port.on('message', (job: VerifyJob | ProveJob) => {
  const { id } = job;
  try {
    if (job.kind === 'prove') {
      const proof = proveSerial(parseWeights(job.weights), {
        ...job.options,
        onProgress: (progress) => port.postMessage({ id, progress }),
      });
      port.postMessage({ id, proof });
      return;
    }
    const stop = new Int32Array(job.flag);
    const { failFast, share } = job;
    const result = drain(
      verifySerialSteps(parseWeights(job.weights), job.plan, {
        failFast,
        share,
        cancelled: () => Atomics.load(stop, 0) === 1,
      }),
    );
    if (failFast && !result.passed) Atomics.store(stop, 0, 1);
    port.postMessage({ id, result });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
port.postMessage({ ready: true });
