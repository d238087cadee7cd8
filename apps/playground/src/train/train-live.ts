// What the Train view loads when the visitor reaches for it (never with the page's first load): the settings and
// their URL state, the training worker's client, the live charts (uPlot), the heatmaps, lengths and pair map, the
// evaluation queue's worker, and the judge of the sample sums (core).
import { createAdder, type Weights } from '@lstm-adder/core';
import type { EvalReply } from './eval-protocol';
import { createEvalQueue, type EvalQueue } from './eval-queue';
import { type Judged, SAMPLE_SUMS } from './samples';

export { createLiveCharts } from './live-charts';
export { createLengthsView, createPairMapView, renderTraceHeatmaps } from './live-views';
export { createSettingsForm } from './settings-form';
export { parseTrainSettings, serializeTrainSettings } from './train-settings';
export { createTrainerClient } from './trainer-client';

/** The sample sums as `weights` add them. */
export function judgeSamples(weights: Weights): Judged[] {
  const adder = createAdder(weights);
  return SAMPLE_SUMS[weights.arch].map(([a, b]) => {
    const got = adder.add(a, b).sum.toString();
    return { got, correct: got === (BigInt(a) + BigInt(b)).toString() };
  });
}

/** Measures weights with core in a worker of its own, one epoch at a time (train/eval-queue.ts). */
export function createEvaluator(reply: (message: EvalReply, epoch: number) => void): EvalQueue<Weights> {
  return createEvalQueue<Weights, EvalReply>(
    new Worker(new URL('./eval.worker.ts', import.meta.url), { type: 'module', name: 'lstm-adder-eval' }),
    reply,
  );
}
