// One computation in a fresh Web Worker: progress messages, then `done` or `failed`, then the worker ends.
// Both the pair map and the serial statistics run this way.

export interface WorkerJob<M> {
  /** Each message the worker posts before it ends, `done` included. */
  message(message: M): void;
  /** Once, if the worker cannot start or reports a failure. */
  failed(reason: string): void;
}

/**
 * Starts `create()` (a `new Worker(new URL(…), …)` written in the caller, so Vite bundles that worker) and posts it
 * `request`. Returns a function that stops it.
 */
export function startWorkerJob<M extends { type: string }>(
  create: () => Worker,
  request: unknown,
  job: WorkerJob<M>,
): () => void {
  let worker: Worker;
  try {
    worker = create();
  } catch (error) {
    job.failed(`this needs Web Workers (${String(error)})`);
    return () => {};
  }
  worker.addEventListener('message', (event: MessageEvent<M | { type: 'failed'; message: string }>) => {
    const message = event.data;
    if (message.type === 'failed') {
      job.failed((message as { message: string }).message);
      worker.terminate();
      return;
    }
    job.message(message as M);
    if (message.type === 'done') worker.terminate();
  });
  worker.addEventListener('error', (event) => job.failed(event.message || 'the worker failed to start'));
  worker.postMessage(request);
  return () => worker.terminate();
}
