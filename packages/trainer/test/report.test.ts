// The SVG report's map: one orientation (a across, b down, as the playground draws it), said in the legend,
// and a legend that lists only what is drawn.
import { parseWeights, type Weights } from '@lstm-adder/core';
import vectorJson from '@lstm-adder/core/models/vector.json' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { loadReport, ReportUnavailable } from '../src/node/report.js';
import { MAP_ORIENTATION, renderReport } from '../src/report/svg.js';

const shipped = parseWeights(vectorJson);
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]!);

/** The shipped weights with a meta saying one pair is wrong and nothing was ever held out. */
function withOneWrongPair(a: number, b: number): Weights {
  const { holdoutExperiment: _experiment, split: _split, ...meta } = shipped.meta;
  const history = (meta.history ?? []).map((r) => ({ ...r, heldOutAccuracy: null }));
  const vector = meta.verification!.vector!;
  return {
    ...shipped,
    meta: {
      ...meta,
      history,
      verification: {
        ...meta.verification!,
        vector: { ...vector, allPairs: { ...vector.allPairs, wrong: [{ a, b, got: 0 }], wrongCount: 1 } },
      },
    },
  };
}

describe('the report’s map of pairs', () => {
  it('draws a across and b down (2 px per pair), and says so', async () => {
    const svg = await renderReport(withOneWrongPair(2, 120));
    const rect = /aria-label="a →: 2; b ↓: 120;[^"]*status: wrong \(this model\)"[^>]*d="M(\d+),(\d+)h2v2h-2Z"/.exec(
      svg,
    );
    expect(rect?.slice(1).map(Number)).toEqual([2 * 2, 120 * 2]);
    expect(texts(svg)).toContain(MAP_ORIENTATION);
    expect(MAP_ORIENTATION).toBe('a across (0 → 127, left to right), b down (0 → 127, top to bottom)');
  });

  it('lists no held-out status when nothing was held out', async () => {
    const legend = texts(await renderReport(withOneWrongPair(2, 120)));
    expect(legend).toContain('wrong (this model)');
    expect(legend.filter((t) => /held/i.test(t))).toEqual([]);
  });

  it('marks the shipped model’s held-out pairs, and no "wrong (this model)" when it has none', async () => {
    const legend = texts(await renderReport(shipped));
    expect(shipped.meta.split!.heldOutPairs!.length).toBe(1638);
    expect(legend).toContain('held out (never trained on)');
    expect(legend).not.toContain('wrong (this model)');
    expect(legend).not.toContain('wrong in the held-out experiment');
  });
});

describe('the report is optional', () => {
  const missing = (name: string) =>
    Object.assign(new Error(`Cannot find package '${name}' imported from /x/dist/svg.js`), {
      code: 'ERR_MODULE_NOT_FOUND',
    });

  it('loads the renderer when vega is installed', async () => {
    expect(await loadReport()).toBe(renderReport);
  });

  it('without vega or vega-lite, says so in one line (exit 2), naming what to install', async () => {
    for (const name of ['vega', 'vega-lite']) {
      const error = await loadReport(() => Promise.reject(missing(name))).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ReportUnavailable);
      expect((error as Error).message).toBe(
        'a report needs the optional packages vega and vega-lite, which are not installed (npm install vega vega-lite)',
      );
    }
  });

  it('passes any other loading error on as it is', async () => {
    const other = missing('left-pad');
    await expect(loadReport(() => Promise.reject(other))).rejects.toBe(other);
  });
});
