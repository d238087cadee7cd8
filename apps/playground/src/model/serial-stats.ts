// The serial model's counterpart of the vector map: exact-match rate by operand length (random sums
// run in a worker with core), and which units carry the 1, for the step-through view.
import type { CarryUnit } from '../inside/carry';
import type { ModelInfo } from '../api';
import { h } from '../lib/dom';
import { LENGTHS, type SerialStatsMessage, type SerialStatsRequest } from './serial-stats-protocol';
import { startWorkerJob } from '../lib/worker-job';

export interface SerialStats {
  element: HTMLElement;
  /** Runs this model (with its weights), unless it is already shown. */
  run(model: ModelInfo): void;
}

/** `onCarry` receives the carry units of each model run, as soon as they are known. */
export function createSerialStats(onCarry: (units: CarryUnit[]) => void): SerialStats {
  const rows = h('tbody');
  const status = h(
    'p',
    { class: 'muted', 'data-testid': 'length-accuracy-status', 'aria-live': 'polite' },
    'Waiting for the model’s weights…',
  );
  const carryLine = h('p', { class: 'small', 'data-testid': 'carry-units' });
  const table = h(
    'table',
    { class: 'length-table', 'data-testid': 'length-accuracy', 'data-state': 'idle' },
    h(
      'caption',
      {},
      h('strong', {}, 'Exact answers by length'),
      ' ',
      h('span', { class: 'muted' }, 'serial model, random sums of two operands of each length'),
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'bits'),
        h('th', { scope: 'col' }, '≈ digits'),
        h('th', { scope: 'col' }, 'sums'),
        h('th', { scope: 'col' }, 'exact'),
        h('th', { scope: 'col' }, 'rate'),
      ),
    ),
    rows,
  );
  let stop = () => {};
  let shownKey = '';

  function run(model: ModelInfo): void {
    if (model.fingerprint === shownKey) return;
    shownKey = model.fingerprint;
    stop();
    rows.replaceChildren();
    carryLine.textContent = '';
    table.dataset.state = 'running';
    const sums = LENGTHS.reduce((n, l) => n + l.samples, 0);
    status.textContent = `Adding ${sums.toLocaleString('en-GB')} random sums in a worker…`;
    stop = startWorkerJob<SerialStatsMessage>(
      () => new Worker(new URL('./serial-stats.worker.ts', import.meta.url), { type: 'module' }),
      { model } satisfies SerialStatsRequest,
      {
        message(message) {
          if (message.type === 'carry') {
            const names = message.units.map((u) => `u${u.unit} (r = ${u.r.toFixed(2).replace('-', '−')})`).join(', ');
            const plural = message.units.length > 1 ? 's' : '';
            carryLine.textContent =
              `The carry lives in ${names}: the unit${plural} whose cell state c best follows the true carry ` +
              `over ${message.samples} random ${message.bits}-bit sums.`;
            onCarry(message.units);
          } else if (message.type === 'length') {
            const rate = message.correct / message.samples;
            rows.append(
              h(
                'tr',
                { 'data-bits': message.bits },
                h('td', {}, message.bits.toLocaleString('en-GB')),
                h('td', {}, Math.round(message.bits * Math.log10(2)).toLocaleString('en-GB')),
                h('td', {}, String(message.samples)),
                h('td', {}, String(message.correct)),
                h(
                  'td',
                  {},
                  h('span', { class: 'rate-bar', style: `--rate: ${rate}` }),
                  ` ${(100 * rate).toFixed(rate === 1 ? 0 : 1)} %`,
                ),
              ),
            );
          } else if (message.type === 'done') {
            table.dataset.state = 'done';
            status.textContent =
              `Computed in your browser in ${Math.round(message.ms)} ms from the weights the API serves ` +
              `(fingerprint ${message.fingerprint}).`;
          }
        },
        failed(reason) {
          table.dataset.state = 'failed';
          status.textContent = `These figures could not be computed: ${reason}`;
        },
      },
    );
  }

  return {
    element: h('figure', { class: 'serial-stats' }, h('div', { class: 'scroll-x' }, table), status, carryLine),
    run,
  };
}
