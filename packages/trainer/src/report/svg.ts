// reports/<arch>.svg: the notebook's two plots (loss and accuracy per epoch) and, for vector, the 128×128 map
// of right and wrong pairs, drawn with Vega-Lite and rendered to SVG by Vega without a browser.
import { VECTOR_OPERANDS, type Weights } from '@lstm-adder/core';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * The one orientation of the 128 × 128 map, as the playground draws it too: a across (x, left to right),
 * b down (y, top to bottom), 0 + 0 at the top left.
 */
export const MAP_ORIENTATION = 'a across (0 → 127, left to right), b down (0 → 127, top to bottom)';

/** The map's statuses, in legend order; the legend lists only those that occur. */
const STATUS_COLOURS = {
  right: '#c7e9c0',
  'wrong (this model)': '#d62728',
  'held out (never trained on)': '#9ecae1',
  'wrong in the held-out experiment': '#ff7f0e',
} as const;
type Status = keyof typeof STATUS_COLOURS;

export function reportSpec(weights: Weights): TopLevelSpec {
  const { meta } = weights;
  // A model fine-tuned from the held-out experiment: draw the experiment's epochs first, then the fine-tuning's.
  const before =
    meta.holdoutExperiment && meta.holdoutExperiment.shipped === false ? (meta.holdoutExperiment.history ?? []) : [];
  const history = [...before, ...(meta.history ?? []).map((r) => ({ ...r, epoch: r.epoch + before.length }))];
  const phases = before.length ? [{ epoch: before.length + 0.5, label: 'all pairs from here' }] : [];
  const series =
    weights.arch === 'serial'
      ? ['fresh sums, training widths', 'fresh 64-bit sums', 'all 16,384 pairs']
      : ['training pairs', 'held-out pairs', 'all 16,384 pairs'];
  const accuracy = history.flatMap((r) =>
    [
      { epoch: r.epoch, series: series[0], accuracy: r.trainAccuracy },
      { epoch: r.epoch, series: series[1], accuracy: r.heldOutAccuracy },
      { epoch: r.epoch, series: series[2], accuracy: r.allPairsAccuracy },
    ].filter((d) => d.accuracy !== null),
  );
  const drawn = series.filter((name) => accuracy.some((d) => d.series === name));
  const dashes: Record<string, number[]> = { [series[0]!]: [1, 0], [series[1]!]: [8, 3], [series[2]!]: [3, 3] };
  const colours: Record<string, string> = { [series[0]!]: '#d62728', [series[1]!]: '#ff7f0e', [series[2]!]: '#1f77b4' };
  const width = 360,
    height = 220;
  const charts: object[] = [
    {
      title: 'Training loss per epoch',
      width,
      height,
      data: { values: history },
      mark: { type: 'line', point: history.length < 60 },
      encoding: {
        x: { field: 'epoch', type: 'quantitative' },
        y: { field: 'loss', type: 'quantitative', scale: { type: 'log' } },
      },
    },
    {
      title: 'Exact-match accuracy per epoch',
      width,
      height,
      layer: [
        {
          // Training pairs and all pairs coincide once nothing is held out: a solid line under a dashed one keeps
          // both visible.
          data: { values: accuracy },
          mark: { type: 'line', strokeWidth: 2.5 },
          encoding: {
            x: { field: 'epoch', type: 'quantitative' },
            y: { field: 'accuracy', type: 'quantitative', axis: { format: '%' } },
            color: {
              field: 'series',
              type: 'nominal',
              legend: { orient: 'bottom', title: null, labelLimit: 400, symbolStrokeWidth: 3 },
              scale: { domain: drawn, range: drawn.map((name) => colours[name]!) },
            },
            strokeDash: {
              field: 'series',
              type: 'nominal',
              legend: null,
              scale: { domain: drawn, range: drawn.map((name) => dashes[name]!) },
            },
          },
        },
        {
          data: { values: phases },
          mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' },
          encoding: { x: { field: 'epoch', type: 'quantitative' } },
        },
        {
          data: { values: phases },
          mark: { type: 'text', align: 'left', dx: 4, dy: 100, color: 'gray' },
          encoding: { x: { field: 'epoch', type: 'quantitative' }, text: { field: 'label' } },
        },
      ],
    },
  ];
  if (weights.arch === 'vector') {
    const wrong = meta.verification?.vector?.allPairs.wrong ?? [];
    const heldOut = (meta.split?.heldOutPairs ?? []).map((id) => ({
      a: Math.floor(id / VECTOR_OPERANDS),
      b: id % VECTOR_OPERANDS,
    }));
    const heldWrong = meta.holdoutExperiment?.heldOutWrong ?? [];
    const cell = (p: { a: number; b: number }, status: Status) => ({
      a: p.a,
      b: p.b,
      a2: p.a + 1,
      b2: p.b + 1,
      status,
    });
    const cells = [
      { a: 0, b: 0, a2: VECTOR_OPERANDS, b2: VECTOR_OPERANDS, status: 'right' as Status },
      ...heldOut.map((p) => cell(p, 'held out (never trained on)')),
      ...heldWrong.map((p) => cell(p, 'wrong in the held-out experiment')),
      ...wrong.map((p) => cell(p, 'wrong (this model)')),
    ];
    const present = (Object.keys(STATUS_COLOURS) as Status[]).filter((status) =>
      cells.some((c) => c.status === status),
    );
    const wrongCount = meta.verification?.vector?.allPairs.wrongCount ?? wrong.length;
    charts.push({
      title: {
        text: `Pairs a + b, 0..127: ${wrongCount === 0 ? 'all 16,384 right' : `${wrongCount} wrong`}`,
        subtitle: MAP_ORIENTATION,
      },
      width: 256,
      height: 256,
      data: { values: cells },
      mark: { type: 'rect' },
      encoding: {
        x: {
          field: 'a',
          type: 'quantitative',
          scale: { domain: [0, VECTOR_OPERANDS], nice: false },
          title: 'a →',
          axis: { orient: 'top' },
        },
        x2: { field: 'a2' },
        y: {
          field: 'b',
          type: 'quantitative',
          scale: { domain: [0, VECTOR_OPERANDS], nice: false, reverse: true },
          title: 'b ↓',
        },
        y2: { field: 'b2' },
        color: {
          field: 'status',
          type: 'nominal',
          legend: { orient: 'bottom', direction: 'vertical', title: null, labelLimit: 400 },
          scale: { domain: present, range: present.map((status) => STATUS_COLOURS[status]) },
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
  return `${svg}\n`;
}
