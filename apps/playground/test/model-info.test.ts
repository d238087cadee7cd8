import type { EpochRecord, ModelMeta } from '@lstm-adder/core';
import { parseWeights } from '@lstm-adder/core';
import vectorWeights from '@lstm-adder/core/models/vector.json' with { type: 'json' };
import serialWeights from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { metaSections } from '../src/model/meta-view';
import { extractHistory, joinRuns, phaseNote } from '../src/model/model-info';

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

  it('plots the experiment first, held-out accuracy while it was measured, and where the fine-tune begins', () => {
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

describe('the meta in words and tables', () => {
  /** Every string a section shows. */
  const texts = (meta: Parameters<typeof metaSections>[0]) =>
    metaSections(meta).flatMap((s) => [s.title, ...s.prose, ...s.tables.flatMap((t) => [t.caption, ...t.rows.flat()])]);

  it('says what core verified on the serial model’s exported weights, with a table by length', () => {
    const { meta } = parseWeights(serialWeights);
    const [verification] = metaSections(meta);
    const serial = meta.verification!.serial!;
    expect(verification!.title).toBe('Verification');
    expect(verification!.prose[0]).toBe(
      `Core added ${serial.total.toLocaleString('en-GB')} random sums with the exported weights (the ones the API ` +
        `serves, written with ${meta.digits} significant digits): all ${serial.total.toLocaleString('en-GB')} right.`,
    );
    expect(verification!.tables[0]!.rows).toEqual(
      serial.byWidth.map((w) => [
        `${w.width.toLocaleString('en-GB')} bits`,
        w.samples.toLocaleString('en-GB'),
        `${w.correct.toLocaleString('en-GB')} ✓`,
      ]),
    );
  });

  it('counts the vector model’s held-out pairs as core did, and says the curves are the float weights’', () => {
    const { meta } = parseWeights(vectorWeights);
    const all = texts(meta);
    const heldOut = meta.verification!.vector!.heldOut!;
    const en = (n: number) => n.toLocaleString('en-GB');
    expect(all).toContain(`Of the ${en(heldOut.total)} pairs held out from training: all ${en(heldOut.total)} right.`);
    expect(all.some((t) => t.includes('for its float weights as they trained'))).toBe(true);
  });

  it('never writes a key path, for either shipped model or a meta with unknown keys', () => {
    const odd = { config: { arch: 'serial' as const, future: { deep: { deeper: 1 } } }, somethingNew: { x: 1 } };
    for (const meta of [parseWeights(serialWeights).meta, parseWeights(vectorWeights).meta, odd])
      for (const text of texts(meta)) expect(text).not.toMatch(/›|\b\w+\.\w+\.\w+\b/);
    const config = metaSections(odd).find((s) => s.title === 'Training configuration')!;
    expect(config.tables[0]!.rows).toEqual([
      ['model', 'serial'],
      ['future', 'deep deeper 1'],
    ]);
  });
});
