import type { EpochRecord, ModelMeta } from '@lstm-adder/core';
import { parseWeights } from '@lstm-adder/core';
import vectorWeights from '@lstm-adder/core/models/vector.json' with { type: 'json' };
import serialWeights from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { extractFigures, extractHistory, joinRuns, phaseNote } from '../src/model/model-info';

const row = (epoch: number, loss: number, train: number, heldOut: number | null, all: number | null): EpochRecord => ({
  epoch,
  loss,
  trainAccuracy: train,
  heldOutAccuracy: heldOut,
  allPairsAccuracy: all,
  lr: 0.01,
  samples: 100,
  seconds: epoch,
});

describe('extractHistory', () => {
  it('reads the trainer’s per-epoch records, leaving out accuracies that are null throughout', () => {
    const history = extractHistory({ history: [row(1, 0.5, 0.1, 0.05, null), row(2, 0.2, 0.6, null, null)] })!;
    expect(history.epochs).toEqual([1, 2]);
    expect(history.loss).toEqual([{ name: 'loss', values: [0.5, 0.2] }]);
    expect(history.accuracy).toEqual([
      { name: 'trainAccuracy', values: [0.1, 0.6] },
      { name: 'heldOutAccuracy', values: [0.05, null] },
    ]);
  });

  it('is null when the meta has no history', () => {
    expect(extractHistory({ description: 'weights from elsewhere' })).toBeNull();
    expect(extractHistory({ history: [] })).toBeNull();
  });
});

describe('a fine-tune after a held-out experiment', () => {
  const experiment = [row(1, 0.6, 0.1, 0.08, 0.1), row(2, 0.3, 0.7, 0.6, 0.69), row(3, 0.1, 0.95, 0.9, 0.945)];
  const fineTune = [row(1, 0.05, 0.97, null, 0.97), row(2, 0.02, 1, null, 1)];
  const meta = (shipped: boolean): ModelMeta => ({
    history: fineTune,
    holdoutExperiment: { holdout: 0.1, shipped, history: experiment, note: 'continued from' },
  });

  it('joinRuns numbers the fine-tune epochs on after the experiment’s last', () => {
    const joined = joinRuns(experiment, fineTune);
    expect(joined.rows.map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(joined.fineTuneFrom).toBe(4);
    expect(joined.rows[3]!.loss).toBe(0.05);
  });

  it('plots the experiment first, held-out accuracy only while it was measured, and says where the fine-tune begins', () => {
    const history = extractHistory(meta(false))!;
    expect(history.epochs).toEqual([1, 2, 3, 4, 5]);
    expect(history.fineTuneFrom).toBe(4);
    expect(history.heldOutShare).toBe(0.1);
    expect(history.loss).toEqual([{ name: 'loss', values: [0.6, 0.3, 0.1, 0.05, 0.02] }]);
    expect(history.accuracy.find((s) => s.name === 'heldOutAccuracy')!.values).toEqual([0.08, 0.6, 0.9, null, null]);
    expect(history.accuracy.find((s) => s.name === 'trainAccuracy')!.values).toEqual([0.1, 0.7, 0.95, 0.97, 1]);
    expect(phaseNote(history)).toBe(
      'Epochs 1–3: trained with 10 % of the pairs held out (the held-out accuracy is measured on them). ' +
        'From epoch 4: fine-tune on all pairs, continuing from those weights; this is the shipped model.',
    );
  });

  it('keeps a single run when the experiment is itself the shipped model, or has no rows', () => {
    const shipped = extractHistory(meta(true))!;
    expect(shipped.epochs).toEqual([1, 2]);
    expect(shipped.fineTuneFrom).toBeUndefined();
    expect(phaseNote(shipped)).toBeNull();
    const empty = extractHistory({ history: fineTune, holdoutExperiment: { shipped: false, history: [] } })!;
    expect(empty.epochs).toEqual([1, 2]);
    expect(empty.fineTuneFrom).toBeUndefined();
  });

  it('reads the shipped vector model as one run, its held-out accuracy measured every epoch (no fine-tune)', () => {
    const { meta: shippedMeta } = parseWeights(vectorWeights);
    const history = extractHistory(shippedMeta)!;
    expect(history.epochs).toEqual(Array.from({ length: shippedMeta.history!.length }, (_, k) => k + 1));
    expect(history.fineTuneFrom).toBeUndefined();
    const heldOut = history.accuracy.find((s) => s.name === 'heldOutAccuracy')!.values;
    expect(heldOut.every((v) => typeof v === 'number')).toBe(true);
    expect(phaseNote(history)).toBeNull();
  });
});

describe('extractFigures', () => {
  it('flattens scalars with readable labels and shows accuracies as percentages', () => {
    const figures = extractFigures({
      parameters: 5384,
      vector: { allPairs: { accuracy: 0.98675537109375, wrong: [{ a: 1, b: 2, got: 4 }] } },
      history: [row(1, 1, 0, null, null)],
    });
    expect(figures).toEqual([
      { label: 'parameters', value: '5,384' },
      { label: 'vector › all pairs › accuracy', value: '98.68 %' },
    ]);
  });

  it('names the serial verification’s entries by width', () => {
    const { meta } = parseWeights(serialWeights);
    const figures = extractFigures(meta.verification, 100);
    const widths = meta.verification!.serial!.byWidth.map((w) => w.width);
    for (const width of widths)
      expect(figures.some((f) => f.label === `serial › by width › ${width} bits › accuracy`)).toBe(true);
  });
});
