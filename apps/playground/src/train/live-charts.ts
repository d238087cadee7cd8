// Loss and accuracy per epoch while training runs: two uPlot charts fed new data at most a few times a second.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from '../lib/dom';
import type { EpochReport } from './protocol';

const SERIES = {
  serial: [
    { key: 'trainAccuracy', label: 'train widths (1–16 bits)', color: '#1f5fa8' },
    { key: 'heldOutAccuracy', label: '64 bits', color: '#d55e00' },
  ],
  vector: [
    { key: 'trainAccuracy', label: 'training pairs', color: '#1f5fa8' },
    { key: 'allPairsAccuracy', label: 'all 16,384 pairs', color: '#d55e00' },
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
    h('figcaption', {}, h('strong', {}, 'Loss'), ' per epoch'),
  );
  const accBox = h(
    'figure',
    { class: 'chart', 'data-testid': 'train-chart-accuracy' },
    h('figcaption', {}, h('strong', {}, 'Exact-match accuracy'), ' per epoch'),
  );
  const element = h('div', { class: 'charts' }, lossBox, accBox);
  const axes = (label: string): uPlot.Axis[] => [
    { label: 'epoch', size: 36 },
    { label, size: 52 },
  ];
  const common = { width, height: 180, legend: { live: false } };
  let loss: uPlot | null = null;
  let acc: uPlot | null = null;
  const mount = () => {
    loss = new uPlot(
      {
        ...common,
        scales: { x: { time: false }, y: { distr: 3 } },
        axes: axes('loss (log)'),
        series: [{ label: 'epoch' }, { label: 'loss', stroke: '#1b1f24', width: 2 }],
      },
      [[], []],
      lossBox,
    );
    acc = new uPlot(
      {
        ...common,
        scales: { x: { time: false }, y: { range: [0, 100] } },
        axes: axes('%'),
        series: [
          { label: 'epoch' },
          ...SERIES[arch].map((s, k) => ({ label: s.label, stroke: s.color, width: 2, dash: k ? [6, 3] : undefined })),
        ],
      },
      [[], ...SERIES[arch].map(() => [])],
      accBox,
    );
  };
  let pending: readonly EpochReport[] | null = null;
  let last = 0;
  const draw = () => {
    if (!pending) return;
    if (!loss) mount();
    const records = pending;
    pending = null;
    last = performance.now();
    const epochs = records.map((r) => r.epoch);
    loss!.setData([epochs, records.map((r) => r.loss)]);
    acc!.setData([
      epochs,
      ...SERIES[arch].map((s) => records.map((r) => (r[s.key] === null ? null : r[s.key]! * 100))),
    ]);
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
