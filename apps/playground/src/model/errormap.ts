// The 128 × 128 map of right and wrong answers of the vector model, filled in by a worker. It is a
// control: click a cell (or move with the arrow keys and press Enter) to load that pair.
import {
  MAP_ORIENTATION,
  SIDE,
  moveCursor,
  pairAt,
  wrongPairs,
  type ErrorMapMessage,
  type ErrorMapRequest,
} from './errormap-protocol';
import type { ModelInfo } from '../api';
import { h, hideTooltip, showTooltip, sizeCanvas } from '../lib/dom';
import { colour, onThemeChange } from '../lib/theme';
import { startWorkerJob } from '../lib/worker-job';

const CELL = 3;

type Pair = { a: number; b: number };

export interface ErrorMap {
  element: HTMLElement;
  /** Marks the pair currently shown in the answer (or clears the mark with null). */
  mark(pair: Pair | null): void;
  /** Runs this model (with its weights) over every pair, unless it is already showing it; `from` says whose. */
  run(model: ModelInfo, from?: string): void;
}

export function createErrorMap(onPick: (pair: Pair) => void): ErrorMap {
  const size = SIDE * CELL;
  const canvas = h('canvas', {
    tabindex: 0,
    role: 'application',
    'aria-roledescription': 'map of pairs',
    'aria-describedby': 'errormap-help',
    'data-testid': 'errormap',
    'data-state': 'idle',
    'aria-label': 'Map of right and wrong pairs',
  });
  const ctx = sizeCanvas(canvas, size, size);
  const status = h(
    'p',
    { class: 'muted', 'data-testid': 'error-map-status', 'aria-live': 'polite' },
    'Waiting for the model’s weights…',
  );
  const cursorLine = h('p', { class: 'small', id: 'errormap-cursor', 'aria-live': 'polite' });
  const wrongList = h('p', { class: 'wrong-list' });
  const sums = new Int16Array(SIDE * SIDE).fill(-1);
  let marked: Pair | null = null;
  let cursor: Pair | null = null;
  let stop = () => {};
  let shownKey = '';

  const paintCell = (a: number, b: number) => {
    const got = sums[a * SIDE + b]!;
    ctx.fillStyle = got < 0 ? colour('--map-pending') : got === a + b ? colour('--map-right') : colour('--map-wrong');
    ctx.fillRect(a * CELL, b * CELL, CELL, CELL);
  };
  const outline = (pair: Pair, style: string, dash: number[]) => {
    ctx.save();
    ctx.strokeStyle = style;
    ctx.lineWidth = 1.5;
    ctx.setLineDash(dash);
    ctx.strokeRect(pair.a * CELL - 2.5, pair.b * CELL - 2.5, CELL + 5, CELL + 5);
    ctx.restore();
  };
  const paintAll = () => {
    const right = colour('--map-right');
    const wrong = colour('--map-wrong');
    const pending = colour('--map-pending');
    for (let a = 0; a < SIDE; a++) {
      for (let b = 0; b < SIDE; b++) {
        const got = sums[a * SIDE + b]!;
        ctx.fillStyle = got < 0 ? pending : got === a + b ? right : wrong;
        ctx.fillRect(a * CELL, b * CELL, CELL, CELL);
      }
    }
    paintMarks();
  };
  const paintMarks = () => {
    if (marked) outline(marked, colour('--ink'), []);
    if (cursor && document.activeElement === canvas) outline(cursor, colour('--focus'), [2, 1]);
  };
  const repaintAround = (pair: Pair | null) => {
    if (!pair) return;
    for (let a = pair.a - 2; a <= pair.a + 2; a++)
      for (let b = pair.b - 2; b <= pair.b + 2; b++) if (a >= 0 && b >= 0 && a < SIDE && b < SIDE) paintCell(a, b);
  };
  const describe = ({ a, b }: Pair) => {
    const got = sums[a * SIDE + b]!;
    return got < 0
      ? `${a} + ${b}: computing…`
      : `${a} + ${b} → ${got} ${got === a + b ? '✓ right' : `✗ wrong (true sum ${a + b})`}`;
  };
  // Painted when a model runs (the map is shown only then): not on the page's first load, where it costs a frame.

  function run(model: ModelInfo, from = 'the weights the API serves'): void {
    if (model.fingerprint === shownKey) return;
    shownKey = model.fingerprint;
    stop();
    sums.fill(-1);
    paintAll();
    canvas.dataset.state = 'running';
    status.textContent = 'Computing all 16,384 pairs in a worker…';
    wrongList.textContent = '';
    stop = startWorkerJob<ErrorMapMessage>(
      () => new Worker(new URL('./errormap.worker.ts', import.meta.url), { type: 'module' }),
      { model } satisfies ErrorMapRequest,
      {
        message(message) {
          if (message.type === 'row') {
            sums.set(message.sums, message.a * SIDE);
            for (let b = 0; b < SIDE; b++) paintCell(message.a, b);
            paintMarks();
          } else if (message.type === 'done') {
            const wrong = wrongPairs(sums);
            canvas.dataset.state = 'done';
            canvas.dataset.correct = String(message.correct);
            const pct = ((100 * message.correct) / message.total).toFixed(2);
            const en = (n: number) => n.toLocaleString('en-GB');
            const summary =
              `${en(message.correct)} of ${en(message.total)} pairs right (${pct} %), computed in your browser ` +
              `in ${Math.round(message.ms)} ms from ${from} (fingerprint ${message.fingerprint}).`;
            status.textContent = summary;
            canvas.setAttribute('aria-label', `Map of right and wrong pairs: ${summary}`);
            wrongList.textContent = wrong.length
              ? `Wrong pairs: ${wrong
                  .slice(0, 24)
                  .map((w) => `${w.a} + ${w.b} → ${w.got}`)
                  .join(', ')}${wrong.length > 24 ? `, and ${wrong.length - 24} more` : ''}.`
              : 'No wrong pairs: the model adds every pair correctly.';
          }
        },
        failed(reason) {
          canvas.dataset.state = 'failed';
          status.textContent = `The map could not be computed: ${reason}`;
        },
      },
    );
  }

  const pointerPair = (event: MouseEvent) => {
    const rect = canvas.getBoundingClientRect();
    return pairAt(event.clientX - rect.left, event.clientY - rect.top, CELL);
  };
  canvas.addEventListener('mousemove', (event) => {
    const pair = pointerPair(event);
    if (!pair) return hideTooltip();
    showTooltip(`${describe(pair)} · click to load`, event.pageX, event.pageY);
  });
  canvas.addEventListener('mouseleave', hideTooltip);
  canvas.addEventListener('click', (event) => {
    const pair = pointerPair(event);
    if (!pair) return;
    moveTo(pair);
    onPick(pair);
  });
  const moveTo = (next: Pair) => {
    const previous = cursor;
    cursor = next;
    repaintAround(previous);
    repaintAround(marked);
    paintMarks();
    cursorLine.textContent = `${describe(next)}. Enter loads this pair.`;
  };
  canvas.addEventListener('focus', () => moveTo(cursor ?? marked ?? { a: 0, b: 0 }));
  canvas.addEventListener('blur', () => {
    repaintAround(cursor);
    paintMarks();
    cursorLine.textContent = '';
  });
  canvas.addEventListener('keydown', (event) => {
    const current = cursor ?? marked ?? { a: 0, b: 0 };
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onPick(current);
      return;
    }
    const next =
      event.shiftKey && event.key.startsWith('Arrow') ? stepBy(current, event.key, 8) : moveCursor(current, event.key);
    if (!next) return;
    event.preventDefault();
    moveTo(next);
  });
  onThemeChange(paintAll);

  const swatch = (name: string) => h('i', { class: 'swatch', style: `background: var(${name})` });
  const element = h(
    'figure',
    { class: 'error-map', 'data-testid': 'error-map' },
    h(
      'figcaption',
      {},
      h('strong', {}, 'Every pair, right or wrong'),
      ' ',
      h('span', { class: 'muted' }, `vector model: ${MAP_ORIENTATION}`),
    ),
    h(
      'div',
      { class: 'map-frame' },
      canvas,
      h(
        'div',
        { class: 'map-legend' },
        h('span', {}, swatch('--map-right'), ' right'),
        h('span', {}, swatch('--map-wrong'), ' wrong'),
        h('span', {}, h('i', { class: 'swatch mark' }), ' current pair'),
        h(
          'p',
          { class: 'small muted', id: 'errormap-help' },
          'Click a cell to load that pair, or focus the map, move with the arrow keys (Shift: 8 at a time) ' +
            'and press Enter.',
        ),
        cursorLine,
      ),
    ),
    status,
    wrongList,
  );

  return {
    element,
    run,
    mark(pair) {
      const previous = marked;
      marked = pair && pair.a < SIDE && pair.b < SIDE ? pair : null;
      // The keyboard cursor starts from the pair shown, unless the visitor is moving it.
      if (document.activeElement !== canvas) cursor = null;
      repaintAround(previous);
      paintMarks();
    },
  };
}

/** Shift+arrow: eight cells at a time. */
function stepBy(pair: Pair, key: string, count: number): Pair | null {
  let next: Pair | null = pair;
  for (let k = 0; k < count && next; k++) next = moveCursor(next, key);
  return next;
}
