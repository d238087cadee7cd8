// The training worker: starts a TF.js backend and runs @lstm-adder/trainer's own loop on the visitor's settings,
// reporting every epoch, so the page never waits on a training step.
import { DEFAULTS, type TrainConfig } from '@lstm-adder/trainer/src/config';
import { trainModel } from '@lstm-adder/trainer/src/pipeline';
import { startBackend } from './backend';
import type { BackendInfo, FromWorker, ToWorker, TrainSettings } from './protocol';

const post = (message: FromWorker) => (self as unknown as Worker).postMessage(message);

let settings: TrainSettings | null = null;
let backend: Promise<BackendInfo> | null = null;
let running = false;

function configOf(s: TrainSettings): TrainConfig {
  return { ...DEFAULTS[s.arch], hidden: s.hidden, lr: s.lr, batch: s.batch, seed: s.seed, maxSeconds: Infinity };
}

async function train(): Promise<void> {
  if (!settings || running) return;
  running = true;
  const started = performance.now();
  try {
    const info = await backend!;
    post({ type: 'state', state: 'playing' });
    let verifyStarted = 0;
    const model = await trainModel(configOf(settings), info, {
      onEpoch: (record) => post({ type: 'epoch', record, weights: null, wall: performance.now() - started }),
    });
    verifyStarted = performance.now();
    post({ type: 'done', weights: model.weights, passed: model.verification.passed, stopReason: model.result.stopReason, wall: performance.now() - started, verifyMs: performance.now() - verifyStarted });
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    running = false;
  }
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'start') {
    settings = message.settings;
    const t0 = performance.now();
    backend = startBackend(settings.backend);
    backend.then(
      (info) => post({ type: 'backend', backend: info, ms: performance.now() - t0 }),
      (error) => post({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  } else if (message.type === 'play' || message.type === 'step') {
    void train();
  }
});
