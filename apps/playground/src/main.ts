// Wires the page: URL state ⇄ inputs, debounced calls to the edge API (or your model), and the views.
import './styles.css';
import { TRACE_MAX_DIGITS } from '@lstm-adder/core';
import { showApiNote, showErrors } from './answer/alerts';
import { describeRefusal, localProblems } from './answer/answer-errors';
import { type AnswerSource, createAnswerSource } from './answer/answer-source';
import { renderBits, renderEquation } from './answer/answer-view';
import { renderAnsweredBy } from './answer/answered-by';
import { operandEls, renderInputs } from './answer/inputs';
import { type AddAnswer, createApi, resolveApiBase } from './api';
import type { CarryUnit } from './inside/carry';
import { clearNetwork, type NetworkView, renderNetwork } from './inside/network-view';
import { stepFacts } from './inside/scrubber';
import { byId, h } from './lib/dom';
import { onThemeChange } from './lib/theme';
import { createErrorMap, type ErrorMap } from './model/errormap';
import { createModelView } from './model/model-view';
import { createSerialStats, type SerialStats } from './model/serial-stats';
import { edgeIndex } from './proof/proof-data';
import { createProofPanel } from './proof/proof-view';
import { isModelChoice, type PlaygroundState, parseState, sameState, serializeState } from './state';
import { mountTrainView } from './train/train-view';
import { weightsFromFragment } from './yours/link';
import { mountModelFile, stateForYours } from './yours/open-model';
import { yoursMapOf } from './yours/your-map';

const DEBOUNCE_MS = 150;

const api = createApi(resolveApiBase(location.search, import.meta.env, location.origin));
const answers = createAnswerSource(api);
let state: PlaygroundState = parseState(location.search);

// The link is the model: weights in the address's fragment answer as yours.
const linkNote = byId('link-note');
const linked = weightsFromFragment(location.hash);
if (linked.kind === 'model') {
  answers.setYours({ weights: linked.weights, origin: { kind: 'link' } });
  if (!new URLSearchParams(location.search).has('model')) state = { ...state, model: 'yours' };
} else if (linked.kind === 'bad') {
  linkNote.textContent = `${linked.message} The edge API’s model answers instead.`;
  linkNote.hidden = false;
}
if (state.model === 'yours' && !answers.yours) {
  // Models trained or opened here live in their tab only; a model of yours travels in a link.
  if (linked.kind === 'none') {
    linkNote.textContent = 'This address carries no model of yours, so the edge API’s serial model answers.';
    linkNote.hidden = false;
  }
  state = { ...state, model: 'serial' };
}

const els = {
  model: byId<HTMLSelectElement>('model'),
  operands: byId('equation-operands'),
  sum: byId<HTMLOutputElement>('sum'),
  badge: byId('correct'),
  trueSum: byId('true-sum'),
  answeredBy: byId('answered-by'),
  bits: byId<HTMLTableElement>('bits'),
  bitsLegend: byId('bits-legend'),
  network: {
    intro: byId('network-intro'),
    scrubberSlot: byId('scrubber-slot'),
    heatmaps: byId('heatmaps'),
    bitsScroller: byId('bits').parentElement!,
  },
};
byId('api-url').textContent = api.base;

/** The last answer's model, so `auto` can say which answered. */
let answeredModel: 'vector' | 'serial' | null = null;
const showInputs = () => renderInputs(state, { yours: answers.yours, answered: answeredModel });

function setState(next: PlaygroundState): void {
  if (sameState(next, state)) return;
  state = next;
  history.replaceState(null, '', serializeState(state, location.search) + location.hash);
  showInputs();
  train.pageChanged();
  schedule();
}

let timer: ReturnType<typeof setTimeout> | undefined;
function schedule(): void {
  clearTimeout(timer);
  // Your model answers in this tab: no request to spare, so no debounce.
  timer = setTimeout(() => void ask(), state.model === 'yours' ? 0 : DEBOUNCE_MS);
}

let asked = 0;
async function ask(): Promise<void> {
  const mine = ++asked;
  const local = localProblems(state);
  if (local.length) {
    showErrors(local);
    clearAnswer();
    showModel(null);
    return;
  }
  const wantTrace = state.a.length <= TRACE_MAX_DIGITS && state.b.length <= TRACE_MAX_DIGITS;
  let sourced = await answers.add(state, wantTrace);
  if (sourced.outcome.kind === 'refused' && sourced.outcome.code === 'trace_too_long')
    sourced = await answers.add(state, false);
  if (mine !== asked) return; // a newer question is on its way
  const { outcome, source } = sourced;
  showApiNote(sourced.unreachable, () => void ask());
  if (outcome.kind === 'answer') {
    showErrors([]);
    renderAnswer(outcome.answer, source);
  } else {
    showErrors(outcome.kind === 'refused' ? [describeRefusal(outcome, state)] : []);
    clearAnswer();
    showModel(null);
  }
}

