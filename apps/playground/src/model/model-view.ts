// "The model": what the answering model is, its training curves and figures from `meta`, and what
// fits its kind: the 128 × 128 map of pairs for vector, exact answers by length for serial.
import type { Api, ModelInfo } from '../api';
import { h } from '../lib/dom';
import type { ErrorMap } from './errormap';
import { extractFigures, extractHistory } from './model-info';
import type { SerialStats } from './serial-stats';
import { onThemeChange } from '../lib/theme';

export interface ModelEls {
  summary: HTMLElement;
  training: HTMLElement;
  figures: HTMLElement;
  mapSlot: HTMLElement;
}

export function createModelView(
  api: Api,
  els: ModelEls,
  views: { vector: ErrorMap | null; serial: SerialStats | null },
) {
  const loaded = new Map<string, Promise<Awaited<ReturnType<Api['model']>>>>();
  let shown = '';
  let shownInfo: ModelInfo | null = null;

  async function renderCharts(info: ModelInfo): Promise<void> {
    const history = extractHistory(info.meta);
    els.training.replaceChildren();
    if (!history) {
      els.training.append(
        h(
          'p',
          { class: 'muted', 'data-testid': 'no-history' },
          'This model’s description has no per-epoch history to plot.',
        ),
      );
      return;
    }
    const { renderTrainingCharts } = await import('./charts');
    const width = els.training.clientWidth || 900;
    els.training.replaceChildren(renderTrainingCharts(history, width));
  }
  onThemeChange(() => {
    if (shownInfo) void renderCharts(shownInfo);
  });

  /** Shows the model that answered (once per model: later answers from the same model keep the view). */
  async function show(name: 'vector' | 'serial'): Promise<void> {
    if (shown === name) return;
    shown = name;
    const other = name === 'vector' ? views.serial : views.vector;
    other?.element.remove();
    const mine = views[name];
    if (mine) els.mapSlot.replaceChildren(mine.element);
    if (!loaded.has(name)) loaded.set(name, api.model(name));
    const outcome = await loaded.get(name)!;
    if (shown !== name) return;
    if (outcome.kind !== 'model') {
      loaded.delete(name);
      shown = '';
      els.summary.textContent = `The model description could not be loaded: ${outcome.kind === 'refused' ? outcome.message : outcome.detail}`;
      return;
    }
    const info = outcome.info;
    shownInfo = info;
    els.summary.textContent =
      `The ${name} model: an LSTM with ${info.inputSize} inputs, ${info.hiddenSize} hidden units and ${info.outputSize} ${info.outputActivation} output${info.outputSize === 1 ? '' : 's'}, ` +
      `${info.parameters.toLocaleString('en-GB')} parameters (weights fingerprint ${info.fingerprint}).`;
    mine?.run(info);
    await renderCharts(info);
    // Show the verification record, the training record, and the configuration folded away.
    const { verification, config, history: _history, holdoutExperiment, ...training } = info.meta;
    const group = (title: string, source: object | null | undefined, open = true) => {
      const figures = extractFigures(source, 40);
      if (figures.length === 0) return null;
      const list = h(
        'dl',
        { class: 'figures' },
        ...figures.flatMap((f) => [h('dt', {}, f.label), h('dd', {}, f.value)]),
      );
      return h('details', { class: 'figure-group', open }, h('summary', {}, title), list);
    };
    els.figures.replaceChildren(
      ...[
        group('Verification', verification),
        group('Training', training),
        group('Held-out experiment', holdoutExperiment, false),
        group('Training configuration', config, false),
      ].filter((g) => g !== null),
    );
  }

  return { show };
}
