// A serial verification on two threads: at H = 3 core checks ~1.8 million sum bits per verified model, and training
// waits for the verdict, so the machine's second core takes every other sum. Same verdict as one thread (counts,
// margin, carry chains; test/verify-pool.test.ts); a worker that cannot start or fails leaves the whole plan to this
// thread. Proofs run on the worker too: seconds of work during which this thread still hears a signal, and stops
// the worker.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Weights } from '@lstm-adder/core';
import type { ProofProgress, SerialProof } from '@lstm-adder/core/proof';
import { proveHere, type ProofRunner } from '../pipeline.js';
import {
  drainAsync,
  mergeVerifications,
  runPlanHere,
  verifySerialSteps,
  type PlanRunner,
  type SerialVerification,
} from '../verify.js';

export interface VerifyPool {
  run: PlanRunner;
  prove: ProofRunner;
  /** How many runs the worker took its share of (the others ran here alone). */
  readonly shared: number;
  close(): Promise<void>;
}

type Reply = {
  id: number;
  result?: SerialVerification;
  proof?: SerialProof;
  progress?: ProofProgress;
  error?: string;
};

/** The worker's file, built beside this module in dist/; run from the TypeScript sources (the tests, the bench), the
 *  build of the same sources (a worker thread does not inherit tsx's loader). */
const WORKER = new URL(
  import.meta.url.endsWith('.ts') ? '../../dist/verify-worker.js' : './verify-worker.js',
  import.meta.url,
);

/** Starts the worker now (it loads while training runs); `threads` below 2 (or one core) runs everything here. */
export function createVerifyPool(threads = Math.min(2, availableParallelism())): VerifyPool {
  if (threads < 2) return { run: runPlanHere, prove: proveHere, shared: 0, close: async () => {} };
  let worker: Worker | null = null;
  const pending = new Map<number, (reply: Reply) => void>();
  const progress = new Map<number, (p: ProofProgress) => void>();
  let nextId = 0,
    shared = 0;
  const broken = (why: string) => {
    worker = null;
    for (const settle of pending.values()) settle({ id: -1, error: why });
    pending.clear();
  };
  const start = () => {
    const w = new Worker(WORKER);
    w.unref(); // never keeps the process alive
    w.on('message', (reply: Reply & { ready?: true }) => {
      if (reply.ready) return;
      if (reply.progress) progress.get(reply.id)?.(reply.progress);
      else {
        pending.get(reply.id)?.(reply);
        pending.delete(reply.id);
        progress.delete(reply.id);
      }
    });
    w.on('error', (error) => broken(String(error.message)));
    w.on('exit', () => broken('the verification worker exited'));
    return w;
  };
  worker = start();

  const run: PlanRunner = async (weights: Weights, plan, failFast) => {
    if (!worker) return runPlanHere(weights, plan, failFast);
    const flag = new SharedArrayBuffer(4),
      stop = new Int32Array(flag);
    const id = nextId++;
    const theirs = new Promise<Reply>((settle) => pending.set(id, settle));
    worker.postMessage({ kind: 'verify', id, weights, plan, failFast, share: { index: 1, count: 2 }, flag });
    const mine = await drainAsync(
      verifySerialSteps(weights, plan, {
        failFast,
        share: { index: 0, count: 2 },
        cancelled: () => Atomics.load(stop, 0) === 1,
      }),
    );
    if (failFast && !mine.passed) Atomics.store(stop, 0, 1);
    const reply = await theirs;
    if (reply.result) shared++;
    const other =
      reply.result ?? (await drainAsync(verifySerialSteps(weights, plan, { failFast, share: { index: 1, count: 2 } })));
    return mergeVerifications([mine, other]);
  };
  const prove: ProofRunner = async (weights, options, cancelled) => {
    if (!worker) return proveHere(weights, options, cancelled);
    const id = nextId++;
    const reply = new Promise<Reply>((settle) => pending.set(id, settle));
    if (options.onProgress) progress.set(id, options.onProgress);
    const { maxCells, seconds, falsify } = options;
    worker.postMessage({ kind: 'prove', id, weights, options: { maxCells, seconds, falsify } });
    // A signal stops the worker at once: the proof is abandoned (and the run ends: nothing else waits for the worker).
    const poll = setInterval(() => {
      if (cancelled()) void worker?.terminate();
    }, 50);
    try {
      const { proof, error } = await reply;
      if (cancelled()) return null;
      if (proof) return proof;
      throw new Error(error ?? 'the proof worker stopped');
    } finally {
      clearInterval(poll);
    }
  };
  return {
    run,
    prove,
    get shared() {
      return shared;
    },
    close: async () => {
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}
