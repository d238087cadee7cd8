// Wires the page: URL state ⇄ inputs, debounced calls to the edge API, and the views.
import './styles.css';
import type { TraceStep } from '@lstm-adder/edge-api';
import { createApi, resolveApiBase, TRACE_MAX_DIGITS, type AddAnswer, type AddOutcome, type ModelOutcome } from './api';
import { errorTarget } from './answer-errors';
import { renderBits, renderEquation } from './answer-view';
import { createAnswerSource, type AnswerSource } from './answers/answer-source';
import { renderSourcePicker } from './answers/source-view';
import { carryOut } from './bits';
import { byId, h } from './dom';
import { createErrorMap } from './errormap';
import { renderHeatmap } from './heatmap';
import { CHANNELS, heatmapData, stepLabels, stepTicks } from './heatmap-data';
import { extractFigures, extractHistory } from './model-info';
import { DEFAULT_STATE, isModelChoice, parseState, sameState, serializeState, type PlaygroundState } from './state';

const DEBOUNCE_MS = 150;

const api = createApi(resolveApiBase(location.search, import.meta.env, location.origin));
const answers = createAnswerSource(api);
let state: PlaygroundState = parseState(location.search);

const els = {
  model: byId<HTMLSelectElement>('model'),
  modelHint: byId('model-hint'),
  banner: byId('api-banner'),
  operands: byId('equation-operands'),
  sum: byId<HTMLOutputElement>('sum'),
  badge: byId('correct'),
  trueSum: byId('true-sum'),
  answeredBy: byId('answered-by'),
  bits: byId<HTMLTableElement>('bits'),
  bitsLegend: byId('bits-legend'),
  networkIntro: byId('network-intro'),
  heatmaps: byId('heatmaps'),
  modelSummary: byId('model-summary'),
  training: byId('training'),
  figures: byId('figures'),
  errorMapSlot: byId('error-map-slot'),
};
const operandEls = (['a', 'b'] as const).map((name) => ({
  name,
  input: byId<HTMLInputElement>(name),
  range: byId<HTMLInputElement>(`${name}-range`),
  hint: byId(`${name}-hint`),
}));
byId('api-url').textContent = api.base;

// One error line, moved next to whichever input the API's message names.
const errorLine = h('p', { class: 'error', id: 'error', role: 'alert', 'data-testid': 'error' });
function showError(message: string | null): void {
  if (message === null) {
    errorLine.remove();
    for (const { input } of operandEls) input.removeAttribute('aria-invalid');
    els.model.removeAttribute('aria-invalid');
    return;
  }
  const target = errorTarget(message);
  errorLine.textContent = message;
  byId(`field-${target}`).append(errorLine);
  for (const { name, input } of operandEls) input.toggleAttribute('aria-invalid', name === target);
  if (target === 'model') els.model.setAttribute('aria-invalid', 'true');
}

function showBanner(outcome: Extract<AddOutcome, { kind: 'unreachable' }> | null, answeredLocally = false): void {
  if (!outcome) {
    els.banner.hidden = true;
    return;
  }
  const retry = h('button', { type: 'button' }, 'Try again');
  retry.addEventListener('click', () => void ask());
  els.banner.replaceChildren(
    h('strong', {}, 'The API cannot be reached. '),
    'The page tried ',
    h('code', {}, outcome.url),
    ` (${outcome.detail}). Start it with `,
    h('code', {}, 'npm start'),
    ' at the repository root, or point the page at another API with ',
    h('code', {}, '?api=URL'),
    '. If it is running, it may not allow this page’s origin ',
    h('code', {}, location.origin),
    ': add it to the API’s ',
    h('code', {}, 'CORS_ORIGINS'),
    '. ',
    answeredLocally ? 'Meanwhile the answers below come from the shipped weights, run in your browser. ' : '',
    retry,
  );
  els.banner.hidden = false;
}

const HINTS = {
  vector: { operand: '0 to 127 (7 bits): the vector model reads 8-bit numbers.', model: 'The notebook’s model: reads a, then b, 8 bits at a time; answers 8 bits.' },
  serial: { operand: 'Any non-negative integer, up to 1,000 digits.', model: 'Reads one bit of a and of b per step (least significant first) and writes one bit of the sum.' },
  auto: { operand: 'Any non-negative integer: 0 to 127 goes to the vector model, larger to serial.', model: 'Lets the API choose: vector when both operands are 0 to 127, serial otherwise.' },
} as const;

