import { describe, expect, it } from 'vitest';
import { extractFigures, extractHistory } from '../src/model-info';

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
