// Sums to watch while a model trains: added with the weights of each epoch, they turn from red (wrong) to green
// (right). Long carry chains and long operands for serial, the corners of the range for vector; every one of
// them is right for the trainer's recipe at its default seed (the shipped models). The list is drawn at once,
// before anything has trained; it is judged in train/train-live.ts.
import { h } from '../lib/dom';

export const SAMPLE_SUMS = {
  serial: [
    ['183', '109'],
    ['255', '1'],
    ['57', '99'],
    ['1', '1'],
    ['1023', '1024'],
    ['21845', '43690'],
    ['65535', '65535'],
    ['4294967295', '1'],
    ['123456789', '987654321'],
    ['987654321987654321', '123456789123456789'],
  ],
  vector: [
    ['57', '99'],
    ['127', '1'],
    ['1', '1'],
    ['0', '0'],
    ['100', '27'],
    ['64', '64'],
    ['85', '42'],
    ['119', '9'],
    ['126', '127'],
    ['127', '127'],
  ],
} as const satisfies Record<'serial' | 'vector', readonly (readonly [string, string])[]>;

/** One sample sum as a model added it. */
export interface Judged {
  got: string;
  correct: boolean;
}

export interface SamplesView {
  element: HTMLElement;
  arch: 'serial' | 'vector';
  /** The model's answers, in SAMPLE_SUMS order, and what added them; null: not judged yet. */
  show(judged: Judged[] | null, what: string): void;
}

const WAITING = 'Press Play and watch: a sum turns green once the model adds it right.';

export function createSamplesView(arch: 'serial' | 'vector'): SamplesView {
  const caption = h('figcaption', { id: 'samples-caption' }, WAITING);
  const items = SAMPLE_SUMS[arch].map(([a, b]) => {
    const got = h('span', { class: 'got' }, '?');
    const verdict = h('span', { class: 'verdict' });
    const li = h('li', {}, h('span', { class: 'question' }, `${a} + ${b} =`), ' ', got, ' ', verdict);
    return { li, got, verdict, truth: (BigInt(a) + BigInt(b)).toString() };
  });
  const list = h(
    'ol',
    { class: 'samples', 'data-testid': 'train-samples', 'aria-labelledby': 'samples-caption' },
    ...items.map((item) => item.li),
  );
  return {
    element: h('figure', { class: 'samples-figure' }, caption, list),
    arch,
    show(judged, what) {
      caption.textContent = judged ? `Added with ${what}:` : WAITING;
      items.forEach((item, k) => {
        const verdict = judged?.[k];
        if (!verdict) {
          delete item.li.dataset.correct;
          item.got.textContent = '?';
          item.verdict.textContent = '';
          return;
        }
        item.li.dataset.correct = String(verdict.correct);
        item.got.textContent = verdict.got;
        // Icon and words, not colour alone.
        item.verdict.textContent = verdict.correct ? '✓ right' : '✗ wrong';
        item.li.title = verdict.correct ? '' : `the true sum is ${item.truth}`;
      });
    },
  };
}
