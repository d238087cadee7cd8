// reports/<arch>.svg: the notebook's two plots (loss and accuracy per epoch) and, for vector, the 128×128 map
// of right and wrong pairs, drawn with Vega-Lite and rendered to SVG by Vega without a browser.
import type { Weights } from '@lstm-adder/core';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

interface HistoryRow { epoch: number; loss: number; trainAccuracy: number | null; heldOutAccuracy: number | null; allPairsAccuracy: number | null }
interface WrongPair { a: number; b: number }

export function reportSpec(weights: Weights): TopLevelSpec {
  const meta = weights.meta as {
    history?: HistoryRow[];
    verification?: { vector?: { allPairs: { wrong: WrongPair[]; wrongCount?: number } } };
    holdoutExperiment?: { heldOutWrong?: WrongPair[]; history?: HistoryRow[]; shipped?: boolean };
  };
  // A model fine-tuned from the held-out experiment: draw the experiment's epochs first, then the fine-tuning's.
  const before = meta.holdoutExperiment && !meta.holdoutExperiment.shipped ? (meta.holdoutExperiment.history ?? []) : [];
  const history = [...before, ...(meta.history ?? []).map((r) => ({ ...r, epoch: r.epoch + before.length }))];
  const phases = before.length ? [{ epoch: before.length + 0.5, label: 'all pairs from here' }] : [];
  const heldName = weights.arch === 'serial' ? 'fresh 64-bit sums' : 'held-out pairs';
  const accuracy = history.flatMap((r) => [
    { epoch: r.epoch, series: weights.arch === 'serial' ? 'fresh sums, training widths' : 'training pairs', accuracy: r.trainAccuracy },
    { epoch: r.epoch, series: heldName, accuracy: r.heldOutAccuracy },
    { epoch: r.epoch, series: 'all 16,384 pairs', accuracy: r.allPairsAccuracy },
  ].filter((d) => d.accuracy !== null));
  const width = 360, height = 220;
  const charts: object[] = [
    {
      title: 'Training loss per epoch', width, height, data: { values: history }, mark: { type: 'line', point: history.length < 60 },
      encoding: { x: { field: 'epoch', type: 'quantitative' }, y: { field: 'loss', type: 'quantitative', scale: { type: 'log' } } },
    },
    {
      title: 'Exact-match accuracy per epoch', width, height,
      layer: [
        {
          data: { values: accuracy }, mark: { type: 'line' },
          encoding: {
            x: { field: 'epoch', type: 'quantitative' },
            y: { field: 'accuracy', type: 'quantitative', axis: { format: '%' } },
            color: { field: 'series', type: 'nominal', legend: { orient: 'bottom', title: null, labelLimit: 400 } },
          },
        },
        {
          data: { values: phases }, mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' },
          encoding: { x: { field: 'epoch', type: 'quantitative' } },
        },
        {
          data: { values: phases }, mark: { type: 'text', align: 'left', dx: 4, dy: 100, color: 'gray' },
          encoding: { x: { field: 'epoch', type: 'quantitative' }, text: { field: 'label' } },
        },
      ],
    },
  ];
  if (weights.arch === 'vector') {
    const wrong = meta.verification?.vector?.allPairs.wrong ?? [];
    const heldWrong = meta.holdoutExperiment?.heldOutWrong ?? [];
    const cells = [
      { a: 0, b: 0, a2: 128, b2: 128, status: 'right' },
      ...heldWrong.map((p) => ({ a: p.a, b: p.b, a2: p.a + 1, b2: p.b + 1, status: 'wrong held-out pair (held-out experiment)' })),
      ...wrong.map((p) => ({ a: p.a, b: p.b, a2: p.a + 1, b2: p.b + 1, status: 'wrong (this model)' })),
    ];
    const wrongCount = meta.verification?.vector?.allPairs.wrongCount ?? wrong.length;
    charts.push({
      title: `Pairs a + b, 0..127: ${wrongCount === 0 ? 'all 16,384 right' : `${wrongCount} wrong`}`,
      width: 256, height: 256, data: { values: cells }, mark: { type: 'rect' },
      encoding: {
        x: { field: 'a', type: 'quantitative', scale: { domain: [0, 128], nice: false }, title: 'a' },
        x2: { field: 'a2' },
        y: { field: 'b', type: 'quantitative', scale: { domain: [0, 128], nice: false, reverse: true }, title: 'b' },
        y2: { field: 'b2' },
        color: {
          field: 'status', type: 'nominal', legend: { orient: 'bottom', direction: 'vertical', title: null, labelLimit: 400 },
          scale: { domain: ['right', 'wrong (this model)', 'wrong held-out pair (held-out experiment)'], range: ['#c7e9c0', '#d62728', '#ff7f0e'] },
        },
      },
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `lstm-adder ${weights.arch} model (H = ${weights.hiddenSize})`,
    hconcat: charts,
    resolve: { scale: { color: 'independent' } },
    config: { font: 'sans-serif' },
  } as TopLevelSpec;
}

export async function renderReport(weights: Weights): Promise<string> {
  const view = new vega.View(vega.parse(compile(reportSpec(weights)).spec), { renderer: 'none' });
  const svg = await view.toSVG();
  view.finalize();
  return svg + '\n';
}
