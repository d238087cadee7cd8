// "The model": what the API's model is, its training curves, its verification and training in words and tables
// (model/meta-view.ts), and what fits its kind: the 128 × 128 map of pairs for vector, exact answers by length for
// serial. It depends on the model only, never on the sum typed, so an input error leaves it in place.
import type { Api, ModelInfo } from '../api';
import { h } from '../lib/dom';
import type { ErrorMap } from './errormap';
import { type MetaSection, metaSections } from './meta-view';
import { extractHistory } from './model-info';
import type { SerialStats } from './serial-stats';
import { onThemeChange } from '../lib/theme';

export interface ModelEls {
  summary: HTMLElement;
  training: HTMLElement;
  figures: HTMLElement;
  mapSlot: HTMLElement;
}

/** A model of yours for the map of pairs: its description in the API's shape, and whose it is, in words. */
export interface YoursMap {
  info: ModelInfo;
  from: string;
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
    els.training.replaceChildren(
      h('p', { class: 'muted small' }, 'As the trainer measured it, epoch by epoch, with its float weights:'),
      renderTrainingCharts(history, width),
    );
  }
  onThemeChange(() => {
    if (shownInfo) void renderCharts(shownInfo);
  });

  /** Your vector model, when it answers: the map of pairs is its own (needing no API); the rest is the API's. */
  let yoursMap: YoursMap | null = null;
  const runMap = () => {
    if (shown === 'vector' && yoursMap) views.vector?.run(yoursMap.info, yoursMap.from);
    else if (shownInfo?.name === shown) views[shownInfo.name]?.run(shownInfo);
  };

  /** Shows the model that answered (once per model: later answers from the same model keep the view). */
  async function show(name: 'vector' | 'serial', yours: YoursMap | null = null): Promise<void> {
    yoursMap = yours;
    if (shown === name) return runMap();
    shown = name;
    const other = name === 'vector' ? views.serial : views.vector;
    other?.element.remove();
    const mine = views[name];
    if (mine) els.mapSlot.replaceChildren(mine.element);
    runMap();
    if (!loaded.has(name)) loaded.set(name, api.model(name));
    const outcome = await loaded.get(name)!;
    if (shown !== name) return;
    if (outcome.kind !== 'model') {
      loaded.delete(name);
      shown = '';
      const why = outcome.kind === 'refused' ? outcome.message : outcome.detail;
      els.summary.textContent = `The model description could not be loaded: ${why}`;
      return;
    }
    const info = outcome.info;
    shownInfo = info;
    const outputs = `${info.outputSize} ${info.outputActivation} output${info.outputSize === 1 ? '' : 's'}`;
    els.summary.textContent =
      `The edge API’s ${name} model: an LSTM with ${info.inputSize} inputs, ${info.hiddenSize} hidden units and ` +
      `${outputs}, ${info.parameters.toLocaleString('en-GB')} parameters (weights fingerprint ${info.fingerprint}).`;
    runMap();
    await renderCharts(info);
    els.figures.replaceChildren(...metaSections(info.meta).map(renderSection));
  }

  return { show };
}

/** A section of the meta: its sentences, then its tables. */
function renderSection(section: MetaSection): HTMLElement {
  const tables = section.tables.map((t) =>
    h(
      'table',
      { class: 'meta-table' },
      h('caption', {}, t.caption),
      h('thead', {}, h('tr', {}, ...t.head.map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...t.rows.map(([first, ...rest]) =>
          h('tr', {}, h('th', { scope: 'row' }, first ?? ''), ...rest.map((c) => h('td', {}, c))),
        ),
      ),
    ),
  );
  return h(
    'details',
    { class: 'figure-group', open: section.open, 'data-section': section.title },
    h('summary', {}, section.title),
    ...section.prose.map((text) => h('p', {}, text)),
    ...tables,
  );
}
