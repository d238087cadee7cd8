// The Train view: placeholder until the worker-backed view lands.
import type { AnswerSourceControl } from '../answers/answer-source';
import { h } from '../dom';

export function mountTrainView(slot: HTMLElement, _answers: AnswerSourceControl): void {
  slot.replaceChildren(h('section', { class: 'card', 'data-testid': 'train-view' }, h('h2', {}, 'Train a model')));
}
