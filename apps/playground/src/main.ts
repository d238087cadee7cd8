// Wires the page: URL state ⇄ inputs, debounced calls to the edge API, and the views.
import './styles.css';
import { TRACE_MAX_DIGITS } from '@lstm-adder/core';
import { showBanner, showErrors } from './answer/alerts';
import { createApi, resolveApiBase, type AddAnswer } from './api';
import { describeRefusal, localProblems } from './answer/answer-errors';
import { renderBits, renderEquation } from './answer/answer-view';
import { createAnswerSource, type AnswerSource } from './answer/answer-source';
import { renderSourcePicker } from './answer/source-view';
import type { CarryUnit } from './inside/carry';
import { byId, h } from './lib/dom';
import { createErrorMap, type ErrorMap } from './model/errormap';
import { operandEls, renderInputs } from './answer/inputs';
import { createModelView } from './model/model-view';
import { renderNetwork, type NetworkView } from './inside/network-view';
import { createSerialStats, type SerialStats } from './model/serial-stats';
import { DEFAULT_STATE, isModelChoice, parseState, sameState, serializeState, type PlaygroundState } from './state';
import { onThemeChange } from './lib/theme';

const DEBOUNCE_MS = 150;

const api = createApi(resolveApiBase(location.search, import.meta.env, location.origin));
const answers = createAnswerSource(api);
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
  // Your model answers in this tab: no request to spare, so no debounce.
  timer = setTimeout(() => void ask(), answers.preference === 'yours' ? 0 : DEBOUNCE_MS);
}

let asked = 0;
async function ask(): Promise<void> {
  const mine = ++asked;
  const local = localProblems(state);
  if (local.length) {
    sourceView.show(null);
    showErrors(local);
    clearAnswer();
    return;
  }
  const wantTrace = state.a.length <= TRACE_MAX_DIGITS && state.b.length <= TRACE_MAX_DIGITS;
  let sourced = await answers.add(state, wantTrace);
  if (sourced.outcome.kind === 'refused' && sourced.outcome.code === 'trace_too_long')
    sourced = await answers.add(state, false);
  if (mine !== asked) return; // a newer question is on its way
  const { outcome, source } = sourced;
  showBanner(sourced.unreachable, () => void ask(), source === 'shipped-local');
  sourceView.show(outcome.kind === 'answer' ? source : null);
  if (outcome.kind === 'answer') {
    showErrors([]);
    renderAnswer(outcome.answer, source);
  } else {
    showErrors(outcome.kind === 'refused' ? [describeRefusal(outcome, state)] : []);
    clearAnswer();
  }
}

let shown: { answer: AddAnswer; source: AnswerSource; network: NetworkView } | null = null;

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

const ANSWERED_BY: Record<AnswerSource, (model: string) => string> = {
  edge: (model) => `Answered by the edge API's ${model} model`,
  yours: (model) => `Answered by your ${model} model (${answers.yours?.label ?? 'yours'}), computed in this tab`,
  'shipped-local': (model) =>
    `Answered in your browser by the shipped ${model} model, because the API cannot be reached`,
};

function renderAnswer(answer: AddAnswer, source: AnswerSource): void {
  const trace = answer.trace ?? null;
  renderEquation(answer, { operands: els.operands, sum: els.sum, badge: els.badge, trueSum: els.trueSum });
  const chosen = state.model === 'auto' && source !== 'yours' ? ' (auto chose it)' : '';
  els.answeredBy.textContent = `${ANSWERED_BY[source](answer.model)}${chosen}. Its least sure bit was ${answer.margin.toFixed(3)} from the 0.5 threshold.`;
  const bits = renderBits(answer, trace, els.bits);
  els.bitsLegend.textContent =
    'Bit positions count from 0 at the right (least significant). Each sum bit is shaded by how sure the model was of it (dark = sure, pale = close to the 0.5 threshold), with the figure in the “sure %” row; a wrong bit is outlined in red.' +
    (trace
      ? ''
      : ' Per-bit figures come with the trace (operands of at most 64 digits); these are shaded by the overall margin.');
  // The carry units were found for the API's serial model; another model's units are its own.
  const carry = answer.model === 'serial' && source === 'edge' ? carryUnits : null;
  shown = { answer, source, network: renderNetwork(els.network, answer, trace, bits, carry) };
  errorMap?.mark(answer.model === 'vector' ? { a: Number(answer.a), b: Number(answer.b) } : null);
  if (source === 'edge') void modelView.show(answer.model);
}

// The serial model's carry unit(s), found by the serial-stats worker from the weights the API serves.
let carryUnits: CarryUnit[] | null = null;

// The pair maps, computed off the main thread from the weights the API serves.
let errorMap: ErrorMap | null = null;
let serialStats: SerialStats | null = null;
try {
  errorMap = createErrorMap((pair) =>
    setState({
      ...state,
      a: String(pair.a),
      b: String(pair.b),
      model: state.model === 'serial' ? 'vector' : state.model,
    }),
  );
  serialStats = createSerialStats((units) => {
    carryUnits = units;
    // Name the carry unit(s) in the view that is up, in place: the answer itself is not drawn again.
    if (shown?.answer.model === 'serial' && shown.source === 'edge') shown.network.nameCarry(units);
  });
} catch (error) {
  byId('error-map-slot').append(h('p', { class: 'muted' }, `The maps need Web Workers: ${String(error)}`));
}
const modelView = createModelView(
  api,
  {
    summary: byId('model-summary'),
    training: byId('training'),
    figures: byId('figures'),
    mapSlot: byId('error-map-slot'),
  },
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

// Who answers: the edge API or your model (trained or opened in the Train view); the shipped weights when the API is down.
const sourceView = renderSourcePicker(answers);
byId('answer-source-slot').append(sourceView.element);
answers.onChange(() => void ask());

// The Train view loads on demand (it brings TF.js): when the URL asks for it, or from the header's link.
let trainMounted = false;
function showTrainView(): void {
  if (trainMounted) return;
  trainMounted = true;
  byId('train-link').hidden = true;
  void import('./train/train-view').then(({ mountTrainView }) => mountTrainView(byId('train-slot'), answers));
}
byId('train-link').addEventListener('click', (event) => {
  event.preventDefault();
  showTrainView();
  byId('train-slot').scrollIntoView();
});
if (new URLSearchParams(location.search).get('view') === 'train') showTrainView();

if (location.search === '') history.replaceState(null, '', serializeState(DEFAULT_STATE) + location.hash);
renderInputs(state);
void ask();
