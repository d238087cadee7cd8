// The line under the answer that says who answered: `data-testid="answer-source"` starts with the source's code
// (edge, yours, file, shipped-local; also in its data-source) and says which model that was, and where yours came from.
import { h } from '../lib/dom';
import { originText, type YourModel } from '../yours/your-model';
import type { AnswerSource } from './answer-source';

export interface Answered {
  source: AnswerSource;
  /** The model that answered: vector or serial. */
  model: string;
  /** The visitor chose auto and the API picked the model. */
  auto: boolean;
  yours: YourModel | null;
  /** The least sure output's distance from 0.5. */
  margin: number;
}

/** What the source line says after its code. */
export function sourceText({ source, model, auto, yours }: Answered): string {
  const chosen = auto ? ' (auto chose it)' : '';
  switch (source) {
    case 'edge':
      return `the edge API’s ${model} model${chosen} answered`;
    case 'yours':
    case 'file':
      return `your ${model} model, ${yours ? originText(yours.origin) : 'from this tab'}, answered in this tab`;
    case 'shipped-local':
      return `the shipped ${model} model${chosen} answered in this tab (the API cannot be reached)`;
  }
}

export function renderAnsweredBy(el: HTMLElement, answered: Answered | null): void {
  if (!answered) {
    el.textContent = 'No answer: see the message above.';
    return;
  }
  el.replaceChildren(
    h(
      'span',
      { 'data-testid': 'answer-source', 'data-source': answered.source, class: 'answer-source' },
      h('code', { class: 'source-badge' }, answered.source),
      `: ${sourceText(answered)}`,
    ),
    `. Its least sure bit was ${answered.margin.toFixed(3)} from the 0.5 threshold.`,
  );
}
