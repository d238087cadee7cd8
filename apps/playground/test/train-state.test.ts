import { parseWeights } from '@lstm-adder/core';
import serialJson from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import type { EpochReport, FromWorker } from '../src/train/protocol';
import {
  controls,
  initialTrainState,
  shownWeights,
  speedText,
  statusText,
  type TrainAction,
  takeableWeights,
  trainReducer,
} from '../src/train/train-state';

const weights = parseWeights(serialJson);
const record = (epoch: number): EpochReport => ({
  epoch,
  loss: 0.5 / epoch,
  trainAccuracy: 0.9,
  heldOutAccuracy: 0.8,
  allPairsAccuracy: null,
  lr: 0.03,
  samples: 3200,
  seconds: epoch / 2,
});
const worker = (message: FromWorker, at = 0): TrainAction => ({ type: 'worker', message, at });
const run = (...actions: TrainAction[]) =>
  actions.reduce(trainReducer, trainReducer(initialTrainState(), { type: 'reset' }));
const backend = worker({ type: 'backend', backend: { name: 'wasm', reason: 'no GPU' }, ms: 120, weights });

describe('the Train view’s state', () => {
  it('waits for the visitor, starts, gets ready when the backend is up, and plays from the press of play', () => {
    expect(statusText(initialTrainState())).toBe('not started: press Play');
    expect(controls(initialTrainState())).toEqual({ play: true, pause: false, step: true, take: false });
    expect(statusText(run())).toBe('starting TF.js…');
    expect(statusText(run(backend))).toBe('ready: press play');
    expect(controls(run(backend))).toEqual({ play: true, pause: false, step: true, take: false });
    const playing = run(backend, { type: 'play', at: 1000 });
    expect(statusText(playing)).toBe('training (epoch 1)');
    expect(controls(playing)).toEqual({ play: false, pause: true, step: false, take: false });
    // Play pressed before the backend is up: the backend's arrival does not undo it.
    expect(run({ type: 'play', at: 5 }, backend).phase).toBe('playing');
  });

  it('keeps every epoch, the latest weights and the speed, and says which epoch runs', () => {
    const s = run(
      backend,
      { type: 'play', at: 0 },
      worker({ type: 'epoch', record: record(1), weights, wall: 500 }),
      worker({ type: 'epoch', record: record(2), weights: null, wall: 1000 }),
    );
    expect(s.records.map((r) => r.epoch)).toEqual([1, 2]);
    expect(s.epoch).toBe(2);
    expect(s.latest).toBe(weights); // an epoch without weights keeps the last ones
    expect(statusText(s)).toBe('training (epoch 3)');
    expect(speedText(s)).toBe('2.0 epochs/s · 6,400 pairs/s');
    expect(takeableWeights(s)).toBeNull(); // not while it runs
    const paused = trainReducer(s, worker({ type: 'state', state: 'paused' }));
    expect(statusText(paused)).toBe('paused after epoch 2');
    expect(takeableWeights(paused)).toBe(weights);
  });

  it('ends with core’s verdict, timed from the first press', () => {
    const exact = run(
      backend,
      { type: 'step', at: 1000 },
      { type: 'play', at: 2000 },
      worker({ type: 'epoch', record: record(1), weights, wall: 500 }),
      worker({ type: 'state', state: 'verifying' }),
      worker({ type: 'done', weights, passed: true, stopReason: 'target', wall: 900, verifyMs: 140 }, 3500),
    );
    expect(exact.verdict).toEqual({ passed: true, stopReason: 'target', verifyMs: 140, secondsFromPlay: 2.5 });
    // The shipped weights' meta records their proof over 390 cells: exact first, then proven.
    expect(statusText(exact)).toBe('exact and proven for every length after epoch 1 (2.50 s from play)');
    expect(controls(exact)).toEqual({ play: false, pause: false, step: false, take: true });
    const notExact = trainReducer(
      exact,
      worker({ type: 'done', weights, passed: false, stopReason: 'epochs', wall: 900, verifyMs: 1 }),
    );
    expect(statusText(notExact)).toContain('stopped after epoch 1 (epochs): not exact yet');
    expect(statusText(run(worker({ type: 'failed', message: 'no backend' })))).toBe('failed: no backend');
  });

  it('says how the proof goes while training, never "exact" before the verdict, and keeps the certificate', () => {
    const playing = run(
      backend,
      { type: 'play', at: 0 },
      worker({ type: 'epoch', record: record(3), weights, wall: 1 }),
    );
    const proving = trainReducer(
      playing,
      worker({ type: 'proof', report: { kind: 'progress', cells: 1234, seconds: 1 } }),
    );
    expect(statusText(proving)).toBe('training (epoch 4): sampled sums right; proving… 1,234 cells');
    const refuted = trainReducer(
      proving,
      worker({
        type: 'proof',
        report: { kind: 'result', proven: false, cells: 0, seconds: 1, counterexample: { a: '3', b: '1' } },
      }),
    );
    expect(statusText(refuted)).toBe('training (epoch 4): a sum was wrong, training on it');
    for (const s of [proving, refuted]) expect(statusText(s)).not.toContain('exact');
    const certificate = { format: 'lstm-adder.certificate/v1' } as never;
    const unproven = parseWeights(structuredClone(serialJson));
    unproven.meta.verification!.proof = { method: 'cells', proven: false, cells: 7, minLogit: null, seconds: 1 };
    const done = trainReducer(
      refuted,
      worker({ type: 'done', weights: unproven, passed: true, stopReason: 'time', wall: 2, verifyMs: 1, certificate }),
    );
    expect(done.certificate).toBe(certificate);
    expect(statusText(done)).toBe('exact, not proven for every length, after epoch 3 (0.00 s from play)');
    expect(trainReducer(done, { type: 'reset' }).proof).toBeNull();
  });

  it('starts afresh on reset', () => {
    const s = run(backend, { type: 'play', at: 0 }, worker({ type: 'epoch', record: record(1), weights, wall: 1 }));
    expect(trainReducer(s, { type: 'reset' })).toEqual(initialTrainState('starting'));
  });

  it('adds the sample sums with the newest weights it has, and says which', () => {
    expect(shownWeights(run())).toBeNull();
    const other = parseWeights(structuredClone(serialJson));
    expect(shownWeights(run(backend))?.what).toContain('random weights, before epoch 1');
    const trained = run(backend, worker({ type: 'epoch', record: record(4), weights: other, wall: 1 }));
    expect(shownWeights(trained)).toEqual({ weights: other, what: 'the float weights after epoch 4' });
    const done = trainReducer(
      trained,
      worker({ type: 'done', weights, passed: true, stopReason: 'target', wall: 2, verifyMs: 1 }),
    );
    expect(shownWeights(done)?.weights).toBe(weights);
    expect(shownWeights(done)?.what).toContain('exported weights core verified');
  });
});
