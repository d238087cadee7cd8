// The training curves (loss and accuracy per epoch), drawn with uPlot: the notebook's two plots.
// Accuracy is drawn as the share of wrong answers on a log-like (asinh) scale, so 99 % and 99.9 % are
// far apart instead of squeezed into a sliver under 100 %.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from '../lib/dom';
import { EPOCH_TICKS } from '../lib/epoch-ticks';
import { colour } from '../lib/theme';
import { phaseNote, type Series, type TrainingHistory } from './model-info';

/** What each series measured, in the legend. */
const SERIES_LABELS: Record<string, string> = {
  loss: 'loss',
  trainAccuracy: 'training data',
  heldOutAccuracy: 'held out',
  allPairsAccuracy: 'all pairs',
};

const PALETTE = ['--chart-1', '--chart-2', '--chart-3', '--chart-4'] as const;
const DASHES = [undefined, [8, 4], [2, 3], [12, 3, 2, 3]];
const MARKERS = [0, 5, 0, 4];
const TOP = 20;

/**
 * A dashed rule just before the first fine-tune epoch, labelled above the plot (where no curve can be); the caption
 * says the same in text.
 */
function phaseMarker(from: number): uPlot.Hooks.Defs['draw'] {
  return (u: uPlot) => {
    const dpr = uPlot.pxRatio;
    const x = Math.round(u.valToPos(from - 0.5, 'x', true));
    const { top, height } = u.bbox;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = colour('--muted');
    ctx.lineWidth = dpr;
    ctx.setLineDash([4 * dpr, 4 * dpr]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.fillStyle = colour('--ink');
    ctx.font = `${11 * dpr}px system-ui, sans-serif`;
    ctx.textBaseline = 'bottom';
    const label = 'all pairs from here →';
    const fits = x - ctx.measureText(label).width - 4 * dpr > u.bbox.left;
    ctx.textAlign = fits ? 'right' : 'left';
    ctx.fillText(fits ? label : '← all pairs from here', fits ? x - 4 * dpr : x + 4 * dpr, top - 4 * dpr);
    ctx.restore();
  };
}

function chart(
  title: string,
  history: TrainingHistory,
  series: Series[],
  width: number,
  accuracy: boolean,
): HTMLElement {
  const { epochs, fineTuneFrom } = history;
  const figure = h(
    'figure',
    { class: 'chart', 'data-testid': `chart-${title.toLowerCase()}`, style: `width: ${width}px; max-width: 100%` },
    h(
      'figcaption',
      {},
      h('strong', {}, title),
      ' per epoch',
      accuracy ? ' (drawn as % wrong, log scale: lower is better)' : '',
      fineTuneFrom === undefined ? null : ` · fine-tune on all pairs from epoch ${fineTuneFrom}`,
    ),
  );
  const wrongPercent = (v: number | null) => (v === null ? null : 100 * (1 - v));
  const data: uPlot.AlignedData = [epochs, ...series.map((s) => (accuracy ? s.values.map(wrongPercent) : s.values))];
  const last = epochs.length - 1;
  const ink = colour('--ink');
  const axis = {
    stroke: ink,
    grid: { stroke: colour('--grid'), width: 1 },
    ticks: { stroke: colour('--grid'), width: 1 },
  };
  const opts: uPlot.Options = {
    width,
    height: 220,
    padding: [TOP, 12, 0, 0],
    scales: { x: { time: false }, y: accuracy ? { distr: 4, asinh: 0.01, range: [0, 100] } : { distr: 3 } },
    axes: [
      { ...axis, label: 'epoch', size: 36, incrs: EPOCH_TICKS },
      // Fixed ticks on the asinh scale: uPlot's own put one below 0 % wrong, where there is nothing to read.
      {
        ...axis,
        label: accuracy ? '% wrong' : 'loss (log)',
        size: 56,
        ...(accuracy ? { splits: () => [0, 0.01, 0.1, 1, 10, 100] } : {}),
      },
    ],
    series: [
      { label: 'epoch' },
      ...series.map((s, k) => ({
        label: SERIES_LABELS[s.name] ?? s.name,
        stroke: colour(PALETTE[k % PALETTE.length]!),
        width: 2,
        dash: DASHES[k % DASHES.length],
        points: {
          show: epochs.length <= 80 && MARKERS[k % MARKERS.length]! > 0,
          size: MARKERS[k % MARKERS.length]! + 1,
        },
        value: (_: uPlot, v: number | null) =>
          v === null ? '–' : accuracy ? `${(100 - v).toFixed(2)} % right` : v.toPrecision(3),
      })),
    ],
    legend: { live: true },
    hooks: {
      // Show the last epoch's values until the pointer is over the plot, not uPlot's "--" placeholders.
      ready: [(u) => u.setLegend({ idx: last })],
      setCursor: [
        (u) => (u.cursor.idx === null || u.cursor.idx === undefined ? u.setLegend({ idx: last }, false) : undefined),
      ],
      ...(fineTuneFrom === undefined ? {} : { draw: [phaseMarker(fineTuneFrom)] }),
    },
  };
  // uPlot measures its container, so mount it after the figure is in the document.
  queueMicrotask(() => new uPlot(opts, data, figure));
  return figure;
}

export function renderTrainingCharts(history: TrainingHistory, width: number): HTMLElement {
  const columns = width >= 700 ? 2 : 1;
  const chartWidth = Math.max(240, Math.min(520, Math.floor(width / columns) - 16));
  const note = phaseNote(history);
  return h(
    'div',
    {},
    h(
      'div',
      { class: 'charts' },
      history.loss.length ? chart('Loss', history, history.loss, chartWidth, false) : null,
      history.accuracy.length ? chart('Accuracy', history, history.accuracy, chartWidth, true) : null,
    ),
    note ? h('p', { class: 'chart-note', 'data-testid': 'training-phases' }, note) : null,
  );
}
