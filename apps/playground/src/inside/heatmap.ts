// Draws one heatmap (hidden units × steps) on a canvas, with axis labels, a colour legend, a tooltip
// per cell that follows the mouse or the arrow keys, and the step the scrubber is on.
import { LABEL_GUTTER } from '../lib/columns';
import { h, hideTooltip, keepInView, showTooltip, sizeCanvas } from '../lib/dom';
import { colour } from '../lib/theme';
import { CHANNEL_INFO, cellAt, colourFor, columnOf, type GridLayout, type HeatmapData, valueAt } from './heatmap-data';

const LEFT = LABEL_GUTTER;
const STRIP = 10;
const BOTTOM = 22;

export interface Strip {
  /** Short row label drawn left of the strip. */
  label: string;
  /** One 0/1 value per step, drawn above the grid in the same columns. */
  values: number[];
}

export interface HeatmapOptions {
  labels: string[];
  ticks: string[];
  maxWidth: number;
  /** Each step's column width: fixed (to line up with the bit table's), else fitted to `maxWidth`. */
  cellWidth?: number;
  strip?: Strip;
  /** Steps right to left (see GridLayout.rtl). */
  rtl?: boolean;
  /** Units to name on the row axis, e.g. the carry unit(s). */
  named?: { unit: number; name: string }[];
}

export interface Heatmap {
  element: HTMLElement;
  /** The box that scrolls the map sideways. */
  scroller: HTMLElement;
  /** Outlines one step's column (the scrubber's), or none. */
  highlight(step: number | null): void;
  /** Redraws with the current theme's colours. */
  redraw(): void;
  /** Names units on the row axis (the carry units, once found) without replacing the map. */
  name(named: { unit: number; name: string }[]): void;
}

