// Where the page says something went wrong: a message under the input it concerns (one per input),
// and a banner when the API cannot be reached.
import type { PlainError } from './answer-errors';
import { byId, h } from '../lib/dom';

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

const banner = byId('api-banner');

/** `answeredLocally`: the shipped weights answered in the browser meanwhile. */
export function showBanner(
  unreachable: { url: string; detail: string } | null,
  retry: () => void,
  answeredLocally = false,
): void {
  if (!unreachable) {
    banner.hidden = true;
    return;
  }
  const button = h('button', { type: 'button' }, 'Try again');
  button.addEventListener('click', retry);
  banner.replaceChildren(
    h('strong', {}, 'The API cannot be reached. '),
    'The page tried ',
    h('code', {}, unreachable.url),
    ` (${unreachable.detail}). Start it with `,
    h('code', {}, 'npm start'),
    ' at the repository root, or point the page at another API with ',
    h('code', {}, '?api=URL'),
    '. If it is running, it may not allow this page’s origin ',
    h('code', {}, location.origin),
    ': add it to the API’s ',
    h('code', {}, 'CORS_ORIGINS'),
    '. ',
    answeredLocally ? 'Meanwhile the answers below come from the shipped weights, run in your browser. ' : '',
    button,
  );
  banner.hidden = false;
}
