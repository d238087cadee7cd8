// The training curves (loss and accuracy per epoch), drawn with uPlot: the notebook's two plots.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { humanise, type Series, type TrainingHistory } from './model-info';
import { h } from './dom';

const PALETTE = ['#1f5fa8', '#d55e00', '#009e73', '#7b3294', '#666666'];

function chart(title: string, epochs: number[], series: Series[], width: number, percent: boolean): HTMLElement {
  const figure = h('figure', { class: 'chart', 'data-testid': `chart-${title.toLowerCase()}` }, h('figcaption', {}, h('strong', {}, title), ' per epoch'));
  const scale = (v: number | null) => (v === null ? null : percent ? v * 100 : v);
  const data: uPlot.AlignedData = [epochs, ...series.map((s) => s.values.map(scale))];
  const opts: uPlot.Options = {
    width,
    height: 200,
    scales: { x: { time: false }, y: percent ? { range: [null, 100] } : { distr: 3 } },
    axes: [
      { label: 'epoch', size: 36 },
      { label: percent ? '%' : 'loss (log)', size: 52 },
    ],
    series: [
      { label: 'epoch' },
      ...series.map((s, k) => ({
        label: humanise(s.name),
        stroke: PALETTE[k % PALETTE.length]!,
        width: 2,
        dash: k === 0 ? undefined : [4 + 2 * k, 3],
        value: (_: uPlot, v: number | null) => (v === null ? '–' : percent ? `${v.toFixed(2)} %` : v.toPrecision(3)),
      })),
    ],
    legend: { live: true },
  };
  // uPlot measures its container, so mount it after the figure is in the document.
  queueMicrotask(() => new uPlot(opts, data, figure));
  return figure;
}

export function renderTrainingCharts(history: TrainingHistory, width: number): HTMLElement {
  const chartWidth = Math.max(260, Math.min(520, width));
  return h(
    'div',
    { class: 'charts' },
    history.loss.length ? chart('Loss', history.epochs, history.loss, chartWidth, false) : null,
    history.accuracy.length ? chart('Accuracy', history.epochs, history.accuracy, chartWidth, true) : null,
  );
}
