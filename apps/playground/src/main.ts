// Wires the page: URL state ⇄ inputs, debounced calls to the edge API, and the views.
import './styles.css';
import { showBanner, showErrors } from './alerts';
import { createApi, resolveApiBase, TRACE_MAX_DIGITS, type AddAnswer } from './api';
import { describeRefusal, localProblems } from './answer-errors';
import { renderBits, renderEquation } from './answer-view';
import type { CarryUnit } from './carry';
import { byId, h } from './dom';
import { createErrorMap, type ErrorMap } from './errormap';
import { operandEls, renderInputs } from './inputs';
import { createModelView } from './model-view';
import { renderNetwork, type NetworkView } from './network-view';
import { createSerialStats, type SerialStats } from './serial-stats';
import { DEFAULT_STATE, isModelChoice, parseState, sameState, serializeState, type PlaygroundState } from './state';
import { onThemeChange } from './theme';

const DEBOUNCE_MS = 150;

const api = createApi(resolveApiBase(location.search, import.meta.env, location.origin));
let state: PlaygroundState = parseState(location.search);

const els = {
  model: byId<HTMLSelectElement>('model'),
  operands: byId('equation-operands'),
  sum: byId<HTMLOutputElement>('sum'),
  badge: byId('correct'),
  trueSum: byId('true-sum'),
  answeredBy: byId('answered-by'),
  bits: byId<HTMLTableElement>('bits'),
  bitsLegend: byId('bits-legend'),
  network: { intro: byId('network-intro'), scrubberSlot: byId('scrubber-slot'), heatmaps: byId('heatmaps') },
};
byId('api-url').textContent = api.base;

function setState(next: PlaygroundState): void {
  if (sameState(next, state)) return;
  state = next;
  history.replaceState(null, '', serializeState(state, location.search) + location.hash);
  renderInputs(state);
  schedule();
}

let timer: ReturnType<typeof setTimeout> | undefined;
function schedule(): void {
  clearTimeout(timer);
  timer = setTimeout(() => void ask(), DEBOUNCE_MS);
}

let asked = 0;
async function ask(): Promise<void> {
  const mine = ++asked;
  const local = localProblems(state);
  if (local.length) {
    showBanner(null, ask);
    showErrors(local);
    clearAnswer();
    return;
  }
  const wantTrace = state.a.length <= TRACE_MAX_DIGITS && state.b.length <= TRACE_MAX_DIGITS;
  let outcome = await api.add(state, wantTrace);
  if (outcome.kind === 'refused' && outcome.code === 'trace_too_long') outcome = await api.add(state, false);
  if (mine !== asked) return; // a newer question is on its way
  showBanner(outcome.kind === 'unreachable' ? outcome : null, () => void ask());
  if (outcome.kind === 'answer') {
    showErrors([]);
    renderAnswer(outcome.answer);
  } else {
    showErrors(outcome.kind === 'refused' ? [describeRefusal(outcome, state)] : []);
    clearAnswer();
  }
}

let shown: { answer: AddAnswer; network: NetworkView } | null = null;

function clearAnswer(): void {
  shown = null;
  els.operands.textContent = '';
  els.sum.textContent = '—';
  els.badge.hidden = true;
  els.trueSum.hidden = true;
  els.answeredBy.textContent = 'No answer: see the message above.';
  els.bits.replaceChildren();
  els.bitsLegend.textContent = '';
  els.network.heatmaps.replaceChildren();
  els.network.scrubberSlot.replaceChildren();
  errorMap?.mark(null);
}

function renderAnswer(answer: AddAnswer, step = 0): void {
  const trace = answer.trace ?? null;
  renderEquation(answer, { operands: els.operands, sum: els.sum, badge: els.badge, trueSum: els.trueSum });
  const chosen = state.model === 'auto' ? ' (auto chose it)' : '';
  els.answeredBy.textContent = `Answered by the ${answer.model} model${chosen}. Its least sure bit was ${answer.margin.toFixed(3)} from the 0.5 threshold.`;
  const bits = renderBits(answer, trace, els.bits);
  els.bitsLegend.textContent =
    'Bit positions count from 0 at the right (least significant). Each sum bit is shaded by how sure the model was of it (dark = sure, pale = close to the 0.5 threshold), with the figure in the “sure %” row; a wrong bit is outlined in red.' +
    (trace ? '' : ' Per-bit figures come with the trace (operands of at most 64 digits); these are shaded by the overall margin.');
  const carry = answer.model === 'serial' ? carryUnits : null;
  shown = { answer, network: renderNetwork(els.network, answer, trace, bits, carry, step) };
  errorMap?.mark(answer.model === 'vector' ? { a: Number(answer.a), b: Number(answer.b) } : null);
  void modelView.show(answer.model);
}

// The serial model's carry unit(s), found by the serial-stats worker from the weights the API serves.
let carryUnits: CarryUnit[] | null = null;

// The pair maps, computed off the main thread from the weights the API serves.
let errorMap: ErrorMap | null = null;
let serialStats: SerialStats | null = null;
try {
  errorMap = createErrorMap((pair) => setState({ ...state, a: String(pair.a), b: String(pair.b), model: state.model === 'serial' ? 'vector' : state.model }));
  serialStats = createSerialStats((units) => {
    carryUnits = units;
    // Label the carry unit(s) in the view that is up, keeping its step.
    if (shown?.answer.model === 'serial') renderAnswer(shown.answer, Number(byId<HTMLInputElement>('scrubber').value));
  });
} catch (error) {
  byId('error-map-slot').append(h('p', { class: 'muted' }, `The maps need Web Workers: ${String(error)}`));
}
const modelView = createModelView(
  api,
  { summary: byId('model-summary'), training: byId('training'), figures: byId('figures'), mapSlot: byId('error-map-slot') },
  { vector: errorMap, serial: serialStats },
);
onThemeChange(() => shown?.network.redraw());

// Inputs → state
els.model.addEventListener('change', () => {
  if (isModelChoice(els.model.value)) setState({ ...state, model: els.model.value });
});
for (const { name, input, range } of operandEls) {
  input.addEventListener('input', () => setState({ ...state, [name]: input.value }));
  range.addEventListener('input', () => setState({ ...state, [name]: range.value }));
}
byId<HTMLFormElement>('form').addEventListener('submit', (event) => {
  event.preventDefault();
  void ask();
});
window.addEventListener('popstate', () => {
  state = parseState(location.search);
  renderInputs(state);
  schedule();
});

if (location.search === '') history.replaceState(null, '', serializeState(DEFAULT_STATE) + location.hash);
renderInputs(state);
void ask();
