// The training worker: starts a TF.js backend and steps @lstm-adder/trainer's own loop one epoch at a time,
// so the page can play, pause and step it, and sees the weights as they are after every epoch.
import { createTraining, DEFAULTS, type TrainConfig, type Training } from '@lstm-adder/trainer/browser';
import { startBackend } from './backend';
import type { BackendInfo, FromWorker, ToWorker, TrainSettings } from './protocol';

const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);
/** Waits `ms` (0: just lets the messages waiting in the queue in). */
const pauseFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The trainer's recipe for the arch with the visitor's settings. Vector trains on all 16,384 pairs and stops
 *  at the first epoch core verifies exact (the CLI's default holds 10 % out and runs a fixed schedule). */
export function configOf(s: TrainSettings): TrainConfig {
  const mine = { hidden: s.hidden, lr: s.lr, batch: s.batch, seed: s.seed, maxSeconds: Infinity };
  return s.arch === 'vector'
    ? { ...DEFAULTS.vector, ...mine, holdout: 0, keep: 'best' }
    : { ...DEFAULTS.serial, ...mine };
}

let backend: Promise<BackendInfo> | null = null;
let training: Training | null = null;
let started = 0;
/** Epochs still wanted: Infinity while playing, 1 for a step, 0 when paused. */
let wanted = 0;
let running = false;
/** Slow motion: the pause after each epoch while playing. */
let delayMs = 0;

async function run(): Promise<void> {
  if (running || !training) return;
  running = true;
  const info = await backend!;
  try {
    if (!started) started = performance.now();
    post({ type: 'state', state: 'playing' });
    while (wanted > 0 && !training.loop.done) {
      wanted--;
      const record = await training.loop.step();
      if (record)
        post({ type: 'epoch', record, weights: training.currentWeights(), wall: performance.now() - started });
      await pauseFor(wanted > 0 ? delayMs : 0); // a pause or step message lands here
    }
    if (training.loop.done) {
      post({ type: 'state', state: 'verifying' });
      const verifyStarted = performance.now();
      const model = await training.finish(info, { trainedIn: 'browser' });
      training = null;
      post({
        type: 'done',
        weights: model.weights,
        passed: model.verification.passed,
        stopReason: model.result.stopReason,
        wall: performance.now() - started,
        verifyMs: performance.now() - verifyStarted,
        ...(model.certificate ? { certificate: model.certificate } : {}),
      });
    } else {
      post({ type: 'state', state: 'paused' });
    }
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    running = false;
  }
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'start') {
    const t0 = performance.now();
    backend = startBackend(message.settings.backend);
    backend.then(
      (info) => {
        // The serial recipe ends only with a model core proves right for every length; its progress is shown.
        training = createTraining(configOf(message.settings), {
          onProof: (report) => post({ type: 'proof', report }),
        });
        post({ type: 'backend', backend: info, ms: performance.now() - t0, weights: training.currentWeights() });
        // Play (or step) pressed before the backend was up: run now.
        if (wanted > 0) void run();
      },
      (error) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.type === 'play') {
    wanted = Infinity;
    void run();
  } else if (message.type === 'step') {
    wanted = 1;
    void run();
  } else if (message.type === 'speed') {
    delayMs = message.delayMs;
  } else {
    wanted = 0;
  }
});
