// The page's side of the training worker: one worker per run (reset = a new worker, so nothing leaks across runs).
import type { FromWorker, TrainSettings } from './protocol';

export interface TrainerClient {
  play(): void;
  pause(): void;
  step(): void;
  /** The pause after each epoch while playing, in ms. */
  speed(delayMs: number): void;
  dispose(): void;
}

export function createTrainerClient(settings: TrainSettings, onMessage: (message: FromWorker) => void): TrainerClient {
  const worker = new Worker(new URL('./train.worker.ts', import.meta.url), {
    type: 'module',
    name: 'lstm-adder-train',
  });
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => onMessage(event.data));
  worker.addEventListener('error', (event) =>
    onMessage({ type: 'failed', message: event.message || 'the training worker failed to start' }),
  );
  worker.postMessage({ type: 'start', settings });
  return {
    play: () => worker.postMessage({ type: 'play' }),
    pause: () => worker.postMessage({ type: 'pause' }),
    step: () => worker.postMessage({ type: 'step' }),
    speed: (delayMs) => worker.postMessage({ type: 'speed', delayMs }),
    dispose: () => worker.terminate(),
  };
}
