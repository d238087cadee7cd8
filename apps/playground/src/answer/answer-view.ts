// Renders the answer: decimal sum, right/wrong badge and the three aligned binary rows.
import type { TraceStep } from '@lstm-adder/edge-api';
import type { AddAnswer } from '../api';
import { BIT_COLUMN, LABEL_GUTTER } from '../lib/columns';
import { h, keepInView } from '../lib/dom';
import { alignBitRows, groupDigits, sumBitConfidences, surePercent } from './bits';

/** Digits in groups of three, spaced by CSS so that copying or reading textContent gives the plain number. */
function digitGroups(decimal: string): HTMLElement[] {
  return groupDigits(decimal)
    .split('\u2009')
    .map((group) => h('span', { class: 'digits' }, group));
}

export function renderEquation(
  answer: AddAnswer,
  els: { operands: HTMLElement; sum: HTMLOutputElement; badge: HTMLElement; trueSum: HTMLElement },
): void {
  els.operands.replaceChildren(
    h('span', { class: 'number' }, ...digitGroups(answer.a)),
    ' + ',
    h('span', { class: 'number' }, ...digitGroups(answer.b)),
    ' =',
  );
  els.sum.replaceChildren(...digitGroups(answer.sum));
  els.badge.hidden = false;
  els.badge.className = `badge ${answer.correct ? 'right' : 'wrong'}`;
  // Text and icon, not colour alone.
  els.badge.textContent = answer.correct ? '✓ correct' : '✗ wrong';
  els.trueSum.hidden = answer.correct;
  els.trueSum.replaceChildren();
  if (!answer.correct) {
    els.trueSum.append(
      'The true sum is ',
      h('span', { class: 'number' }, ...digitGroups((BigInt(answer.a) + BigInt(answer.b)).toString())),
      ': the model got it wrong.',
    );
  }
}

/** The true sum's bits at each position (0 = LSB), to mark the model's wrong bits. */
export function trueSumBit(answer: Pick<AddAnswer, 'a' | 'b'>, position: number): string {
  return String(((BigInt(answer.a) + BigInt(answer.b)) >> BigInt(position)) & 1n);
}

export interface BitTable {
  /** Outlines one bit position's column (the scrubber's step), or none. */
  highlight(position: number | null): void;
}

/**
 * The binary rows, most significant bit on the left; each sum bit shaded by the model's confidence in it (from
 * the trace's outputs, else the overall margin), its confidence written in the row below, and wrong bits marked.
 */
export function renderBits(answer: AddAnswer, trace: TraceStep[] | null, table: HTMLTableElement): BitTable {
  const { width, rows } = alignBitRows([
    { label: 'a', bits: answer.bits.a },
    { label: 'b', bits: answer.bits.b },
    { label: 'sum', bits: answer.bits.sum },
  ]);
  const perBit = sumBitConfidences(
    answer.model,
    trace?.map((s) => s.y),
    answer.bits.sum.length,
  );
  const fallback = Math.min(1, 2 * answer.margin);
  table.replaceChildren();
  // Fixed columns behind a fixed gutter, as the serial heatmaps draw theirs (lib/columns.ts).
  table.style.setProperty('--col', `${BIT_COLUMN}px`);
  table.style.setProperty('--gutter', `${LABEL_GUTTER}px`);
  table.style.setProperty('--columns', String(width));
  const head = h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'row')));
  for (let column = 0; column < width; column++) {
    const position = width - 1 - column;
    head.append(
      h(
        'th',
        { scope: 'col', title: `bit ${position} (2^${position})`, 'data-position': position },
        width > 24 && position % 4 !== 0 ? '' : String(position),
      ),
    );
  }
  table.append(h('thead', {}, head));
  const body = h('tbody');
  const sure = h(
    'tr',
    { class: 'row-sure' },
    h('th', { scope: 'row', title: 'how sure the model was of each sum bit, in %' }, 'sure %'),
  );
  for (const row of rows) {
    const tr = h('tr', { class: `row-${row.label}` }, h('th', { scope: 'row' }, row.label));
    for (const cell of row.cells) {
      const td = h('td', { 'data-position': cell.position }, cell.bit);
      if (row.label === 'sum' && cell.bit !== '') {
        const confidence = perBit?.[cell.position] ?? fallback;
        const expected = trueSumBit(answer, cell.position);
        const wrong = cell.bit !== expected;
        td.style.setProperty('--confidence', confidence.toFixed(3));
        td.className = `shade${confidence > 0.55 ? ' dark' : ''}${wrong ? ' wrong' : ''}`;
        td.dataset.confidence = confidence.toFixed(3);
        td.tabIndex = -1;
        const truth = wrong ? `, wrong: the true bit is ${expected}` : '';
        td.setAttribute(
          'aria-label',
          `sum bit ${cell.position} = ${cell.bit}, ${surePercent(confidence)} % sure${truth}`,
        );
        td.title = td.getAttribute('aria-label')!;
        if (wrong) td.dataset.testid = 'bit-wrong';
        sure.append(
          h('td', { 'data-position': cell.position, 'aria-hidden': 'true' }, String(surePercent(confidence))),
        );
      } else if (row.label === 'sum') {
        sure.append(h('td', { 'data-position': cell.position }));
      }
      tr.append(td);
    }
    body.append(tr);
  }
  body.append(sure);
  table.append(body);
  const shading = perBit ? '' : ' (per-bit confidence not available: shaded by the overall margin)';
  table.setAttribute('aria-label', `a, b and the sum in binary, most significant bit on the left${shading}`);
  const scroller = table.parentElement;
  // Long sums: show the least significant bits (the right end) first, where the adding starts.
  if (scroller) scroller.scrollLeft = scroller.scrollWidth;
  return {
    highlight(position) {
      table.dataset.step = position === null ? '' : String(position);
      for (const el of table.querySelectorAll('.current')) el.classList.remove('current');
      if (position === null) return;
      const cells = table.querySelectorAll<HTMLElement>(`[data-position="${position}"]`);
      for (const el of cells) el.classList.add('current');
      const first = cells[0];
      if (scroller && first) keepInView(scroller, first.offsetLeft, first.offsetWidth, LABEL_GUTTER);
    },
  };
}
