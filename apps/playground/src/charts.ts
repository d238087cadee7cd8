// The training curves (loss and accuracy per epoch), drawn with uPlot: the notebook's two plots.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { humanise, phaseNote, type Series, type TrainingHistory } from './model-info';
import { h } from './dom';

const PALETTE = ['#1f5fa8', '#d55e00', '#009e73', '#7b3294', '#666666'];

/** A dashed rule just before the first fine-tune epoch, labelled on the canvas; the caption says the same in text. */
function phaseMarker(from: number, labelAtTop: boolean): uPlot.Hooks.Defs['draw'] {
  return (u: uPlot) => {
    const dpr = uPlot.pxRatio;
    const x = Math.round(u.valToPos(from - 0.5, 'x', true));
    const { top, height } = u.bbox;
    const ctx = u.ctx;
    ctx.save();
    ctx.strokeStyle = '#555';
    ctx.lineWidth = dpr;
    ctx.setLineDash([4 * dpr, 4 * dpr]);
    ctx.beginPath();
    ctx.moveTo(x, top);
    ctx.lineTo(x, top + height);
    ctx.stroke();
    ctx.fillStyle = '#333';
    ctx.font = `${12 * dpr}px system-ui, sans-serif`;
    ctx.textAlign = 'right';
    ctx.fillText('all pairs from here →', x - 4 * dpr, labelAtTop ? top + 14 * dpr : top + height - 6 * dpr);
    ctx.restore();
  };
}

function chart(title: string, history: TrainingHistory, series: Series[], width: number, percent: boolean): HTMLElement {
  const { epochs, fineTuneFrom } = history;
  const figure = h(
    'figure',
    { class: 'chart', 'data-testid': `chart-${title.toLowerCase()}` },
    h('figcaption', {}, h('strong', {}, title), ' per epoch', fineTuneFrom === undefined ? null : ` · fine-tune on all pairs from epoch ${fineTuneFrom}`),
  );
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
    // Loss falls to the bottom and accuracy rises to the top by then, so the label goes where the curves are not.
    hooks: fineTuneFrom === undefined ? {} : { draw: [phaseMarker(fineTuneFrom, !percent)] },
  };
  // uPlot measures its container, so mount it after the figure is in the document.
  queueMicrotask(() => new uPlot(opts, data, figure));
  return figure;
}

export function renderTrainingCharts(history: TrainingHistory, width: number): HTMLElement {
  const chartWidth = Math.max(260, Math.min(520, width));
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