let shown: { answer: AddAnswer; source: AnswerSource; network: NetworkView } | null = null;

/** What depends on the sum goes; what depends on the model only (its section, the Train view) stays. */
function clearAnswer(): void {
  shown = null;
  els.operands.textContent = '';
  els.sum.textContent = '—';
  els.badge.hidden = true;
  els.trueSum.hidden = true;
  renderAnsweredBy(els.answeredBy, null);
  els.bits.replaceChildren();
  els.bitsLegend.textContent = '';
  clearNetwork(els.network);
  proof.path(null);
  errorMap?.mark(null);
}

const BITS_LEGEND =
  'Bit 0 is on the right. The stronger a sum bit’s colour, the surer the model was of it; the “sure %” row ' +
  'says how sure (50 is a coin toss). A wrong bit is outlined in red.';

function renderAnswer(answer: AddAnswer, source: AnswerSource): void {
  const trace = answer.trace ?? null;
  renderEquation(answer, { operands: els.operands, sum: els.sum, badge: els.badge, trueSum: els.trueSum });
  const auto = state.model === 'auto';
  renderAnsweredBy(els.answeredBy, { source, model: answer.model, auto, yours: answers.yours, margin: answer.margin });
  answeredModel = answer.model;
  showInputs();
  const bits = renderBits(answer, trace, els.bits);
  els.bitsLegend.textContent = trace
    ? BITS_LEGEND
    : `${BITS_LEGEND} Per-bit figures come with the trace (at most ${TRACE_MAX_DIGITS} digits); ` +
      'these use the overall margin.';
  // The carry units were found for the API's serial model; another model's units are its own.
  const carry = answer.model === 'serial' && source === 'edge' ? carryUnits : null;
  // The proof picture draws a serial sum's path through the states and follows the scrubber along it.
  const serialTrace = answer.model === 'serial' ? trace : null;
  proof.path(serialTrace);
  const onStep = (step: number) => {
    const facts = stepFacts(answer, serialTrace?.length ?? 0, step);
    proof.step(step, edgeIndex(facts.carryIn, facts.a, facts.b));
  };
  shown = { answer, source, network: renderNetwork(els.network, answer, trace, bits, carry, onStep) };
  errorMap?.mark(answer.model === 'vector' ? { a: Number(answer.a), b: Number(answer.b) } : null);
  // The answer is painted first; the model's section (curves, tables, a worker) after it.
  requestAnimationFrame(() => setTimeout(() => showModel(answer.model)));
}

/** "The model" describes the API's model of the kind that answers (or is chosen), whatever the sum typed. */
function showModel(answered: 'vector' | 'serial' | null): void {
  const kind =
    state.model === 'yours'
      ? (answers.yours?.weights.arch ?? 'serial')
      : state.model === 'auto'
        ? (answered ?? answeredModel ?? 'serial')
        : state.model;
  const yours = state.model === 'yours' ? answers.yours : null;
  void modelView.show(kind, yours?.weights.arch === 'vector' ? yoursMapOf(yours) : null);
  // The proof is of the model that answers: yours when yours answers, else the shipped one (the API's).
  proof.show(kind !== 'serial' ? null : yours ? { kind: 'yours', weights: yours.weights } : { kind: 'shipped' });
  byId('model-yours-note').hidden = state.model !== 'yours';
}

const proof = createProofPanel({
  line: byId('proof-line'),
  status: byId('proof-status'),
  card: byId('proof'),
  figure: byId('proof-figure'),
});

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
      // The map shows your model when your vector model answers: it keeps answering.
      model:
        state.model === 'serial' || (state.model === 'yours' && answers.yours?.weights.arch !== 'vector')
          ? 'vector'
          : state.model,
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
  showInputs();
  schedule();
});
// A new model of yours (trained, opened, linked): the select names it, and if it answers, it answers again.
answers.onChange(() => {
  showInputs();
  if (state.model === 'yours') schedule();
});

// The first question goes out before the Train view is built.
if (location.search === '' || state.model !== parseState(location.search).model)
  history.replaceState(null, '', serializeState(state, location.search) + location.hash);
showInputs();
void ask();

// A model file (safetensors or weights JSON), picked or dropped anywhere on the page, answers as yours.
mountModelFile(byId('model-file-slot'), { answers, answerWithYours: (arch) => setState(stateForYours(state, arch)) });

// The Train view: on the first screen; TF.js loads only when the visitor reaches for it.
const train = mountTrainView(byId('train'), {
  answers,
  answerWithYours: () => setState({ ...state, model: 'yours' }),
  linkQuery: () => serializeState({ ...state, model: 'yours' }, location.search),
});
byId('train-link').addEventListener('click', (event) => {
  event.preventDefault();
  train.open();
  byId('train').scrollIntoView();
});
if (new URLSearchParams(location.search).get('view') === 'train') train.open();
