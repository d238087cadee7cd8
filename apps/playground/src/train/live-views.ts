// What the Train view redraws as the model learns, from the weights being trained, computed with core:
// the gate/cell heatmaps of the current pair, the serial exact-match rate by length, the vector 128 × 128 map.
import { fitsVector, TRACE_MAX_DIGITS, type Weights } from '@lstm-adder/core';
import { localAnswer, adderOf } from '../answer/local-answer';
import { MAP_ORIENTATION } from '../model/errormap-protocol';
import { h, sizeCanvas } from '../lib/dom';
import { renderHeatmap } from '../inside/heatmap';
import { CHANNELS, heatmapData, stepLabels, stepTicks } from '../inside/heatmap-data';
import { colour } from '../lib/theme';
import { LENGTHS } from './eval-protocol';

/** The heatmaps of a + b through `weights`; the pair is the page's, or 57 + 99 when it does not fit the model. */
export function renderTraceHeatmaps(weights: Weights, a: string, b: string, width: number): HTMLElement {
  const fits = (digits: string) =>
    weights.arch === 'vector' ? fitsVector(digits) : /^[0-9]+$/.test(digits) && digits.length <= TRACE_MAX_DIGITS;
  const [x, y] = fits(a) && fits(b) ? [a, b] : ['57', '99'];
  const outcome = localAnswer(adderOf(weights), x, y, true);
  const box = h('div', { class: `heatmaps ${weights.arch}`, 'data-testid': 'train-heatmaps' });
  if (outcome.kind !== 'answer' || !outcome.answer.trace) return box;
  const { answer } = outcome;
  const trace = answer.trace!;
  const caption = h(
    'p',
    { class: 'muted small' },
    `Inside the network for ${answer.a} + ${answer.b}: it answers ${answer.sum} ` +
      `${answer.correct ? '✓ right' : '✗ wrong'} with the weights of this epoch.`,
  );
  const panel = Math.max(200, Math.floor(width / 3) - 16);
  for (const channel of CHANNELS) {
    const labels = stepLabels(answer.model, trace.length);
    const map = renderHeatmap(heatmapData(trace, channel), {
      labels,
      ticks: stepTicks(answer.model, trace.length),
      maxWidth: panel,
      rtl: answer.model === 'serial',
    }).element;
    map.querySelector(`[data-testid="heatmap-${channel}"]`)?.setAttribute('data-testid', `train-heatmap-${channel}`);
    box.append(map);
  }
  return h('div', {}, caption, box);
}

export interface LengthsView {
  element: HTMLElement;
  show(byWidth: { width: number; samples: number; correct: number }[], epoch: number): void;
  clear(): void;
}

/** Serial: one row per length, the share of fresh random pairs added exactly. */
export function createLengthsView(): LengthsView {
  const body = h('tbody');
  const caption = h('caption', {}, 'Exact sums on fresh random pairs, by length (measured with core every few epochs)');
  const element = h(
    'table',
    { class: 'lengths', 'data-testid': 'train-lengths' },
    caption,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'length'),
        h('th', { scope: 'col' }, 'pairs'),
        h('th', { scope: 'col' }, 'exact'),
      ),
    ),
    body,
  );
  const clear = () => {
    body.replaceChildren(
      ...LENGTHS.map((l) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, `${l.bits.toLocaleString('en-GB')} bits`),
          h('td', {}, String(l.samples)),
          h('td', {}, '–'),
        ),
      ),
    );
    caption.textContent = 'Exact sums on fresh random pairs, by length (measured with core every few epochs)';
  };
  clear();
  return {
    element,
    clear,
    show(byWidth, epoch) {
      body.replaceChildren(
        ...byWidth.map((w) => {
          const all = w.correct === w.samples;
          return h(
            'tr',
            { class: all ? 'all-right' : '' },
            h('th', { scope: 'row' }, `${w.width.toLocaleString('en-GB')} bits`),
            h('td', {}, String(w.samples)),
            h('td', {}, `${((100 * w.correct) / w.samples).toFixed(1)} %${all ? ' ✓' : ''}`),
          );
        }),
      );
      caption.textContent = `Exact sums on fresh random pairs, by length (weights of epoch ${epoch})`;
    },
  };
}

export interface PairMapView {
  element: HTMLElement;
  show(sums: Int16Array, correct: number, epoch: number): void;
  clear(): void;
}

/** Vector: all 128 × 128 pairs, right or wrong, as the model stands. */
export function createPairMapView(): PairMapView {
  const side = 128,
    cell = 2;
  const canvas = h('canvas', {
    role: 'img',
    'data-testid': 'train-pair-map',
    'aria-label': 'Map of right and wrong pairs: not measured yet',
  });
  const ctx = sizeCanvas(canvas, side * cell, side * cell);
  const status = h('p', { class: 'muted small' });
  const clear = () => {
    ctx.fillStyle = colour('--map-pending');
    ctx.fillRect(0, 0, side * cell, side * cell);
    status.textContent = 'All 16,384 pairs, measured with core as it learns.';
  };
  clear();
  return {
    element: h(
      'figure',
      { class: 'error-map' },
      h(
        'figcaption',
        {},
        h('strong', {}, 'Every pair'),
        ' ',
        h('span', { class: 'muted' }, `${MAP_ORIENTATION}; dark red = wrong`),
      ),
      canvas,
      status,
    ),
    clear,
    show(sums, correct, epoch) {
      for (let a = 0; a < side; a++)
        for (let b = 0; b < side; b++) {
          ctx.fillStyle = sums[a * side + b] === a + b ? colour('--map-right') : colour('--map-wrong');
          ctx.fillRect(a * cell, b * cell, cell, cell);
        }
      const share = ((100 * correct) / 16384).toFixed(2);
      const text = `${correct.toLocaleString('en-GB')} of 16,384 pairs right (${share} %) after epoch ${epoch}.`;
      status.textContent = text;
      canvas.setAttribute('aria-label', `Map of right and wrong pairs: ${text}`);
    },
  };
}
