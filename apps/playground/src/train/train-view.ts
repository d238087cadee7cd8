// The Train view (`?view=train`): settings, play / pause / step / reset, live curves and maps, and the
// trained weights handed to the answer panel as "your model". Training runs in a worker (TF.js loads there).
import type { Weights } from '@lstm-adder/core';
import type { AnswerSourceControl } from '../answer/answer-source';
import { h } from '../lib/dom';
import type { EvalReply, EvalRequest } from './eval-protocol';
import { createLiveCharts, type LiveCharts } from './live-charts';
import { createLengthsView, createPairMapView, renderTraceHeatmaps } from './live-views';
import { BACKEND_CHOICES, type EpochReport, type FromWorker, type TrainSettings } from './protocol';
import { createTrainerClient, type TrainerClient } from './trainer-client';
import { ARCH_DEFAULTS, LIMITS, parseSetting, parseTrainSettings, serializeTrainSettings } from './train-settings';
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

  // Run state
  let client: TrainerClient | null = null;
  let records: EpochReport[] = [];
  let charts: LiveCharts | null = null;
  let latest: Weights | null = null;
  let final: Weights | null = null;
  let playing = false;
  let finished = false;
  let lastEpoch = 0;
  let firstPressed = 0;

  const evaluator = new Worker(new URL('./eval.worker.ts', import.meta.url), {
    type: 'module',
    name: 'lstm-adder-eval',
  });
  let evalId = 0;
  let evalBusy = false;
  let evalQueued: { weights: Weights; epoch: number } | null = null;
  let evalEpoch = 0;
  /** The last epoch sent to be measured (now or queued). */
  let askedEpoch = -1;
  const evaluate = (weights: Weights, epoch: number) => {
    askedEpoch = epoch;
    if (evalBusy) return void (evalQueued = { weights, epoch });
    evalBusy = true;
    evalEpoch = epoch;
    const request: EvalRequest = { id: ++evalId, weights, seed: (Math.random() * 2 ** 31) >>> 0 };
    evaluator.postMessage(request);
  };
  evaluator.addEventListener('message', (event: MessageEvent<EvalReply>) => {
    const reply = event.data;
    evalBusy = false;
    if (reply.id === evalId) {
      if (reply.type === 'lengths') lengths.show(reply.byWidth, evalEpoch);
      else if (reply.type === 'pairs') pairMap.show(reply.sums, reply.correct, evalEpoch);
    }
    const next = evalQueued;
    evalQueued = null;
    if (next) evaluate(next.weights, next.epoch);
  });

  let heatmapTimer: ReturnType<typeof setTimeout> | null = null;
  const drawHeatmaps = () => {
    if (heatmapTimer) return;
    heatmapTimer = setTimeout(() => {
      heatmapTimer = null;
      const weights = final ?? latest;
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

  const syncButtons = () => {
    play.disabled = playing || finished || !client;
    pause.disabled = !playing;
    step.disabled = playing || finished || !client;
    download.disabled = !(final ?? (playing ? null : latest));
    useYours.disabled = download.disabled;
  };

  const onMessage = (message: FromWorker) => {
    switch (message.type) {
      case 'backend':
        backendOut.textContent = `${message.backend.name} (${message.backend.reason}; started in ${Math.round(message.ms)} ms)`;
        backendOut.dataset.backend = message.backend.name;
        if (!playing && !finished) status.textContent = 'ready: press play';
        break;
      case 'state':
        playing = message.state === 'playing';
        status.textContent =
          message.state === 'playing'
            ? `training (epoch ${lastEpoch + 1})`
            : message.state === 'paused'
              ? `paused after epoch ${lastEpoch}`
              : 'verifying with core…';
        // Paused (or one step done): measure the weights it stopped at, if the every-few-epochs rhythm skipped them.
        if (message.state === 'paused' && latest && askedEpoch !== lastEpoch) evaluate(latest, lastEpoch);
        break;
      case 'epoch': {
        records.push(message.record);
        lastEpoch = message.record.epoch;
        epochOut.textContent = String(lastEpoch);
        const seconds = message.wall / 1000;
        const pairs = records.reduce((n, r) => n + r.samples, 0);
        speed.textContent = `${(records.length / seconds).toFixed(1)} epochs/s · ${Math.round(pairs / seconds).toLocaleString('en-GB')} pairs/s`;
        if (playing) status.textContent = `training (epoch ${lastEpoch + 1})`;
        charts?.update(records);
        if (message.weights) {
          latest = message.weights;
          drawHeatmaps();
          if (lastEpoch % EVAL_EVERY === 0) evaluate(message.weights, lastEpoch);
        }
        break;
      }
      case 'done': {
        playing = false;
        finished = true;
        final = message.weights;
        const verification = message.weights.meta.verification;
        // For the bench and the curious: from the first press of play (or step) to core's verdict, in this page's clock.
        status.dataset.secondsFromPlay = ((performance.now() - firstPressed) / 1000).toFixed(2);
        status.dataset.verifyMs = message.verifyMs.toFixed(0);
        status.dataset.passed = String(message.passed);
        if (message.passed) {
          status.textContent = `exact: verified by core after epoch ${lastEpoch} (${status.dataset.secondsFromPlay} s from play)`;
          exactNote.hidden = false;
          const widths = verification?.serial?.byWidth;
          exactNote.textContent = widths
            ? `Exact at every length: core added ${widths.map((w) => `${w.samples.toLocaleString('en-GB')} random pairs of ${w.width.toLocaleString('en-GB')} bits`).join(', ')} without one mistake — the command-line trainer’s verification.`
            : 'Exact: core adds all 16,384 pairs right — the command-line trainer’s verification.';
        } else {
          status.textContent = `stopped after epoch ${lastEpoch} (${message.stopReason}): not exact yet — core’s verification found wrong sums`;
        }
        answers.setYours({
          weights: final,
          label: `trained here, ${settings.arch}, seed ${settings.seed}, epoch ${lastEpoch}`,
        });
        drawHeatmaps();
        evaluate(final, lastEpoch);
        break;
      }
      case 'failed':
        playing = false;
        status.textContent = `failed: ${message.message}`;
        break;
    }
    syncButtons();
  };

  const start = () => {
    client?.dispose();
    records = [];
    latest = final = null;
    playing = finished = false;
    lastEpoch = firstPressed = 0;
    askedEpoch = -1;
    for (const key of ['secondsFromPlay', 'verifyMs', 'passed']) delete status.dataset[key];
    epochOut.textContent = '0';
    speed.textContent = '–';
    exactNote.hidden = true;
    status.textContent = 'starting TF.js…';
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
    client = createTrainerClient(settings, onMessage);
    syncButtons();
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

  const pressed = () => (firstPressed ||= performance.now());
  play.addEventListener('click', () => {
    pressed();
    client?.play();
    playing = true;
    status.textContent = `training (epoch ${lastEpoch + 1})`;
    syncButtons();
  });
  pause.addEventListener('click', () => client?.pause());
  step.addEventListener('click', () => {
    pressed();
    client?.step();
  });
  reset.addEventListener('click', start);

  download.addEventListener('click', () => {
    const weights = final ?? latest;
    if (weights)
      downloadWeights(weights, `lstm-adder-${weights.arch}-h${weights.hiddenSize}-seed${settings.seed}.json`);
  });
  useYours.addEventListener('click', () => {
    const weights = final ?? latest;
    if (!weights) return;
    if (!final)
      answers.setYours({
        weights,
        label: `trained here, ${settings.arch}, seed ${settings.seed}, epoch ${lastEpoch} (paused)`,
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
