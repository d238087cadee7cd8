import { describe, expect, it } from 'vitest';
import vectorWeights from '@lstm-adder/core/models/vector.json' with { type: 'json' };
import { extractFigures, extractHistory, joinRuns, phaseNote } from '../src/model-info';

describe('extractHistory', () => {
  it('reads per-epoch rows from meta.verification.history', () => {
    const info = {
      arch: 'vector',
      meta: {
        verification: {
          history: [
            { epoch: 1, loss: 0.5, trainAccuracy: 0.1, heldOutAccuracy: 0.05 },
            { epoch: 2, loss: 0.2, trainAccuracy: 0.6 },
          ],
        },
      },
    };
    const history = extractHistory(info)!;
    expect(history.epochs).toEqual([1, 2]);
    expect(history.loss).toEqual([{ name: 'loss', values: [0.5, 0.2] }]);
    expect(history.accuracy.map((s) => s.name)).toEqual(['trainAccuracy', 'heldOutAccuracy']);
    expect(history.accuracy[1]!.values).toEqual([0.05, null]);
  });

  it('reads columns ({ loss: [...], accuracy: [...] }) and numbers epochs from 1', () => {
    const history = extractHistory({ history: { loss: [3, 2, 1], accuracy: [0, 0.5, 1] } })!;
    expect(history.epochs).toEqual([1, 2, 3]);
    expect(history.accuracy[0]!.values).toEqual([0, 0.5, 1]);
  });

  it('is null when there is no history (the stand-in models)', () => {
    expect(extractHistory({ meta: { source: 'PyTorch reference', allPairsAccuracy: 0.98 } })).toBeNull();
    expect(extractHistory({ history: [] })).toBeNull();
  });
});

describe('a fine-tune after a held-out experiment', () => {
  const experiment = [
    { epoch: 1, loss: 0.6, trainAccuracy: 0.1, heldOutAccuracy: 0.08, allPairsAccuracy: 0.1 },
    { epoch: 2, loss: 0.3, trainAccuracy: 0.7, heldOutAccuracy: 0.6, allPairsAccuracy: 0.69 },
    { epoch: 3, loss: 0.1, trainAccuracy: 0.95, heldOutAccuracy: 0.9, allPairsAccuracy: 0.945 },
  ];
  const fineTune = [
    { epoch: 1, loss: 0.05, trainAccuracy: 0.97, heldOutAccuracy: null, allPairsAccuracy: 0.97 },
    { epoch: 2, loss: 0.02, trainAccuracy: 1, heldOutAccuracy: null, allPairsAccuracy: 1 },
  ];
  const meta = (shipped: boolean) => ({
    arch: 'vector',
    meta: { history: fineTune, holdoutExperiment: { holdout: 0.1, shipped, history: experiment, note: 'continued from' } },
  });

  it('joinRuns numbers the fine-tune epochs on after the experiment’s last', () => {
    const joined = joinRuns(experiment, fineTune);
    expect(joined.rows.map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5]);
    expect(joined.fineTuneFrom).toBe(4);
    expect(joined.rows[3]!.loss).toBe(0.05);
    // Rows without an epoch are numbered by position, in both runs.
    expect(joinRuns([{ loss: 1 }, { loss: 0.5 }], [{ loss: 0.2 }]).rows.map((r) => r.epoch)).toEqual([1, 2, 3]);
  });

  it('plots the experiment first, held-out accuracy only while it was measured, and says where the fine-tune begins', () => {
    const history = extractHistory(meta(false))!;
    expect(history.epochs).toEqual([1, 2, 3, 4, 5]);
    expect(history.fineTuneFrom).toBe(4);
    expect(history.heldOutShare).toBe(0.1);
    expect(history.loss).toEqual([{ name: 'loss', values: [0.6, 0.3, 0.1, 0.05, 0.02] }]);
    const heldOut = history.accuracy.find((s) => s.name === 'heldOutAccuracy')!;
    expect(heldOut.values).toEqual([0.08, 0.6, 0.9, null, null]);
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
    const empty = extractHistory({ meta: { history: fineTune, holdoutExperiment: { shipped: false, history: [] } } })!;
    expect(empty.epochs).toEqual([1, 2]);
    expect(empty.fineTuneFrom).toBeUndefined();
  });

  it('reads the shipped vector model as the experiment followed by the fine-tune', () => {
    const m = vectorWeights.meta as unknown as { history: unknown[]; holdoutExperiment: { history: unknown[] } };
    const before = m.holdoutExperiment.history.length;
    const history = extractHistory({ arch: 'vector', meta: vectorWeights.meta })!;
    expect(history.epochs).toHaveLength(before + m.history.length);
    expect(history.epochs).toEqual(Array.from({ length: before + m.history.length }, (_, k) => k + 1));
    expect(history.fineTuneFrom).toBe(before + 1);
    const heldOut = history.accuracy.find((s) => s.name === 'heldOutAccuracy')!.values;
    expect(heldOut.slice(0, before).every((v) => typeof v === 'number')).toBe(true);
    expect(heldOut.slice(before).every((v) => v === null)).toBe(true);
  });
});

describe('extractFigures', () => {
  it('flattens scalars with readable labels and shows accuracies as percentages', () => {
    const figures = extractFigures({ arch: 'vector', parameters: 5384, meta: { allPairsAccuracy: 0.98675537109375, history: [{ loss: 1 }] } });
    expect(figures).toContainEqual({ label: 'arch', value: 'vector' });
    expect(figures).toContainEqual({ label: 'all pairs accuracy', value: '98.68 %' });
    expect(figures.find((f) => f.label.includes('parameters'))?.value).toMatch(/^5.?384$/);
    expect(figures.some((f) => f.label.includes('history'))).toBe(false);
  });

  it('names entries of lists by width by their width, and leaves other lists (wrong pairs) out', () => {
    const figures = extractFigures({ byWidth: [{ width: 8, accuracy: 1 }, { width: 4096, accuracy: 0.5 }], heldOutWrong: [{ a: 66, b: 61 }] });
    expect(figures).toEqual([
      { label: 'by width › 8 bits › accuracy', value: '100 %' },
      { label: 'by width › 4096 bits › accuracy', value: '50.00 %' },
    ]);
  });
});