/** Puts the state into the inputs; number fields and sliders for vector, free-length text for serial. */
function renderInputs(): void {
  els.model.value = state.model;
  els.modelHint.textContent = HINTS[state.model].model;
  for (const { name, input, range, hint } of operandEls) {
    const vector = state.model === 'vector';
    input.type = vector ? 'number' : 'text';
    input.inputMode = 'numeric';
    if (vector) {
      input.min = '0';
      input.max = '127';
    } else {
      input.removeAttribute('min');
      input.removeAttribute('max');
    }
    if (input.value !== state[name]) input.value = state[name];
    range.hidden = state.model === 'serial';
    const n = /^\d{1,3}$/.test(state[name]) ? Number(state[name]) : NaN;
    if (n <= 127) range.value = String(n);
    hint.textContent = HINTS[state.model].operand;
  }
}

function setState(next: PlaygroundState): void {
  if (sameState(next, state)) return;
  state = next;
  history.replaceState(null, '', serializeState(state, location.search) + location.hash);
  renderInputs();
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
  const wantTrace = state.a.length <= TRACE_MAX_DIGITS && state.b.length <= TRACE_MAX_DIGITS;
  let sourced = await answers.add(state, wantTrace);
  if (sourced.outcome.kind === 'refused' && sourced.outcome.code === 'trace_too_long') sourced = await answers.add(state, false);
  if (mine !== asked) return; // a newer question is on its way
  const { outcome, source } = sourced;
  showBanner(sourced.unreachable, source === 'shipped-local');
  sourceView.show(outcome.kind === 'answer' ? source : null);
  if (outcome.kind === 'answer') {
    showError(null);
    renderAnswer(outcome.answer, source);
  } else {
    if (outcome.kind === 'refused') showError(outcome.message);
    clearAnswer();
  }
}

function clearAnswer(): void {
  els.operands.textContent = '';
  els.sum.textContent = '—';
  els.badge.hidden = true;
  els.trueSum.hidden = true;
  els.answeredBy.textContent = 'No answer: see the message above.';
  els.bits.replaceChildren();
  els.bitsLegend.textContent = '';
  els.heatmaps.replaceChildren();
  errorMap?.mark(null);
}

const ANSWERED_BY: Record<AnswerSource, (model: string) => string> = {
  edge: (model) => `Answered by the edge API's ${model} model`,
  yours: (model) => `Answered by your ${model} model (${answers.yours?.label ?? 'yours'}), computed in this tab`,
  'shipped-local': (model) => `Answered in your browser by the shipped ${model} model, because the API cannot be reached`,
};

function renderAnswer(answer: AddAnswer, source: AnswerSource): void {
  const trace = answer.trace ?? null;
  renderEquation(answer, { operands: els.operands, sum: els.sum, badge: els.badge, trueSum: els.trueSum });
  const chosen = state.model === 'auto' && source !== 'yours' ? ' (auto chose it)' : '';
  els.answeredBy.textContent = `${ANSWERED_BY[source](answer.model)}${chosen}. Its least sure bit was ${answer.margin.toFixed(3)} from the 0.5 threshold.`;
  renderBits(answer, trace, els.bits);
  els.bitsLegend.textContent = trace
    ? 'Bits are aligned by position (0 = least significant). Each sum bit is shaded by how sure the model was of it: dark = sure, pale = close to the 0.5 threshold; hover for the figure.'
    : 'Bits are aligned by position (0 = least significant). Sum bits are shaded by the overall margin (per-bit outputs come with the trace, which the API gives for operands of at most 64 digits).';
  renderNetwork(answer, trace);
  errorMap?.mark(answer.model === 'vector' ? { a: Number(answer.a), b: Number(answer.b) } : null);
  if (source === 'edge') void showModel(answer.model);
}