export function renderHeatmap(data: HeatmapData, options: HeatmapOptions): Heatmap {
  const { labels, ticks, maxWidth, strip, rtl = false } = options;
  let named = options.named ?? [];
  const info = CHANNEL_INFO[data.channel];
  const top = strip ? STRIP + 8 : 6;
  const cellWidth =
    options.cellWidth ?? Math.max(2, Math.min(48, Math.floor((maxWidth - LEFT - 8) / Math.max(1, data.steps))));
  const cellHeight = data.units > 24 ? 6 : data.units > 12 ? 9 : 14;
  const layout: GridLayout = { left: LEFT, top, cellWidth, cellHeight, units: data.units, steps: data.steps, rtl };
  const width = LEFT + cellWidth * data.steps + 8;
  const height = top + cellHeight * data.units + BOTTOM;
  const x = (step: number) => LEFT + columnOf(layout, step) * cellWidth;

  const canvas = h('canvas', {
    tabindex: 0,
    role: 'img',
    'data-testid': `heatmap-${data.channel}`,
    'aria-label':
      `${info.title}: ${data.units} hidden units by ${data.steps} steps` +
      `${rtl ? ' (step 1 on the right, like the bits)' : ''}. Use the arrow keys to read cells.`,
  });
  const ctx = sizeCanvas(canvas, width, height);
  let focus: { unit: number; step: number } | null = null;
  let current: number | null = null;

  const draw = () => {
    canvas.dataset.named = named.map((n) => `u${n.unit}`).join(' ');
    const ink = colour('--ink');
    ctx.clearRect(0, 0, width, height);
    for (let u = 0; u < data.units; u++) {
      for (let t = 0; t < data.steps; t++) {
        const [r, g, b] = colourFor(valueAt(data, u, t), data.domain);
        ctx.fillStyle = `rgb(${r},${g},${b})`;
        ctx.fillRect(x(t), top + u * cellHeight, cellWidth, cellHeight);
      }
    }
    ctx.fillStyle = ink;
    ctx.font = '10px system-ui, sans-serif';
    if (strip) {
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(strip.label, LEFT - 4, 3 + STRIP / 2);
      strip.values.forEach((v, t) => {
        ctx.fillStyle = v ? colour('--strip-on') : colour('--strip-off');
        ctx.fillRect(x(t), 3, cellWidth, STRIP);
      });
      ctx.strokeStyle = colour('--muted');
      ctx.lineWidth = 1;
      ctx.strokeRect(LEFT - 0.5, 2.5, cellWidth * data.steps + 1, STRIP + 1);
      ctx.fillStyle = ink;
    }
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    // Every unit is named when there are few (a small model's carry may live in any of them).
    const unitEvery = data.units > 16 ? 8 : data.units > 12 ? 4 : 1;
    const namedUnits = new Map(named.map((n) => [n.unit, n.name]));
    for (let u = 0; u < data.units; u++) {
      const name = namedUnits.get(u);
      if (name) {
        ctx.font = 'bold 10px system-ui, sans-serif';
        ctx.fillText(`${name} u${u} ▸`, LEFT - 2, top + (u + 0.5) * cellHeight);
        ctx.font = '10px system-ui, sans-serif';
      } else if (u % unitEvery === 0 && ![u - 1, u + 1].some((n) => namedUnits.has(n))) {
        ctx.fillText(`u${u}`, LEFT - 4, top + (u + 0.5) * cellHeight);
      }
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    const stepEvery = Math.max(1, Math.ceil(30 / cellWidth));
    for (let t = 0; t < data.steps; t += stepEvery) {
      ctx.fillText(ticks[t] ?? String(t), x(t) + cellWidth / 2, top + data.units * cellHeight + 5);
    }
    if (current !== null && current < data.steps) {
      ctx.strokeStyle = colour('--focus');
      ctx.lineWidth = 2;
      ctx.strokeRect(x(current) - 1, 1, cellWidth + 2, top + data.units * cellHeight);
    }
    if (focus) {
      ctx.strokeStyle = ink;
      ctx.lineWidth = 2;
      ctx.strokeRect(x(focus.step) + 1, top + focus.unit * cellHeight + 1, cellWidth - 2, cellHeight - 2);
    }
  };
  draw();

  const describe = (cell: { unit: number; step: number }) => {
    const value = valueAt(data, cell.unit, cell.step).toFixed(3).replace('-', '−');
    const step = labels[cell.step] ?? `step ${cell.step + 1}`;
    const carry = strip ? ` (${strip.label} ${strip.values[cell.step] ?? '?'})` : '';
    return `${data.channel}, unit ${cell.unit}, ${step}: ${value}${carry}`;
  };

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
    // Left and right move across columns on screen, whichever way the steps run.
    const across = rtl ? -1 : 1;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [0, -across],
      ArrowRight: [0, across],
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
    };
    const move = moves[event.key];
    if (!move) return;
    event.preventDefault();
    const start = { unit: 0, step: rtl ? data.steps - 1 : 0 };
    focus = focus
      ? {
          unit: Math.min(data.units - 1, Math.max(0, focus.unit + move[0])),
          step: Math.min(data.steps - 1, Math.max(0, focus.step + move[1])),
        }
      : start;
    draw();
    const rect = canvas.getBoundingClientRect();
    showTooltip(
      describe(focus),
      rect.left + window.scrollX + x(focus.step) + cellWidth / 2,
      rect.top + window.scrollY + top + (focus.unit + 1) * cellHeight,
    );
    canvas.setAttribute('aria-label', describe(focus));
  });

  const scroller = h('div', { class: 'scroll-x' }, canvas);
  const element = h(
    'figure',
    { class: 'heatmap' },
    h('figcaption', {}, h('strong', {}, info.title), ' ', h('span', { class: 'muted' }, info.meaning)),
    scroller,
    legend(data.domain),
  );
  return {
    element,
    scroller,
    highlight(step) {
      current = step;
      canvas.dataset.step = step === null ? '' : String(step);
      draw();
      if (step !== null) keepInView(scroller, x(step), cellWidth);
    },
    redraw: draw,
    name(units) {
      named = units;
      draw();
    },
  };
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
