// "Open a model file" on the main view: the button, or a file dropped anywhere on the page, opens a PyTorch
// safetensors file (the notebook's layout or torch.nn.LSTM's) or a weights JSON file, and it becomes your model and
// answers, as a linked model does. A bad file gets one line (role=alert) and the model before keeps answering.
// The reader (core's parsers) loads on the first file, never with the page.
import { type Arch, fitsVector, type OutputActivation, type Weights } from '@lstm-adder/core';
import type { AnswerSourceControl } from '../answer/answer-source';
import { h } from '../lib/dom';
import type { PlaygroundState } from '../state';
import type { SafetensorsInfo } from './weights-file';

export interface ModelFilePage {
  answers: AnswerSourceControl;
  /** Lets your model (of this kind) answer the page's sums. */
  answerWithYours(arch: Arch): void;
}

/** The page's state with your model answering. A vector model adds 0 to 127: a sum it cannot add becomes 57 + 99. */
export function stateForYours(state: PlaygroundState, arch: Arch): PlaygroundState {
  const fits = arch === 'serial' || (fitsVector(state.a) && fitsVector(state.b));
  return fits ? { ...state, model: 'yours' } : { a: '57', b: '99', model: 'yours' };
}

/** How an output is read, after "Its output is read": "as a logit (sigmoid)". */
const readAs = (output: OutputActivation, many: boolean) =>
  output === 'sigmoid' ? 'as a logit (sigmoid)' : `as ${many ? 'they are' : 'it is'} (identity)`;

/** What a safetensors file was: "in the notebook's layout (F32). Its outputs are read as they are (identity), …" */
export function safetensorsText(st: SafetensorsInfo, w: Pick<Weights, 'outputActivation' | 'outputSize'>): string {
  const layout = st.layout === 'torch' ? 'torch.nn.LSTM’s layout' : 'the notebook’s layout';
  const many = w.outputSize > 1;
  const why =
    st.outputFrom === 'option'
      ? 'as you chose'
      : st.outputFrom === 'metadata'
        ? 'as the file records'
        : st.layout === 'notebook'
          ? 'as the notebook reads them'
          : 'torch’s usual, since the file does not say';
  const read = `${many ? 'Its outputs are' : 'Its output is'} read ${readAs(w.outputActivation, many)}, ${why}`;
  return `in ${layout} (${st.dtypes.join(', ')}). ${read}`;
}

const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export function mountModelFile(slot: HTMLElement, page: ModelFilePage): void {
  const input = h('input', {
    type: 'file',
    id: 'model-file',
    accept: '.safetensors,.json,application/json',
    'data-testid': 'model-file',
    hidden: true,
  });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'model-file-button',
      'data-testid': 'model-file-button',
      'aria-describedby': 'model-file-hint',
    },
    'Open a model file',
  );
  const hint = h(
    'span',
    { class: 'hint', id: 'model-file-hint' },
    'PyTorch .safetensors or weights JSON, or drop it on the page',
  );
  const status = h('p', { class: 'muted small', 'data-testid': 'model-file-status', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'model-file-error', hidden: true });
  slot.replaceChildren(h('div', { class: 'model-file-row' }, button, hint, input), error, status);

  /** The last good safetensors file, so its output can be read the other way. */
  let last: File | null = null;

  async function open(file: File, output?: OutputActivation): Promise<void> {
    const { openWeightsFile } = await import('./weights-file');
    const opened = await openWeightsFile(file, { output });
    error.hidden = opened.ok;
    if (!opened.ok) {
      error.textContent = `${opened.message.replace(/\.$/, '')}. The model before keeps answering.`;
      if (opened.path !== null) error.dataset.path = opened.path;
      else delete error.dataset.path;
      return;
    }
    const w = opened.weights;
    page.answers.setYours({ weights: w, origin: { kind: 'file', name: file.name } });
    page.answerWithYours(w.arch);
    const st = opened.safetensors;
    last = st ? file : null;
    const what = `a ${w.arch} model with ${w.hiddenSize} hidden units`;
    const how = st ? ` ${safetensorsText(st, w)}` : ' (lstm-adder.weights/v1)';
    const parts: (string | HTMLElement)[] = [`It answers now: ${what}${how}.`];
    if (st?.layout === 'torch' && st.outputFrom !== 'metadata') {
      const other: OutputActivation = w.outputActivation === 'sigmoid' ? 'identity' : 'sigmoid';
      const again = h('button', { type: 'button', class: 'link-button', 'data-testid': 'model-file-output' });
      again.textContent = `Read it ${readAs(other, w.outputSize > 1)} instead`;
      again.addEventListener('click', () => {
        if (last) void open(last, other);
      });
      parts.push(' ', again, '.');
    }
    if (w.arch === 'vector')
      parts.push(' ', h('a', { href: '#error-map-slot' }, 'Its map of every pair'), ' is below.');
    status.replaceChildren(...parts);
  }

  button.addEventListener('click', () => input.click());
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) void open(file);
    input.value = '';
  });
  // A file dropped anywhere on the page opens here, unless a part of the page took it first (the Train view's card
  // opens its own); without preventDefault the browser would open the file in place of the page.
  const root = document.documentElement;
  document.addEventListener('dragover', (event) => {
    if (!hasFiles(event) || event.defaultPrevented) return;
    event.preventDefault();
    root.classList.add('dropping-file');
  });
  document.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null) root.classList.remove('dropping-file');
  });
  document.addEventListener('drop', (event) => {
    root.classList.remove('dropping-file');
    if (!hasFiles(event) || event.defaultPrevented) return;
    event.preventDefault();
    const file = event.dataTransfer?.files[0];
    if (file) void open(file);
  });
}
