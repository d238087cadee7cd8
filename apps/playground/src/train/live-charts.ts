// Loss and accuracy per epoch while training runs: two uPlot charts, drawn empty at once (so nothing shifts when
// the first epoch lands) and fed new data at most a few times a second. They plot the trainer's own figures for
// its float weights; the sample sums and core's verdict judge the exported ones.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from '../lib/dom';
import { EPOCH_TICKS } from '../lib/epoch-ticks';
import { colour } from '../lib/theme';
import { LIVE_CHART_HEIGHT } from './layout';
import type { EpochReport } from './protocol';

const SERIES = {
  serial: [
    { key: 'trainAccuracy', label: 'training lengths (1–16 bits)', colour: '--chart-1' },
    { key: 'heldOutAccuracy', label: '64 bits', colour: '--chart-2' },
  ],
  vector: [
    { key: 'trainAccuracy', label: 'training pairs', colour: '--chart-1' },
    { key: 'allPairsAccuracy', label: 'all 16,384 pairs', colour: '--chart-2' },
  ],
} as const;

export interface LiveCharts {
  element: HTMLElement;
  update(records: readonly EpochReport[]): void;
}

export function createLiveCharts(arch: 'serial' | 'vector', width: number): LiveCharts {
  const lossBox = h(
    'figure',
    { class: 'chart', 'data-testid': 'train-chart-loss' },
    h('figcaption', {}, h('strong', {}, 'Loss'), ' per epoch (log scale)'),
  );
  const accBox = h(
    'figure',
    { class: 'chart', 'data-testid': 'train-chart-accuracy' },
    h('figcaption', {}, h('strong', {}, 'Sums exactly right'), ', % per epoch'),
  );
  const element = h('div', { class: 'charts live-charts' }, lossBox, accBox);
  const ink = colour('--ink');
  const grid = { stroke: colour('--grid'), width: 1 };
  const axes = (label: string): uPlot.Axis[] => [
    { label: 'epoch', size: 34, incrs: EPOCH_TICKS, stroke: ink, grid, ticks: grid },
    { label, size: 46, stroke: ink, grid, ticks: grid },
  ];
  const common = { width, height: LIVE_CHART_HEIGHT, legend: { live: false } };
  const loss = new uPlot(
    {
      ...common,
      scales: { x: { time: false }, y: { distr: 3 } },
      axes: axes('loss'),
      series: [{ label: 'epoch' }, { label: 'loss', stroke: colour('--chart-3'), width: 2 }],
    },
    [[], []],
    lossBox,
  );
  const acc = new uPlot(
    {
      ...common,
      scales: { x: { time: false }, y: { range: [0, 100] } },
      axes: axes('%'),
      series: [
        { label: 'epoch' },
        ...SERIES[arch].map((s, k) => ({ label: s.label, stroke: colour(s.colour), width: 2, dash: k ? [6, 3] : [] })),
      ],
    },
    [[], ...SERIES[arch].map(() => [])],
    accBox,
  );
  let pending: readonly EpochReport[] | null = null;
  let last = 0;
  const draw = () => {
    if (!pending) return;
    const records = pending;
    pending = null;
    last = performance.now();
    const epochs = records.map((r) => r.epoch);
    loss.setData([epochs, records.map((r) => r.loss)]);
    acc.setData([epochs, ...SERIES[arch].map((s) => records.map((r) => (r[s.key] === null ? null : r[s.key]! * 100)))]);
  };
  return {
    element,
    update(records) {
      const first = pending === null;
      pending = records;
      // At most ~5 redraws a second, always in an animation frame: the page keeps its 60 fps.
      if (first) setTimeout(() => requestAnimationFrame(draw), Math.max(0, 200 - (performance.now() - last)));
    },
  };
}
