// "Answer with: the edge API | your model" and the badge that says who actually answered.
import { h } from '../lib/dom';
import type { AnswerPreference, AnswerSource, AnswerSourceControl } from './answer-source';

const SOURCE_TITLES: Record<AnswerSource, string> = {
  edge: 'the edge API answered',
  yours: 'your model answered, computed in this tab',
  'shipped-local': 'the API cannot be reached: the shipped weights answered, computed in this tab',
};

export function renderSourcePicker(answers: AnswerSourceControl): {
  element: HTMLElement;
  show(source: AnswerSource | null): void;
} {
  const select = h(
    'select',
    { id: 'answer-with', 'data-testid': 'answer-with' },
    h('option', { value: 'edge' }, 'the edge API’s model'),
    h('option', { value: 'yours' }, 'your model'),
  );
  const yoursOption = select.options[1]!;
  const badge = h('code', { class: 'source-badge', 'data-testid': 'answer-source' });
  const note = h('span', { class: 'muted small' });
  const sync = () => {
    const yours = answers.yours;
    yoursOption.disabled = !yours;
    yoursOption.textContent = yours ? `your model (${yours.label})` : 'your model (train or open one first)';
    select.value = answers.preference;
  };
  select.addEventListener('change', () => answers.prefer(select.value as AnswerPreference));
  answers.onChange(sync);
  sync();
  const element = h(
    'div',
    { class: 'answer-source' },
    h('label', { for: 'answer-with' }, 'Answer with '),
    select,
    ' ',
    h('span', { 'aria-live': 'polite' }, 'answered by: ', badge, ' ', note),
  );
  return {
    element,
    show(source) {
      badge.textContent = source ?? '';
      badge.hidden = source === null;
      note.textContent = source ? `(${SOURCE_TITLES[source]})` : '';
    },
  };
}
