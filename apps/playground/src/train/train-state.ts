// The Train view's state: one object, changed only by trainReducer, from the worker's messages and the visitor's
// presses. Everything the view shows (status, speed, which buttons work) is derived from it. No DOM here.
import type { Weights } from '@lstm-adder/core';
import type { SerialCertificate } from '@lstm-adder/core/proof';
import type { BackendInfo, EpochReport, FromWorker, ProofReport } from './protocol';

/** `idle`: nothing loaded yet (TF.js loads when the visitor reaches for the view). */
export type Phase = 'idle' | 'starting' | 'ready' | 'playing' | 'paused' | 'verifying' | 'done' | 'failed';

/** Core's verdict when training stopped. */
export interface Verdict {
  passed: boolean;
  stopReason: string;
  verifyMs: number;
  /** From the first press of play (or step) to the verdict, in this page's clock. */
  secondsFromPlay: number;
}

export interface TrainState {
  phase: Phase;
  backend: (BackendInfo & { ms: number }) | null;
  records: readonly EpochReport[];
  /** The last epoch trained (0 before the first). */
  epoch: number;
  /** Training wall time at the last epoch, in ms. */
  wall: number;
  /** The run's starting (random) weights, once the worker has set the run up. */
  initial: Weights | null;
  /** The float weights as they stand after the last epoch (the trainer's, 9 digits); null before the first. */
  latest: Weights | null;
  /** The exported weights, core's verification in their meta, once training stopped. */
  final: Weights | null;
  verdict: Verdict | null;
  /** The serial recipe's last proof report (its progress, or the last attempt's outcome), while training. */
  proof: ProofReport | null;
  /** The final model's proof certificate (serial), for the proof panel to re-check. */
  certificate: SerialCertificate | null;
  failure: string | null;
  /** When play or step was first pressed (performance.now()). */
  pressedAt: number | null;
}

export type TrainAction =
  /** A fresh run (the view has started a new worker). */
  | { type: 'reset' }
  /** Play was pressed: playing from now on, before the worker says so. */
  | { type: 'play'; at: number }
  | { type: 'step'; at: number }
  /** A message from the training worker, stamped with when it arrived. */
  | { type: 'worker'; message: FromWorker; at: number };

export function initialTrainState(phase: 'idle' | 'starting' = 'idle'): TrainState {
  return {
    phase,
    backend: null,
    records: [],
    epoch: 0,
    wall: 0,
    initial: null,
    latest: null,
    final: null,
    verdict: null,
    proof: null,
    certificate: null,
    failure: null,
    pressedAt: null,
  };
}

const WORKER_PHASES = { playing: 'playing', paused: 'paused', verifying: 'verifying' } as const;

function onWorker(state: TrainState, message: FromWorker, at: number): TrainState {
  switch (message.type) {
    case 'backend':
      return {
        ...state,
        backend: { ...message.backend, ms: message.ms },
        initial: message.weights,
        phase: state.phase === 'starting' ? 'ready' : state.phase,
      };
    case 'state':
      return { ...state, phase: WORKER_PHASES[message.state] };
    case 'epoch':
      return {
        ...state,
        records: [...state.records, message.record],
        epoch: message.record.epoch,
        wall: message.wall,
        latest: message.weights ?? state.latest,
      };
    case 'proof':
      return { ...state, proof: message.report };
    case 'done':
      return {
        ...state,
        phase: 'done',
        final: message.weights,
        certificate: message.certificate ?? null,
        verdict: {
          passed: message.passed,
          stopReason: message.stopReason,
          verifyMs: message.verifyMs,
          secondsFromPlay: state.pressedAt === null ? 0 : (at - state.pressedAt) / 1000,
        },
      };
    case 'failed':
      return { ...state, phase: 'failed', failure: message.message };
  }
}

export function trainReducer(state: TrainState, action: TrainAction): TrainState {
  switch (action.type) {
    case 'reset':
      return initialTrainState('starting');
    case 'play':
      return { ...state, phase: 'playing', pressedAt: state.pressedAt ?? action.at };
    case 'step':
      return { ...state, pressedAt: state.pressedAt ?? action.at };
    case 'worker':
      return onWorker(state, action.message, action.at);
  }
}

/** The status line (`data-testid="train-status"`): contains "training" while it runs, "exact" once verified. */
export function statusText(s: TrainState): string {
  switch (s.phase) {
    case 'idle':
      return 'not started: press Play';
    case 'starting':
      return 'starting TF.js…';
    case 'ready':
      return 'ready: press play';
    case 'playing':
      return `training (epoch ${s.epoch + 1})${provingText(s.proof)}`;
    case 'paused':
      return `paused after epoch ${s.epoch}`;
    case 'verifying':
      return 'verifying with core…';
    case 'failed':
      return `failed: ${s.failure}`;
    case 'done':
      return s.verdict?.passed
        ? `exact${provenText(s.final)} after epoch ${s.epoch} (${s.verdict.secondsFromPlay.toFixed(2)} s from play)`
        : `stopped after epoch ${s.epoch} (${s.verdict?.stopReason}): ` +
            'not exact yet — core’s verification found wrong sums';
  }
}

/** While training: the proof of weights core's sampled sums found all right (never "exact": not the verdict yet).
 *  Short, so the status keeps to its two lines. */
function provingText(report: ProofReport | null): string {
  if (!report) return '';
  if (report.kind === 'progress') return `: sampled sums right; proving… ${report.cells.toLocaleString('en-GB')} cells`;
  if (report.proven) return ': proven';
  return report.counterexample ? ': a sum was wrong, training on it' : ': not proven yet, training on';
}

/** After the verdict, what the trained model's meta says of its serial proof. */
function provenText(final: Weights | null): string {
  const proof = final?.meta.verification?.proof;
  if (proof?.method !== 'cells') return '';
  return proof.proven ? ' and proven for every length' : ', not proven for every length,';
}

/** Epochs and pairs a second so far, or a dash before the first epoch. */
export function speedText(s: TrainState): string {
  if (s.records.length === 0 || s.wall <= 0) return '–';
  const seconds = s.wall / 1000;
  const pairs = s.records.reduce((n, r) => n + r.samples, 0);
  const perSecond = Math.round(pairs / seconds).toLocaleString('en-GB');
  return `${(s.records.length / seconds).toFixed(1)} epochs/s · ${perSecond} pairs/s`;
}

/** The weights the visitor can take: the verified ones, or, paused, the last epoch's. */
export function takeableWeights(s: TrainState): Weights | null {
  return s.final ?? (s.phase === 'playing' || s.phase === 'verifying' ? null : s.latest);
}

/** Which controls work now. */
export function controls(s: TrainState): { play: boolean; pause: boolean; step: boolean; take: boolean } {
  const idle = s.phase === 'idle' || s.phase === 'starting' || s.phase === 'ready' || s.phase === 'paused';
  return { play: idle, pause: s.phase === 'playing', step: idle, take: takeableWeights(s) !== null };
}

/** The weights the sample sums are added with now, and what they are, for the list's caption. */
export function shownWeights(s: TrainState): { weights: Weights; what: string } | null {
  if (s.final)
    return {
      weights: s.final,
      what: s.verdict?.passed
        ? 'the exported weights core verified (the ones the model link carries)'
        : 'the exported weights (core found wrong sums: not exact yet)',
    };
  if (s.latest) return { weights: s.latest, what: `the float weights after epoch ${s.epoch}` };
  if (s.initial) return { weights: s.initial, what: 'the untrained model’s random weights, before epoch 1' };
  return null;
}
