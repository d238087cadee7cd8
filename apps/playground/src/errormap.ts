// The 128 × 128 map of right and wrong answers of the vector model, filled in by a worker.
import { SIDE, wrongPairs, type ErrorMapMessage } from './errormap-protocol';
import { h, hideTooltip, showTooltip, sizeCanvas } from './dom';

const CELL = 3;
const RIGHT = '#d9e6f2';
const WRONG = '#b2182b';
const PENDING = '#f4f4f4';

export interface ErrorMap {
  element: HTMLElement;
  /** Marks the pair currently shown in the answer (or clears the mark with null). */
  mark(pair: { a: number; b: number } | null): void;
}

export function createErrorMap(): ErrorMap {
  const size = SIDE * CELL;
  const canvas = h('canvas', { role: 'img', 'data-testid': 'error-map', 'data-state': 'running', 'aria-label': 'Map of right and wrong pairs, computing…' });
  const ctx = sizeCanvas(canvas, size, size);
  ctx.fillStyle = PENDING;
  ctx.fillRect(0, 0, size, size);
  const status = h('p', { class: 'muted', 'data-testid': 'error-map-status', 'aria-live': 'polite' }, 'Computing all 16,384 pairs in a worker…');
  const wrongList = h('p', { class: 'wrong-list' });
  const sums = new Int16Array(SIDE * SIDE).fill(-1);
  let marked: { a: number; b: number } | null = null;

  const paintCell = (a: number, b: number) => {
    const got = sums[a * SIDE + b]!;
    ctx.fillStyle = got < 0 ? PENDING : got === a + b ? RIGHT : WRONG;
    ctx.fillRect(b * CELL, a * CELL, CELL, CELL);
  };
  const paintMark = () => {
    if (!marked) return;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 1;
    ctx.strokeRect(marked.b * CELL - 2.5, marked.a * CELL - 2.5, CELL + 5, CELL + 5);
  };

  const worker = new Worker(new URL('./errormap.worker.ts', import.meta.url), { type: 'module' });
  worker.addEventListener('message', (event: MessageEvent<ErrorMapMessage>) => {
    const message = event.data;
    if (message.type === 'row') {
      sums.set(message.sums, message.a * SIDE);
      for (let b = 0; b < SIDE; b++) paintCell(message.a, b);
      paintMark();
    } else if (message.type === 'done') {
      const wrong = wrongPairs(sums);
      canvas.dataset.state = 'done';
      canvas.dataset.correct = String(message.correct);
      const pct = ((100 * message.correct) / message.total).toFixed(2);
      const summary = `${message.correct.toLocaleString('en-GB')} of ${message.total.toLocaleString('en-GB')} pairs right (${pct} %), computed in your browser in ${Math.round(message.ms)} ms from the shipped weights (fingerprint ${message.fingerprint}).`;
      status.textContent = summary;
      canvas.setAttribute('aria-label', `Map of right and wrong pairs: ${summary}`);
      wrongList.textContent = wrong.length
        ? `Wrong pairs: ${wrong.slice(0, 24).map((w) => `${w.a} + ${w.b} → ${w.got}`).join(', ')}${wrong.length > 24 ? `, and ${wrong.length - 24} more` : ''}.`
        : 'No wrong pairs: the model adds every pair correctly.';
      worker.terminate();
    } else {
      canvas.dataset.state = 'failed';
      status.textContent = `The map could not be computed: ${message.message}`;
      worker.terminate();
    }
  });
  worker.addEventListener('error', (event) => {
    canvas.dataset.state = 'failed';
    status.textContent = `The map could not be computed: ${event.message || 'the worker failed to start'}`;
  });

  canvas.addEventListener('mousemove', (event) => {
    const rect = canvas.getBoundingClientRect();
    const b = Math.floor((event.clientX - rect.left) / CELL);
    const a = Math.floor((event.clientY - rect.top) / CELL);
    if (a < 0 || b < 0 || a >= SIDE || b >= SIDE) return hideTooltip();
    const got = sums[a * SIDE + b]!;
    const text = got < 0 ? `${a} + ${b}: computing…` : `${a} + ${b} → ${got} ${got === a + b ? '✓ right' : `✗ wrong (true sum ${a + b})`}`;
    showTooltip(text, event.pageX, event.pageY);
  });
  canvas.addEventListener('mouseleave', hideTooltip);

  const element = h(
    'figure',
    { class: 'error-map' },
    h('figcaption', {}, h('strong', {}, 'Every pair, right or wrong'), ' ', h('span', { class: 'muted' }, 'vector model, a down (0..127), b across (0..127)')),
    h(
      'div',
      { class: 'map-frame' },
      canvas,
      h(
        'div',
        { class: 'map-legend' },
        h('span', {}, h('i', { class: 'swatch', style: `background:${RIGHT}` }), ' right'),
        h('span', {}, h('i', { class: 'swatch', style: `background:${WRONG}` }), ' wrong'),
        h('span', {}, h('i', { class: 'swatch mark' }), ' current pair'),
      ),
    ),
    status,
    wrongList,
  );

  return {
    element,
    mark(pair) {
      const previous = marked;
      marked = pair && pair.a < SIDE && pair.b < SIDE ? pair : null;
      if (previous) {
        // Repaint the neighbourhood the old outline covered.
        for (let a = previous.a - 1; a <= previous.a + 1; a++)
          for (let b = previous.b - 1; b <= previous.b + 1; b++) if (a >= 0 && b >= 0 && a < SIDE && b < SIDE) paintCell(a, b);
      }
      paintMark();
    },
  };
}
