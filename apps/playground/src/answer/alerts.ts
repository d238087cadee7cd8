// Where the page says something went wrong: a message under the input it concerns (one per input), and a quiet
// note when the API cannot be reached (the page still answers, from the shipped weights).
import { byId, h } from '../lib/dom';
import type { PlainError } from './answer-errors';

const TARGETS = ['a', 'b', 'model', 'form'] as const;

/** Shows these messages under their inputs (and clears the others). */
export function showErrors(errors: PlainError[]): void {
  for (const target of TARGETS) {
    const field = byId(`field-${target}`);
    field.querySelector('[data-testid="error"]')?.remove();
    const mine = errors.filter((e) => e.target === target);
    const control = target === 'form' ? null : byId(target);
    if (mine.length) control?.setAttribute('aria-invalid', 'true');
    else control?.removeAttribute('aria-invalid');
    if (mine.length)
      field.append(
        h(
          'p',
          { class: 'error', id: `error-${target}`, role: 'alert', 'data-testid': 'error' },
          mine.map((e) => e.text).join(' '),
        ),
      );
  }
}

const note = byId('api-banner');

/**
 * The API cannot be reached: say so quietly (the answers come from the shipped weights, in this tab), with what the
 * page tried and how to start the API folded away for the developer. `null` hides the note.
 */
export function showApiNote(unreachable: { url: string; detail: string } | null, retry: () => void): void {
  if (!unreachable) {
    note.hidden = true;
    return;
  }
  const button = h('button', { type: 'button', class: 'link-button' }, 'try again');
  button.addEventListener('click', retry);
  note.replaceChildren(
    'The API cannot be reached, so the page is answering from the shipped weights, in this tab (',
    button,
    '). ',
    h(
      'details',
      { class: 'api-details' },
      h('summary', {}, 'What the page tried'),
      h(
        'p',
        {},
        'It asked ',
        h('code', {}, unreachable.url),
        ` (${unreachable.detail}). Start the API with `,
        h('code', {}, 'npm start'),
        ' at the repository root, or point the page at another with ',
        h('code', {}, '?api=URL'),
        '. If it runs, it may not allow this page’s origin ',
        h('code', {}, location.origin),
        ': add it to the API’s ',
        h('code', {}, 'CORS_ORIGINS'),
        '.',
      ),
    ),
  );
  note.hidden = false;
}