function renderNetwork(answer: AddAnswer, trace: TraceStep[] | null): void {
  els.heatmaps.replaceChildren();
  els.heatmaps.className = `heatmaps ${answer.model}`;
  if (!trace) {
    els.networkIntro.textContent = `The trace is given for operands of at most ${TRACE_MAX_DIGITS} digits; shorten a or b to look inside.`;
    return;
  }
  els.networkIntro.textContent =
    answer.model === 'vector'
      ? 'The vector model reads a (step 1), then b (step 2), 8 bits at a time, and writes all 8 bits of the sum after step 2. Rows are the hidden units, columns the steps.'
      : 'The serial model reads one bit of a and one of b per step, least significant first, and writes one bit of the sum per step. Time runs left to right. The strip above each map is the true carry out of each bit (black = 1): a trained model holds it in its cell state c and passes it on.';
  // Serial steps are bits: say which bits went in and which sum bit came out.
  const labels = stepLabels(answer.model, trace.length).map((label, t) => {
    const x = trace[t]!.x;
    return answer.model === 'serial' && x.length === 2 ? `${label}: a=${x[0]}, b=${x[1]} → sum bit ${t} = ${answer.bits.sum.at(-1 - t) ?? '?'}` : label;
  });
  const ticks = stepTicks(answer.model, trace.length);
  const width = els.heatmaps.clientWidth || 900;
  const panelWidth = answer.model === 'vector' ? Math.max(200, Math.floor(width / 3) - 16) : width;
  const strip = answer.model === 'serial' ? { label: 'carry', values: carryOut(answer.bits.a, answer.bits.b) } : undefined;
  for (const channel of CHANNELS) els.heatmaps.append(renderHeatmap(heatmapData(trace, channel), labels, ticks, panelWidth, strip));
}

const modelInfo = new Map<string, Promise<ModelOutcome>>();
let shownModel = '';
async function showModel(name: 'vector' | 'serial'): Promise<void> {
  if (shownModel === name) return;
  shownModel = name;
  if (!modelInfo.has(name)) modelInfo.set(name, api.model(name));
  const outcome = await modelInfo.get(name)!;
  if (shownModel !== name) return;
  if (outcome.kind !== 'model') {
    modelInfo.delete(name);
    shownModel = '';
    els.modelSummary.textContent = `The model description could not be loaded: ${outcome.kind === 'refused' ? outcome.message : outcome.detail}`;
    return;
  }
  const info = outcome.info;
  els.modelSummary.textContent =
    `The ${name} model: an LSTM with ${info.inputSize} inputs, ${info.hiddenSize} hidden units and ${info.outputSize} ${info.outputActivation} output${info.outputSize === 1 ? '' : 's'}, ` +
    `${info.parameters.toLocaleString('en-GB')} parameters (weights fingerprint ${info.fingerprint}).`;
  const history = extractHistory(info);
  els.training.replaceChildren();
  if (history) {
    const { renderTrainingCharts } = await import('./charts');
    const width = els.training.clientWidth || 900;
    els.training.append(renderTrainingCharts(history, Math.floor(width / 2) - 16));
  } else {
    els.training.append(h('p', { class: 'muted', 'data-testid': 'no-history' }, 'This model’s description has no per-epoch history to plot (the stand-in models were not trained by this project’s trainer).'));
  }
  // meta is free-form: show the verification record, the training record, and the config folded away.
  const { verification, config, history: _history, ...training } = info.meta as Record<string, unknown>;
  const group = (title: string, source: unknown, open = true) => {
    const figures = extractFigures(source, 40);
    if (figures.length === 0) return null;
    const list = h('dl', { class: 'figures' }, ...figures.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, f.value)]));
    return h('details', { class: 'figure-group', open }, h('summary', {}, title), list);
  };
  els.figures.replaceChildren(
    ...[group('Verification', verification), group('Training', training), group('Training configuration', config, false)].filter((g) => g !== null),
  );
}

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
  renderInputs();
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

// The error map is computed once, off the main thread, from the weights shipped with the page.
let errorMap: ReturnType<typeof createErrorMap> | null = null;
try {
  errorMap = createErrorMap();
  els.errorMapSlot.append(errorMap.element);
} catch (error) {
  els.errorMapSlot.append(h('p', { class: 'muted' }, `The map of all pairs needs Web Workers: ${String(error)}`));
}

if (location.search === '') history.replaceState(null, '', serializeState(DEFAULT_STATE) + location.hash);
renderInputs();
void ask();
