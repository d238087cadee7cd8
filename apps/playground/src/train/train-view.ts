// The Train view, on the first screen: Play trains a model right here (@lstm-adder/trainer's own loop, TF.js in a
// Web Worker), the sample sums turn from red to green, core checks the result, and the model is yours: it answers
// the page's sums, its link carries it, and it downloads as a weights file. `?view=train` (or "Settings and live
// details") opens the settings and the live measurements. The state is train-state.ts's; what needs TF.js, uPlot
// or core loads when the visitor reaches for the view (train-live.ts), never with the page's first load.
import type { Weights } from '@lstm-adder/core';
import type { AnswerSourceControl } from '../answer/answer-source';
import { h } from '../lib/dom';
import { rememberCertificate } from '../proof/certificates';
import { modelLink } from '../yours/link';
import type { EvalQueue } from './eval-queue';
import { LIVE_CHART_HEIGHT } from './layout';
import type { LiveCharts } from './live-charts';
import type { LengthsView, PairMapView } from './live-views';
import type { TrainSettings } from './protocol';
import { createSamplesView, type SamplesView } from './samples';
import type { SettingsForm } from './settings-form';
import type { TrainerClient } from './trainer-client';
import {
  controls,
  initialTrainState,
  shownWeights,
  speedText,
  statusText,
  type TrainAction,
  type TrainState,
  takeableWeights,
  trainReducer,
} from './train-state';

type Live = typeof import('./train-live');

/** Live measurements with core every this many epochs (and whenever training stops). */
const EVAL_EVERY = 3;
/** At most two heatmap redraws a second: each is six canvases on the page's thread. */
const HEATMAP_MS = 500;
/** Slow motion: the pause after each epoch. */
const SLOW_MS = 900;

/** What the view needs of the page around it. */
export interface TrainPage {
  answers: AnswerSourceControl;
  /** Lets your model answer the page's sums (model=yours). */
  answerWithYours(): void;
  /** The page's query with model=yours: a model link keeps the sum on screen. */
  linkQuery(): string;
}

export interface TrainView {
  /** The page's sum changed: the model link and the live heatmaps follow it. */
  pageChanged(): void;
  /** Opens the settings and live details (`?view=train`). */
  open(): void;
}

/** A control that keeps its focus when it cannot be used: aria-disabled, not disabled, which would drop it. */
function enable(control: HTMLElement, on: boolean): void {
  control.setAttribute('aria-disabled', String(!on));
}
const usable = (control: HTMLElement) => control.getAttribute('aria-disabled') !== 'true';

