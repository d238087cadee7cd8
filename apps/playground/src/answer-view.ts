// Renders the answer: decimal sum, right/wrong badge and the three aligned binary rows.
import type { TraceStep } from '@lstm-adder/edge-api';
import type { AddAnswer } from './api';
import { alignBitRows, groupDigits, sumBitConfidences } from './bits';
import { h } from './dom';

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
  els.operands.replaceChildren(h('span', { class: 'number' }, ...digitGroups(answer.a)), ' + ', h('span', { class: 'number' }, ...digitGroups(answer.b)), ' =');
  els.sum.replaceChildren(...digitGroups(answer.sum));
  els.badge.hidden = false;
  els.badge.className = `badge ${answer.correct ? 'right' : 'wrong'}`;
  // Text and icon, not colour alone.
  els.badge.textContent = answer.correct ? '✓ correct' : '✗ wrong';
  els.trueSum.hidden = answer.correct;
  els.trueSum.replaceChildren();
  if (!answer.correct) {
    els.trueSum.append('The true sum is ', h('span', { class: 'number' }, ...digitGroups((BigInt(answer.a) + BigInt(answer.b)).toString())), ': the model got it wrong.');
  }
}

/** The binary rows; each sum bit shaded by the model's confidence in it (from the trace's outputs, else the overall margin). */
export function renderBits(answer: AddAnswer, trace: TraceStep[] | null, table: HTMLTableElement): void {
  const { width, rows } = alignBitRows([
    { label: 'a', bits: answer.bits.a },
    { label: 'b', bits: answer.bits.b },
    { label: 'sum', bits: answer.bits.sum },
  ]);
  const perBit = sumBitConfidences(answer.model, trace?.map((s) => s.y), answer.bits.sum.length);
  const fallback = Math.min(1, 2 * answer.margin);
  table.replaceChildren();
  const head = h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'sr-only' }, 'row')));
  for (let column = 0; column < width; column++) {
    const position = width - 1 - column;
    head.append(h('th', { scope: 'col', title: `bit ${position} (2^${position})` }, width > 24 && position % 4 !== 0 ? '' : String(position)));
  }
  table.append(h('thead', {}, head));
  const body = h('tbody');
  for (const row of rows) {
    const tr = h('tr', { class: `row-${row.label}` }, h('th', { scope: 'row' }, row.label));
    for (const cell of row.cells) {
      const td = h('td', {}, cell.bit);
      if (row.label === 'sum' && cell.bit !== '') {
        const confidence = perBit?.[cell.position] ?? fallback;
        td.style.setProperty('--confidence', confidence.toFixed(3));
        td.className = confidence > 0.55 ? 'shade dark' : 'shade';
        td.title = `bit ${cell.position} = ${cell.bit}, confidence ${(confidence * 100).toFixed(0)} %`;
        td.dataset.confidence = confidence.toFixed(3);
      }
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
  table.setAttribute('aria-label', `a, b and the sum in binary, most significant bit first${perBit ? '' : ' (per-bit confidence not available: shaded by the overall margin)'}`);
}
