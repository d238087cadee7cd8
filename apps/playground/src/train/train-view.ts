// The Train view (`?view=train`): settings, play / pause / step / reset, live curves and maps, and the
// trained weights handed to the answer panel as "your model". Training runs in a worker (TF.js loads there).
import type { Weights } from '@lstm-adder/core';
import type { AnswerSourceControl } from '../answer/answer-source';
import { h } from '../lib/dom';
import type { EvalReply } from './eval-protocol';
import { createEvalQueue } from './eval-queue';
import { createLiveCharts, type LiveCharts } from './live-charts';
import { createLengthsView, createPairMapView, renderTraceHeatmaps } from './live-views';
import { BACKEND_CHOICES, type TrainSettings } from './protocol';
import { createTrainerClient, type TrainerClient } from './trainer-client';
import { ARCH_DEFAULTS, LIMITS, parseSetting, parseTrainSettings, serializeTrainSettings } from './train-settings';
import {
  controls,
  initialTrainState,
  speedText,
  statusText,
  type TrainAction,
  type TrainState,
  takeableWeights,
  trainReducer,
} from './train-state';
import { downloadWeights, openWeightsFile } from './weights-file';

/** Live measurements with core every this many epochs (and whenever training stops). */
const EVAL_EVERY = 3;
/** At most two heatmap redraws a second: each is six canvases on the page's thread. */
const HEATMAP_MS = 500;

function numberField(
  id: string,
  label: string,
  value: number,
  limits: readonly [number, number],
  step: string,
): HTMLInputElement {
  return h('input', {
    id,
    type: 'number',
    'data-testid': id,
    min: limits[0],
    max: limits[1],
    step,
    value: String(value),
    'aria-label': label,
  });
}

