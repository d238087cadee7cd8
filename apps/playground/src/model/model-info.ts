// Reads the training history out of a model's `meta` (core's ModelMeta: what the trainer writes), for the curves.
// No DOM here.
import type { EpochRecord, ModelMeta } from '@lstm-adder/core';

export interface Series {
  name: string;
  values: (number | null)[];
}

export interface TrainingHistory {
  epochs: number[];
  loss: Series[];
  accuracy: Series[];
  /**
   * Set when the model was fine-tuned on all pairs from a held-out experiment's weights: the first fine-tune
   * epoch on `epochs` (the experiment's epochs come first, the fine-tune's continue their numbering).
   */
  fineTuneFrom?: number;
  /** The experiment's held-out share of pairs (0.1 = 10 %), when the meta gives it. */
  heldOutShare?: number;
}

/** The accuracy columns of an epoch record, in the order they are drawn. */
const ACCURACIES = ['trainAccuracy', 'heldOutAccuracy', 'allPairsAccuracy'] as const;

/** Two runs on one epoch axis, and where the second begins. */
export interface JoinedRuns {
  rows: EpochRecord[];
  fineTuneFrom: number;
}

/**
 * The held-out experiment's rows, then the fine-tune's with their epochs shifted past the experiment's last,
 * so both read as one run (as the trainer's report draws them).
 */
export function joinRuns(experiment: EpochRecord[], fineTune: EpochRecord[]): JoinedRuns {
  const last = experiment.reduce((max, r) => Math.max(max, r.epoch), 0);
  return { rows: [...experiment, ...fineTune.map((r) => ({ ...r, epoch: last + r.epoch }))], fineTuneFrom: last + 1 };
}

/** Loss and the accuracy series that have at least one value (a series that is null throughout has nothing to draw). */
function fromRows(rows: EpochRecord[]): TrainingHistory {
  const accuracy = ACCURACIES.map((name) => ({ name, values: rows.map((r) => r[name] ?? null) })).filter((s) =>
    s.values.some((v) => v !== null),
  );
  return { epochs: rows.map((r) => r.epoch), loss: [{ name: 'loss', values: rows.map((r) => r.loss) }], accuracy };
}

/**
 * The per-epoch history (loss and accuracy curves), or null when the meta has none. When the model was fine-tuned
 * on all pairs after a held-out experiment (`holdoutExperiment.shipped === false`), the experiment's epochs come
 * first, so the held-out accuracy is plotted while it was measured.
 */
export function extractHistory(meta: ModelMeta): TrainingHistory | null {
  const history = meta.history ?? [];
  if (history.length === 0) return null;
  const experiment = meta.holdoutExperiment;
  const before = experiment?.shipped === false ? (experiment.history ?? []) : [];
  if (before.length === 0) return fromRows(history);
  const { rows, fineTuneFrom } = joinRuns(before, history);
  return {
    ...fromRows(rows),
    fineTuneFrom,
    ...(experiment?.holdout === undefined ? {} : { heldOutShare: experiment.holdout }),
  };
}

/** One sentence naming the two phases on the epoch axis, or null for a single run. Shown as text beside the charts. */
export function phaseNote(history: TrainingHistory): string | null {
  const from = history.fineTuneFrom;
  if (from === undefined) return null;
  const share = history.heldOutShare === undefined ? 'some' : `${Math.round(history.heldOutShare * 100)} %`;
  const experiment = from > 2 ? `Epochs 1–${from - 1}` : 'Epoch 1';
  return (
    `${experiment}: trained with ${share} of the pairs held out (the held-out accuracy is measured on them). ` +
    `From epoch ${from}: fine-tune on all pairs, continuing from those weights; this is the shipped model.`
  );
}
