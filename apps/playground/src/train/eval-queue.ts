// Measuring the weights being trained, off the page's thread: one long-lived worker, one request in flight, and
// only the newest waiting (epochs come faster than the measurements, and an older epoch's figures are stale).

/** What the queue needs of a Worker (a test passes a stand-in). */
export type EvalWorker = Pick<Worker, 'postMessage' | 'addEventListener' | 'terminate'>;

export interface EvalQueue<W> {
  /** Measures `weights` of `epoch` now, or as soon as the measurement in flight ends (replacing any waiting one). */
  request(weights: W, epoch: number): void;
  /** The last epoch asked for (in flight or waiting), or −1. */
  readonly asked: number;
  /** Forgets the waiting request and ignores the reply in flight (a new run starts). */
  clear(): void;
  dispose(): void;
}

/**
 * `reply(message, epoch)` gets each reply of the current run with the epoch it measured. Requests are `{ id, weights,
 * seed }`: a fresh seed each time, so a rate is never measured twice on the same random pairs.
 */
export function createEvalQueue<W, R extends { id: number }>(
  worker: EvalWorker,
  reply: (message: R, epoch: number) => void,
  seed: () => number = () => (Math.random() * 2 ** 31) >>> 0,
): EvalQueue<W> {
  let nextId = 0;
  let inFlight: { id: number; epoch: number } | null = null;
  let waiting: { weights: W; epoch: number } | null = null;
  let asked = -1;
  /** Replies to ids below this belong to a cleared run. */
  let firstOfRun = 1;

  const send = (weights: W, epoch: number) => {
    inFlight = { id: ++nextId, epoch };
    worker.postMessage({ id: inFlight.id, weights, seed: seed() });
  };

  worker.addEventListener('message', (event: Event) => {
    const message = (event as MessageEvent<R>).data;
    const answered = inFlight;
    if (!answered || message.id !== answered.id) return;
    inFlight = null;
    if (message.id >= firstOfRun) reply(message, answered.epoch);
    const next = waiting;
    waiting = null;
    if (next) send(next.weights, next.epoch);
  });

  return {
    request(weights, epoch) {
      asked = epoch;
      if (inFlight) waiting = { weights, epoch };
      else send(weights, epoch);
    },
    get asked() {
      return asked;
    },
    clear() {
      waiting = null;
      asked = -1;
      firstOfRun = nextId + 1;
    },
    dispose() {
      worker.terminate();
    },
  };
}
