// Draws one heatmap (hidden units × steps) on a canvas, with axis labels, a colour legend and a
// tooltip per cell that follows the mouse or the arrow keys.
import { CHANNEL_INFO, cellAt, colourFor, valueAt, type GridLayout, type HeatmapData } from './heatmap-data';
import { h, hideTooltip, showTooltip, sizeCanvas } from './dom';

const LEFT = 34;
const STRIP = 10;
const BOTTOM = 22;

export interface Strip {
  /** Short row label drawn left of the strip. */
  label: string;
  /** One 0/1 value per step, drawn above the grid in the same columns. */
  values: number[];
}

export function renderHeatmap(data: HeatmapData, labels: string[], ticks: string[], maxWidth: number, strip?: Strip): HTMLElement {
  const info = CHANNEL_INFO[data.channel];
  const top = strip ? STRIP + 8 : 6;
  const cellWidth = Math.max(2, Math.min(48, Math.floor((maxWidth - LEFT - 8) / Math.max(1, data.steps))));
  const cellHeight = data.units > 24 ? 6 : data.units > 12 ? 9 : 14;
  const layout: GridLayout = { left: LEFT, top: top, cellWidth, cellHeight, units: data.units, steps: data.steps };
  const width = LEFT + cellWidth * data.steps + 8;
  const height = top + cellHeight * data.units + BOTTOM;

  const canvas = h('canvas', {
    tabindex: 0,
    role: 'img',
    'data-testid': `heatmap-${data.channel}`,
    'aria-label': `${info.title}: ${data.units} hidden units by ${data.steps} steps. Use the arrow keys to read cells.`,
  });
  const ctx = sizeCanvas(canvas, width, height);
  let focus: { unit: number; step: number } | null = null;

  const draw = () => {
    ctx.clearRect(0, 0, width, height);
    for (let u = 0; u < data.units; u++) {
      for (let t = 0; t < data.steps; t++) {
        const [r, g, b] = colourFor(valueAt(data, u, t), data.domain);
        ctx.fillStyle = `rgb(${r},${g},${b})`;
        ctx.fillRect(LEFT + t * cellWidth, top + u * cellHeight, cellWidth, cellHeight);
      }
    }
    ctx.fillStyle = '#333';
    ctx.font = '10px system-ui, sans-serif';
    if (strip) {
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(strip.label, LEFT - 4, 3 + STRIP / 2);
      strip.values.forEach((v, t) => {
        ctx.fillStyle = v ? '#1b1f24' : '#ffffff';
        ctx.fillRect(LEFT + t * cellWidth, 3, cellWidth, STRIP);
      });
      ctx.strokeStyle = '#8a949e';
      ctx.lineWidth = 1;
      ctx.strokeRect(LEFT - 0.5, 2.5, cellWidth * data.steps + 1, STRIP + 1);
      ctx.fillStyle = '#333';
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const unitEvery = data.units > 16 ? 8 : 4;
    for (let u = 0; u < data.units; u += unitEvery) ctx.fillText(`u${u}`, LEFT - 4, top + (u + 0.5) * cellHeight);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const stepEvery = Math.max(1, Math.ceil(30 / cellWidth));
    for (let t = 0; t < data.steps; t += stepEvery) {
      ctx.fillText(ticks[t] ?? String(t), LEFT + (t + 0.5) * cellWidth, top + data.units * cellHeight + 5);
    }
    if (focus) {
      ctx.strokeStyle = '#000';
      ctx.lineWidth = 2;
      ctx.strokeRect(LEFT + focus.step * cellWidth + 1, top + focus.unit * cellHeight + 1, cellWidth - 2, cellHeight - 2);
    }
  };
  draw();

  const describe = (cell: { unit: number; step: number }) =>
    `${data.channel}, unit ${cell.unit}, ${labels[cell.step] ?? `step ${cell.step + 1}`}: ${valueAt(data, cell.unit, cell.step).toFixed(3).replace('-', '−')}` +
    (strip ? ` (${strip.label} ${strip.values[cell.step] ?? '?'})` : '');

  canvas.addEventListener('mousemove', (event) => {
    const rect = canvas.getBoundingClientRect();
    const cell = cellAt(layout, event.clientX - rect.left, event.clientY - rect.top);
    if (cell) showTooltip(describe(cell), event.pageX, event.pageY);
    else hideTooltip();
  });
  canvas.addEventListener('mouseleave', hideTooltip);
  canvas.addEventListener('blur', () => {
    focus = null;
    draw();
    hideTooltip();
  });
  canvas.addEventListener('keydown', (event) => {
    const moves: Record<string, [number, number]> = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const current = focus ?? { unit: 0, step: 0 };
    focus = focus
      ? {
          unit: Math.min(data.units - 1, Math.max(0, current.unit + move[0])),
          step: Math.min(data.steps - 1, Math.max(0, current.step + move[1])),
        }
      : current;
    draw();
    const rect = canvas.getBoundingClientRect();
    showTooltip(
      describe(focus),
      rect.left + window.scrollX + LEFT + (focus.step + 0.5) * cellWidth,
      rect.top + window.scrollY + top + (focus.unit + 1) * cellHeight,
    );
    canvas.setAttribute('aria-label', describe(focus));
  });

  return h(
    'figure',
    { class: 'heatmap' },
    h('figcaption', {}, h('strong', {}, info.title), ' ', h('span', { class: 'muted' }, info.meaning)),
    h('div', { class: 'scroll-x' }, canvas),
    legend(data.domain),
  );
}

function legend(domain: [number, number]): HTMLElement {
  const stops = Array.from({ length: 11 }, (_, k) => {
    const [r, g, b] = colourFor(domain[0] + ((domain[1] - domain[0]) * k) / 10, domain);
    return `rgb(${r},${g},${b}) ${k * 10}%`;
  });
  const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2)).replace('-', '−');
  return h(
    'div',
    { class: 'legend', 'aria-hidden': 'true' },
    h('span', {}, fmt(domain[0])),
    h('span', { class: 'legend-bar', style: `background: linear-gradient(to right, ${stops.join(', ')})` }),
    h('span', {}, fmt(domain[1])),
  );
}