export function mountTrainView(slot: HTMLElement, answers: AnswerSourceControl): void {
  let settings = parseTrainSettings(location.search);

  // Settings
  const arch = h(
    'select',
    { id: 'train-arch', 'data-testid': 'train-arch' },
    h('option', { value: 'serial' }, 'serial (any length)'),
    h('option', { value: 'vector' }, 'vector (0 to 127)'),
  );
  const hidden = numberField('train-hidden', 'hidden units', settings.hidden, LIMITS.hidden, '1');
  const lr = numberField('train-lr', 'learning rate', settings.lr, LIMITS.lr, 'any');
  const batch = numberField('train-batch', 'batch size', settings.batch, LIMITS.batch, '1');
  const seed = numberField('train-seed', 'seed', settings.seed, LIMITS.seed, '1');
  const backendChoice = h(
    'select',
    { id: 'train-backend-choice', 'data-testid': 'train-backend-choice' },
    ...BACKEND_CHOICES.map((b) => h('option', { value: b }, b === 'auto' ? 'auto (wasm unless a GPU)' : b)),
  );
  const field = (label: string, control: HTMLElement) =>
    h('div', { class: 'field' }, h('label', { for: control.id }, label), control);

  // Controls and readouts
  const button = (id: string, text: string, title: string) =>
    h('button', { type: 'button', 'data-testid': id, id, title }, text);
  const play = button('train-play', '▶ Play', 'Train until exact (or paused)');
  const pause = button('train-pause', 'Pause', 'Pause after the current epoch');
  const step = button('train-step', 'Step one epoch', 'Train one epoch, then pause');
  const reset = button('train-reset', 'Reset', 'Start again from fresh random weights');
  const epochOut = h('output', { 'data-testid': 'train-epoch' }, '0');
  const status = h('output', { 'data-testid': 'train-status', class: 'train-status' }, 'starting TF.js…');
  const speed = h('output', { 'data-testid': 'train-speed' }, '–');
  const backendOut = h('output', { 'data-testid': 'train-backend' }, '…');
  const exactNote = h('p', { class: 'exact-note', 'data-testid': 'train-exact', hidden: true });

  // Weights in and out
  const download = h(
    'button',
    { type: 'button', 'data-testid': 'train-download', disabled: true },
    '⤓ Download weights',
  );
  const useYours = h(
    'button',
    { type: 'button', 'data-testid': 'train-use', disabled: true },
    'Answer with this model',
  );
  const open = h('input', {
    id: 'train-open',
    type: 'file',
    accept: '.json,application/json',
    'data-testid': 'train-open',
  });
  const openError = h('p', { class: 'error', role: 'alert', 'data-testid': 'train-open-error', hidden: true });
  const openStatus = h('p', { class: 'muted small', 'data-testid': 'train-open-status', 'aria-live': 'polite' });

  const chartsSlot = h('div', { class: 'train-charts' });
  const lengths = createLengthsView();
  const pairMap = createPairMapView();
  const heatmapSlot = h('div', { class: 'train-heatmaps' });

  const section = h(
    'section',
    { class: 'card train', id: 'train', 'data-testid': 'train-view', 'aria-labelledby': 'train-title' },
    h('h2', { id: 'train-title' }, 'Train a model in your browser'),
    h(
      'p',
      { class: 'muted' },
      'The trainer’s own loop (@lstm-adder/trainer) runs here with TensorFlow.js, in a Web Worker. Every epoch, core measures the weights being trained; when core verifies them exact (the same check as the command-line trainer), they are yours: download them, or let them answer the sums above.',
    ),
    h(
      'form',
      { class: 'train-settings', novalidate: true },
      field('Model', arch),
      field('Hidden units', hidden),
      field('Learning rate', lr),
      field('Batch size', batch),
      field('Seed', seed),
      field('Backend', backendChoice),
    ),
    h('div', { class: 'train-controls' }, play, pause, step, reset),
    h(
      'dl',
      { class: 'train-readout' },
      h('dt', {}, 'epoch'),
      h('dd', {}, epochOut),
      h('dt', {}, 'status'),
      h('dd', {}, status),
      h('dt', {}, 'speed'),
      h('dd', {}, speed),
      h('dt', {}, 'TF.js backend'),
      h('dd', {}, backendOut),
    ),
    exactNote,
    chartsSlot,
    h('div', { class: 'train-live' }, lengths.element, pairMap.element),
    heatmapSlot,
    h(
      'div',
      { class: 'train-weights' },
      download,
      useYours,
      h(
        'label',
        { for: 'train-open', class: 'open-label' },
        'Open weights (a lstm-adder.weights/v1 file, or drop one here): ',
      ),
      open,
      openError,
      openStatus,
    ),
  );
  slot.replaceChildren(section);

  // The run: one state, changed by trainReducer; render() draws it and starts what a change asks for.
  let client: TrainerClient | null = null;
  let charts: LiveCharts | null = null;
  let state = initialTrainState(settings);

  const evaluator = createEvalQueue<Weights, EvalReply>(
    new Worker(new URL('./eval.worker.ts', import.meta.url), { type: 'module', name: 'lstm-adder-eval' }),
    (reply, epoch) => {
      if (reply.type === 'lengths') lengths.show(reply.byWidth, epoch);
      else if (reply.type === 'pairs') pairMap.show(reply.sums, reply.correct, epoch);
    },
  );

  let heatmapTimer: ReturnType<typeof setTimeout> | null = null;
  const drawHeatmaps = () => {
    if (heatmapTimer) return;
    heatmapTimer = setTimeout(() => {
      heatmapTimer = null;
      const weights = state.final ?? state.latest;
      if (!weights) return;
      const p = new URLSearchParams(location.search);
      // When the page is idle: a keystroke waiting to be answered goes first.
      requestIdleCallback(
        () =>
          heatmapSlot.replaceChildren(
            renderTraceHeatmaps(weights, p.get('a') ?? '57', p.get('b') ?? '99', heatmapSlot.clientWidth || 900),
          ),
        { timeout: 2000 },
      );
    }, HEATMAP_MS);
  };

  const render = (prev: TrainState, next: TrainState) => {
    status.textContent = statusText(next);
    epochOut.textContent = String(next.epoch);
    speed.textContent = speedText(next);
    const can = controls(next);
    play.disabled = !can.play || !client;
    pause.disabled = !can.pause;
    step.disabled = !can.step || !client;
    download.disabled = !can.take;
    useYours.disabled = !can.take;
    if (next.backend && next.backend !== prev.backend) {
      const { name, reason, ms } = next.backend;
      backendOut.textContent = `${name} (${reason}; started in ${Math.round(ms)} ms)`;
      backendOut.dataset.backend = name;
    }
    if (next.records !== prev.records) charts?.update(next.records);
    if (next.latest !== prev.latest && next.latest) {
      drawHeatmaps();
      if (next.epoch % EVAL_EVERY === 0) evaluator.request(next.latest, next.epoch);
    }
    // Paused (or one step done): measure the weights it stopped at, if the every-few-epochs rhythm skipped them.
    if (next.phase === 'paused' && prev.phase !== 'paused' && next.latest && evaluator.asked !== next.epoch)
      evaluator.request(next.latest, next.epoch);
    if (next.phase === 'done' && prev.phase !== 'done' && next.final && next.verdict) finished(next, next.final);
  };

  /** Core's verdict: say it, hand the weights to the answer panel, and measure them. */
  const finished = (s: TrainState, weights: Weights) => {
    const verdict = s.verdict!;
    // For the bench and the curious: from the first press of play (or step) to core's verdict, in this page's clock.
    status.dataset.secondsFromPlay = verdict.secondsFromPlay.toFixed(2);
    status.dataset.verifyMs = verdict.verifyMs.toFixed(0);
    status.dataset.passed = String(verdict.passed);
    exactNote.hidden = !verdict.passed;
    const widths = weights.meta.verification?.serial?.byWidth;
    exactNote.textContent = widths
      ? `Exact at every length: core added ${widths.map((w) => `${w.samples.toLocaleString('en-GB')} random pairs of ${w.width.toLocaleString('en-GB')} bits`).join(', ')} without one mistake — the command-line trainer’s verification.`
      : 'Exact: core adds all 16,384 pairs right — the command-line trainer’s verification.';
    answers.setYours({ weights, label: `trained here, ${s.settings.arch}, seed ${s.settings.seed}, epoch ${s.epoch}` });
    drawHeatmaps();
    evaluator.request(weights, s.epoch);
  };

  const dispatch = (action: TrainAction) => {
    const prev = state;
    state = trainReducer(state, action);
    render(prev, state);
  };

  const start = () => {
    client?.dispose();
    client = null;
    evaluator.clear();
    for (const key of ['secondsFromPlay', 'verifyMs', 'passed']) delete status.dataset[key];
    exactNote.hidden = true;
    lengths.clear();
    pairMap.clear();
    lengths.element.hidden = settings.arch !== 'serial';
    pairMap.element.hidden = settings.arch !== 'vector';
    heatmapSlot.replaceChildren();
    charts = createLiveCharts(
      settings.arch,
      Math.max(260, Math.min(520, Math.floor((chartsSlot.clientWidth || 900) / 2) - 16)),
    );
    chartsSlot.replaceChildren(charts.element);
    client = createTrainerClient(settings, (message) => dispatch({ type: 'worker', message, at: performance.now() }));
    dispatch({ type: 'reset', settings });
  };

  const renderSettings = () => {
    arch.value = settings.arch;
    hidden.value = String(settings.hidden);
    lr.value = String(settings.lr);
    batch.value = String(settings.batch);
    seed.value = String(settings.seed);
    backendChoice.value = settings.backend;
  };
  const change = (next: TrainSettings) => {
    settings = next;
    history.replaceState(null, '', serializeTrainSettings(settings, location.search) + location.hash);
    renderSettings();
    start();
  };
  arch.addEventListener('change', () =>
    change({
      ...ARCH_DEFAULTS[arch.value === 'vector' ? 'vector' : 'serial'],
      arch: arch.value === 'vector' ? 'vector' : 'serial',
      backend: settings.backend,
    }),
  );
  for (const [input, key] of [
    [hidden, 'hidden'],
    [lr, 'lr'],
    [batch, 'batch'],
    [seed, 'seed'],
  ] as const) {
    input.addEventListener('change', () => {
      // Out of range or not a number: the arch's default, and the field shows what is used.
      change({ ...settings, [key]: parseSetting(key, input.value) ?? ARCH_DEFAULTS[settings.arch][key] });
    });
  }
  backendChoice.addEventListener('change', () =>
    change({ ...settings, backend: backendChoice.value as TrainSettings['backend'] }),
  );

  play.addEventListener('click', () => {
    client?.play();
    dispatch({ type: 'play', at: performance.now() });
  });
  pause.addEventListener('click', () => client?.pause());
  step.addEventListener('click', () => {
    client?.step();
    dispatch({ type: 'step', at: performance.now() });
  });
  reset.addEventListener('click', start);

  download.addEventListener('click', () => {
    const weights = takeableWeights(state);
    if (weights)
      downloadWeights(weights, `lstm-adder-${weights.arch}-h${weights.hiddenSize}-seed${state.settings.seed}.json`);
  });
  useYours.addEventListener('click', () => {
    const weights = takeableWeights(state);
    if (!weights) return;
    if (!state.final)
      answers.setYours({
        weights,
        label: `trained here, ${state.settings.arch}, seed ${state.settings.seed}, epoch ${state.epoch} (paused)`,
      });
    answers.prefer('yours');
  });

  const openFile = async (file: File) => {
    const opened = await openWeightsFile(file);
    openError.hidden = opened.ok;
    if (!opened.ok) {
      openError.textContent = opened.message;
      // A file that is not JSON has no path: the previous file's must not linger.
      if (opened.path !== null) openError.dataset.path = opened.path;
      else delete openError.dataset.path;
      openStatus.textContent = '';
      return;
    }
    const w = opened.weights;
    answers.setYours({ weights: w, label: `opened ${file.name}` });
    openStatus.textContent = `Opened ${file.name}: a ${w.arch} model with ${w.hiddenSize} hidden units. Choose “your model” above (or the button) to let it answer.`;
  };
  open.addEventListener('change', () => {
    const file = open.files?.[0];
    if (file) void openFile(file);
    open.value = '';
  });
  section.addEventListener('dragover', (event) => {
    event.preventDefault();
    section.classList.add('dropping');
  });
  // dragleave also fires when the pointer moves onto a child of the view: only leaving the view ends the highlight.
  section.addEventListener('dragleave', (event) => {
    if (!section.contains(event.relatedTarget as Node | null)) section.classList.remove('dropping');
  });
  section.addEventListener('drop', (event) => {
    event.preventDefault();
    section.classList.remove('dropping');
    const file = event.dataTransfer?.files[0];
    if (file) void openFile(file);
  });
  // A file dropped beside the view would make the browser open it in place of the page, and the run would be lost.
  for (const type of ['dragover', 'drop'] as const) {
    window.addEventListener(type, (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
  }

  history.replaceState(null, '', serializeTrainSettings(settings, location.search) + location.hash);
  renderSettings();
  start();
}
