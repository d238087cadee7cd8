import { describe, expect, it } from 'vitest';
import { createEvalQueue, type EvalWorker } from '../src/train/eval-queue';

/** A stand-in worker: records what is posted; `answer()` replies to the oldest request not answered yet. */
function fakeWorker() {
  const posted: { id: number; weights: string; seed: number }[] = [];
  let listener: ((event: Event) => void) | null = null;
  let answered = 0;
  const worker: EvalWorker = {
    postMessage: (message: (typeof posted)[number]) => void posted.push(message),
    addEventListener: (_type: string, fn: (event: Event) => void) => void (listener = fn),
    terminate: () => {},
  } as unknown as EvalWorker;
  const answer = () => {
    const request = posted[answered++]!;
    listener!({ data: { id: request.id, measured: request.weights } } as unknown as Event);
  };
  return { worker, posted, answer };
}

describe('the evaluation queue', () => {
  it('measures one epoch at a time and only the newest of those that wait', () => {
    const { worker, posted, answer } = fakeWorker();
    const got: [string, number][] = [];
    const queue = createEvalQueue<string, { id: number; measured: string }>(
      worker,
      (reply, epoch) => got.push([reply.measured, epoch]),
      () => 7,
    );
    queue.request('w3', 3);
    queue.request('w6', 6);
    queue.request('w9', 9); // replaces w6, which has not been sent
    expect(posted).toEqual([{ id: 1, weights: 'w3', seed: 7 }]);
    expect(queue.asked).toBe(9);
    answer();
    expect(posted.map((p) => p.weights)).toEqual(['w3', 'w9']);
    answer();
    expect(got).toEqual([
      ['w3', 3],
      ['w9', 9],
    ]);
  });

  it('drops what a finished run asked for', () => {
    const { worker, posted, answer } = fakeWorker();
    const got: string[] = [];
    const queue = createEvalQueue<string, { id: number; measured: string }>(worker, (r) => got.push(r.measured));
    queue.request('old', 1);
    queue.request('old waiting', 2);
    queue.clear();
    expect(queue.asked).toBe(-1);
    queue.request('new', 1);
    answer(); // the old run's reply: ignored, and the new request goes out
    answer();
    expect(posted.map((p) => p.weights)).toEqual(['old', 'new']);
    expect(got).toEqual(['new']);
  });
});