export function mountTrainView(section: HTMLElement, page: TrainPage): TrainView {
  const button = (id: string, text: string, title: string) =>
    h('button', { type: 'button', 'data-testid': id, id, title }, text);
  const play = button('train-play', '▶ Play', 'Train until core verifies the model exact (or until paused)');
  const pause = button('train-pause', 'Pause', 'Pause after the current epoch');
  const step = button('train-step', 'Step one epoch', 'Train one epoch, then pause');
  const reset = button('train-reset', 'Reset', 'Start again from fresh random weights');
  const speedChoice = h(
    'select',
    { id: 'train-speed-choice', 'data-testid': 'train-speed-choice' },
    h('option', { value: 'normal' }, 'normal'),
    h('option', { value: 'slow' }, 'slow motion'),
  );
  const epochOut = h('output', { 'data-testid': 'train-epoch' }, '0');
  const status = h('output', { 'data-testid': 'train-status', class: 'train-status' });
  const speed = h('output', { 'data-testid': 'train-speed' }, '–');
  const exactNote = h('p', { class: 'exact-note', 'data-testid': 'train-exact', hidden: true });

  const urlArch = new URLSearchParams(location.search).get('arch') === 'vector' ? 'vector' : 'serial';
  let samples: SamplesView = createSamplesView(urlArch);
  const samplesSlot = h('div', { class: 'samples-slot' }, samples.element);
  // The charts' place is kept from the start, so nothing moves when they are drawn.
  const chartsSlot = h('div', { class: 'train-charts', style: `min-height: ${LIVE_CHART_HEIGHT + 70}px` });

  const useYours = button('train-use', 'Answer with this model', 'Let the model trained here answer the sums');
  const link = h('a', { 'data-testid': 'model-link', class: 'model-link', hidden: true }, 'Link to this model');
  const download = button('train-download', '⤓ Download weights', 'The lstm-adder.weights/v1 file the CLI writes');
  const open = h('input', {
    id: 'train-open',
    type: 'file',
    accept: '.safetensors,.json,application/json',
    'data-testid': 'train-open',
  });
  const openError = h('p', { class: 'error', role: 'alert', 'data-testid': 'train-open-error', hidden: true });
  const openStatus = h('p', { class: 'muted small', 'data-testid': 'train-open-status', 'aria-live': 'polite' });

  const backendOut = h('output', { 'data-testid': 'train-backend' }, 'not started');
  const settingsSlot = h('div', { class: 'settings-slot' });
  const liveSlot = h('div', { class: 'train-live' });
  const heatmapSlot = h('div', { class: 'train-heatmaps' });
  const details = h(
    'details',
    { class: 'train-details', id: 'train-details', 'data-testid': 'train-details' },
    h('summary', {}, 'Settings and live details'),
    settingsSlot,
    h('p', { class: 'small' }, 'TF.js backend: ', backendOut),
    liveSlot,
    heatmapSlot,
  );

  section.replaceChildren(
    h('h2', { id: 'train-title' }, 'Train one yourself'),
    h(
      'p',
      { class: 'muted lead' },
      'Press Play: the trainer’s own loop (@lstm-adder/trainer) trains a fresh model here, in your browser, and ' +
        'core checks it the way the command-line trainer does.',
    ),
    h(
      'div',
      { class: 'train-controls' },
      play,
      pause,
      step,
      reset,
      h('label', { class: 'speed-label' }, 'Speed ', speedChoice),
    ),
    h('p', { class: 'train-readout' }, 'Epoch ', epochOut, ' · ', status, ' · ', speed),
    samplesSlot,
    chartsSlot,
    exactNote,
    h('div', { class: 'train-take' }, useYours, link, download),
    h(
      'div',
      { class: 'train-open' },
      h('label', { for: 'train-open' }, 'Open a weights file (lstm-adder.weights/v1, or drop one on this card): '),
      open,
      openError,
      openStatus,
    ),
    details,
  );

  // The run: one state, changed by trainReducer; render() draws it and starts what a change asks for.
  let state = initialTrainState();
  let live: Live | null = null;
  let settings: TrainSettings | null = null;
  let form: SettingsForm | null = null;
  let client: TrainerClient | null = null;
  let evaluator: EvalQueue<Weights> | null = null;
  let charts: LiveCharts | null = null;
  let lengths: LengthsView | null = null;
  let pairMap: PairMapView | null = null;

  let heatmapTimer: ReturnType<typeof setTimeout> | null = null;
  const drawHeatmaps = () => {
    if (heatmapTimer || !details.open) return;
    heatmapTimer = setTimeout(() => {
      heatmapTimer = null;
      const weights = state.final ?? state.latest;
      if (!weights || !live) return;
      const draw = live.renderTraceHeatmaps;
      const p = new URLSearchParams(location.search);
      // When the page is idle: a keystroke waiting to be answered goes first.
      requestIdleCallback(
        () =>
          heatmapSlot.replaceChildren(
            draw(weights, p.get('a') ?? '183', p.get('b') ?? '109', heatmapSlot.clientWidth || 600),
          ),
        { timeout: 2000 },
      );
    }, HEATMAP_MS);
  };

  const renderLink = () => {
    const weights = takeableWeights(state);
    link.hidden = !weights;
    if (!weights) return;
    link.href = modelLink(location.href, page.linkQuery(), weights);
    link.textContent = state.final
      ? 'Link to this model (its weights are in the address)'
      : `Link to the weights of epoch ${state.epoch}`;
  };

  const render = (prev: TrainState, next: TrainState) => {
    status.textContent = statusText(next);
    epochOut.textContent = String(next.epoch);
    speed.textContent = speedText(next);
    const can = controls(next);
    enable(play, can.play);
    enable(pause, can.pause);
    enable(step, can.step);
    enable(download, can.take);
    enable(useYours, can.take);
    if (takeableWeights(next) !== takeableWeights(prev)) renderLink();
    if (next.backend && next.backend !== prev.backend) {
      const { name, reason, ms } = next.backend;
      backendOut.textContent = `${name} (${reason}; started in ${Math.round(ms)} ms)`;
      backendOut.dataset.backend = name;
    }
    const shown = shownWeights(next);
    if (live && shown && shown.weights !== shownWeights(prev)?.weights)
      samples.show(live.judgeSamples(shown.weights), shown.what);
    if (next.records !== prev.records) charts?.update(next.records);
    if (next.latest !== prev.latest && next.latest) {
      drawHeatmaps();
      if (next.epoch % EVAL_EVERY === 0) evaluator?.request(next.latest, next.epoch);
    }
    // Paused (or one step done): measure the weights it stopped at, if the every-few-epochs rhythm skipped them.
    if (next.phase === 'paused' && prev.phase !== 'paused' && next.latest && evaluator?.asked !== next.epoch)
      evaluator?.request(next.latest, next.epoch);
    if (next.phase === 'done' && prev.phase !== 'done' && next.final && next.verdict) finished(next, next.final);
  };

  /** Core's verdict: say it, hand the weights to the page as yours, and measure them. */
  const finished = (s: TrainState, weights: Weights) => {
    const verdict = s.verdict!;
    // For the bench and the curious: from the first press of play (or step) to core's verdict, in this page's clock.
    status.dataset.secondsFromPlay = verdict.secondsFromPlay.toFixed(2);
    status.dataset.verifyMs = verdict.verifyMs.toFixed(0);
    status.dataset.passed = String(verdict.passed);
    const proof = weights.meta.verification?.proof;
    if (proof) status.dataset.proven = String(proof.proven);
    // The proof panel re-checks this certificate when the model answers, rather than proving it again.
    rememberCertificate(weights, s.certificate ?? undefined);
    exactNote.hidden = !verdict.passed;
    const serial = weights.meta.verification?.serial;
    const en = (n: number) => n.toLocaleString('en-GB');
    const checked = serial
      ? `core added ${en(serial.total)} random sums of ${en(serial.byWidth[0]?.width ?? 0)} to ` +
        `${en(serial.byWidth.at(-1)?.width ?? 0)} bits with the exported weights, all right`
      : 'core added all 16,384 pairs right with the exported weights';
    const proven =
      proof?.proven && proof.method === 'cells'
        ? ` Proven for every length: core’s prover covered its states with ${en(proof.cells ?? 0)} cells.`
        : '';
    exactNote.textContent = `Exact: ${checked} (the command-line trainer’s verification).${proven}`;
    page.answers.setYours({
      weights,
      origin: { kind: 'trained', seed: settings?.seed ?? 0, epoch: s.epoch, verified: verdict.passed },
    });
    drawHeatmaps();
    evaluator?.request(weights, s.epoch);
  };

  const dispatch = (action: TrainAction) => {
    const prev = state;
    state = trainReducer(state, action);
    render(prev, state);
  };

  /** A fresh run with the current settings: a new worker (nothing leaks across runs), empty views. */
  const start = () => {
    if (!live || !settings) return;
    client?.dispose();
    evaluator?.clear();
    for (const key of ['secondsFromPlay', 'verifyMs', 'passed', 'proven']) delete status.dataset[key];
    exactNote.hidden = true;
    if (samples.arch !== settings.arch) {
      samples = createSamplesView(settings.arch);
      samplesSlot.replaceChildren(samples.element);
    }
    samples.show(null, '');
    lengths = live.createLengthsView();
    pairMap = live.createPairMapView();
    lengths.element.hidden = settings.arch !== 'serial';
    pairMap.element.hidden = settings.arch !== 'vector';
    liveSlot.replaceChildren(lengths.element, pairMap.element);
    heatmapSlot.replaceChildren();
    charts = live.createLiveCharts(
      settings.arch,
      Math.max(240, Math.min(520, Math.floor((chartsSlot.clientWidth || 560) / 2) - 12)),
    );
    chartsSlot.replaceChildren(charts.element);
    client = live.createTrainerClient(settings, (message) => dispatch({ type: 'worker', message, at: now() }));
    client.speed(speedChoice.value === 'slow' ? SLOW_MS : 0);
    dispatch({ type: 'reset' });
  };

  const change = (next: TrainSettings) => {
    settings = next;
    history.replaceState(null, '', live!.serializeTrainSettings(next, location.search) + location.hash);
    form?.show(next);
    start();
  };

  /** Loads what training needs (TF.js starts in its worker) and starts a run; once. */
  let warming: Promise<void> | null = null;
  const warm = () =>
    (warming ??= (async () => {
      live = await import('./train-live');
      settings = live.parseTrainSettings(location.search);
      form = live.createSettingsForm(() => settings!, change);
      form.show(settings);
      settingsSlot.replaceChildren(form.element);
      evaluator = live.createEvaluator((reply, epoch) => {
        if (reply.type === 'lengths') lengths?.show(reply.byWidth, epoch);
        else if (reply.type === 'pairs') pairMap?.show(reply.sums, reply.correct, epoch);
      });
      start();
    })());

  const now = () => performance.now();
  for (const event of ['pointerenter', 'focusin', 'touchstart'] as const)
    section.addEventListener(event, () => void warm(), { once: true, passive: true });

  play.addEventListener('click', async () => {
    if (!usable(play)) return;
    const at = now();
    await warm();
    client?.play();
    dispatch({ type: 'play', at });
  });
  pause.addEventListener('click', () => {
    if (usable(pause)) client?.pause();
  });
  step.addEventListener('click', async () => {
    if (!usable(step)) return;
    const at = now();
    await warm();
    client?.step();
    dispatch({ type: 'step', at });
  });
  reset.addEventListener('click', async () => {
    await warm();
    start();
  });
  speedChoice.addEventListener('change', () => client?.speed(speedChoice.value === 'slow' ? SLOW_MS : 0));

  download.addEventListener('click', async () => {
    const weights = takeableWeights(state);
    if (!usable(download) || !weights) return;
    const { downloadWeights } = await import('../yours/weights-file');
    downloadWeights(weights, `lstm-adder-${weights.arch}-h${weights.hiddenSize}-seed${settings?.seed}.json`);
  });
  useYours.addEventListener('click', () => {
    const weights = takeableWeights(state);
    if (!usable(useYours) || !weights) return;
    if (!state.final)
      page.answers.setYours({
        weights,
        origin: { kind: 'trained', seed: settings?.seed ?? 0, epoch: state.epoch, verified: false },
      });
    page.answerWithYours();
  });

  const openFile = async (file: File) => {
    const { openWeightsFile } = await import('../yours/weights-file');
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
    page.answers.setYours({ weights: w, origin: { kind: 'file', name: file.name } });
    page.answerWithYours();
    const what = `a ${w.arch} model with ${w.hiddenSize} hidden units`;
    openStatus.textContent = `Opened ${file.name}: ${what}. It answers now.`;
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

  // The details are the Train view of old: open, they are in the URL (`?view=train`) and load what they show.
  details.addEventListener('toggle', () => {
    const params = new URLSearchParams(location.search);
    if (details.open) {
      void warm().then(() => {
        history.replaceState(null, '', live!.serializeTrainSettings(settings!, location.search) + location.hash);
        drawHeatmaps();
      });
    } else if (params.has('view')) {
      params.delete('view');
      history.replaceState(null, '', `?${params.toString()}${location.hash}`);
    }
  });

  render(state, state);
  return {
    pageChanged() {
      renderLink();
      drawHeatmaps();
    },
    open() {
      details.open = true;
    },
  };
}
