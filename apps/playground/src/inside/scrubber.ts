// "Step through the carry": a range control over the serial model's steps. Steps are bits, least
// significant first, and are drawn right to left like the bits, so the control runs right to left too:
// the arrow keys and the pointer move the highlight the way they point.
import type { TraceStep } from '@lstm-adder/edge-api';
import type { AddAnswer } from '../api';
import { carrySequence } from '../answer/bits';
import type { CarryUnit } from './carry';
import { h } from '../lib/dom';

export interface StepFacts {
  step: number;
  /** Bits read at this step (0 after the operands end: the final step reads 0 + 0). */
  a: number;
  b: number;
  carryIn: number;
  carryOut: number;
  /** The model's sum bit and the true one. */
  sum: string;
  trueSum: number;
}

/** What happens at serial step t, from the answer and arithmetic. */
export function stepFacts(answer: Pick<AddAnswer, 'a' | 'b' | 'bits'>, steps: number, step: number): StepFacts {
  const a = BigInt(answer.a);
  const b = BigInt(answer.b);
  const carries = carrySequence(a, b, steps);
  const bit = (n: bigint) => Number((n >> BigInt(step)) & 1n);
  return {
    step,
    a: bit(a),
    b: bit(b),
    carryIn: step === 0 ? 0 : carries[step - 1]!,
    carryOut: carries[step]!,
    sum: answer.bits.sum.at(-1 - step) ?? '?',
    trueSum: bit(a + b),
  };
}

/** One line saying what the step does, and what the carry unit(s) hold there. */
export function describeStep(
  facts: StepFacts,
  steps: number,
  trace: TraceStep[] | null,
  carry: CarryUnit[] | null,
): string {
  const { step } = facts;
  const last = step === steps - 1;
  const reads = last ? 'reads 0 + 0 (the operands have ended)' : `reads bit ${step}: a = ${facts.a}, b = ${facts.b}`;
  const verdict = facts.sum === String(facts.trueSum) ? '✓' : `✗ (true bit ${facts.trueSum})`;
  const bit = `carry in ${facts.carryIn} → sum bit ${step} = ${facts.sum} ${verdict}`;
  let text = `Step ${step + 1} of ${steps} ${reads}, ${bit}, carry out ${facts.carryOut}.`;
  const cells = trace?.[step]?.c;
  if (carry && cells) {
    const values = carry.map((u) => `u${u.unit} c = ${(cells[u.unit] ?? Number.NaN).toFixed(2).replace('-', '−')}`);
    text += ` Carry unit${carry.length > 1 ? 's' : ''}: ${values.join(', ')}.`;
  }
  return text;
}

export interface Scrubber {
  element: HTMLElement;
  /** The step shown. */
  readonly step: number;
  /** Describes the step shown again (what `describe` says has changed, e.g. the carry units are known). */
  refresh(): void;
}

export function createScrubber(
  steps: number,
  describe: (step: number) => string,
  onStep: (step: number) => void,
  start = 0,
): Scrubber {
  const range = h('input', {
    type: 'range',
    id: 'scrubber',
    dir: 'rtl',
    min: 0,
    max: steps - 1,
    step: 1,
    value: Math.min(start, steps - 1),
    'data-testid': 'scrubber',
    'aria-describedby': 'scrubber-readout',
  });
  const readout = h('p', {
    id: 'scrubber-readout',
    class: 'scrubber-readout',
    'aria-live': 'polite',
    'data-testid': 'scrubber-readout',
  });
  const scrubber = { step: Number(range.value) };
  const update = () => {
    scrubber.step = Number(range.value);
    const text = describe(scrubber.step);
    readout.textContent = text;
    range.setAttribute('aria-valuetext', `step ${scrubber.step + 1} of ${steps}`);
    onStep(scrubber.step);
  };
  range.addEventListener('input', update);
  const element = h(
    'div',
    { class: 'scrubber' },
    h(
      'label',
      { for: 'scrubber' },
      h('strong', {}, 'Step through the carry'),
      ' ',
      h('span', { class: 'muted small' }, '← later steps · earlier steps → (arrow keys or drag)'),
    ),
    range,
    readout,
  );
  queueMicrotask(update);
  return Object.assign(scrubber, { element, refresh: update });
}
