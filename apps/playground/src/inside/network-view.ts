// "Inside the network": one heatmap per gate and state, and for the serial model the step scrubber
// that walks the sum bit by bit, highlighting the same step in the bit table and every heatmap.
import type { TraceStep } from '@lstm-adder/edge-api';
import { TRACE_MAX_DIGITS } from '@lstm-adder/core';
import type { BitTable } from '../answer/answer-view';
import { carrySequence } from '../answer/bits';
import type { AddAnswer } from '../api';
import { BIT_COLUMN, scrollTogether } from '../lib/columns';
import type { CarryUnit } from './carry';
import { renderHeatmap, type Heatmap } from './heatmap';
import { CHANNELS, heatmapData, stepLabels, stepTicks } from './heatmap-data';
import { createScrubber, describeStep, stepFacts, type Scrubber } from './scrubber';

export interface NetworkEls {
  intro: HTMLElement;
  scrubberSlot: HTMLElement;
  heatmaps: HTMLElement;
  /** The bit table's sideways scroller: the serial maps scroll with it, column under column. */
  bitsScroller: HTMLElement;
}

export interface NetworkView {
  redraw(): void;
  /** Names the carry unit(s) on the c and h maps and in the scrubber's readout, in place. */
  nameCarry(units: CarryUnit[]): void;
}

const INTRO = {
  vector:
    'The vector model reads a (step 1), then b (step 2), 8 bits at a time, and writes all 8 bits of the sum after ' +
    'step 2, so there is no carry to step through. Rows are the hidden units, columns the steps.',
  serial:
    'The serial model reads one bit of a and one of b per step, least significant first, and writes one bit of the ' +
    'sum per step. Each column sits under its bit in the table above: step 1 is on the right, and time runs right ' +
    'to left, as when adding by hand. The strip above each map is the true carry out of each bit (filled = 1): a ' +
    'trained model holds it in its cell state c and passes it on.',
};

/** What the section says when there is no answer to look inside (the input has a problem). */
export function clearNetwork(els: NetworkEls): void {
  els.heatmaps.replaceChildren();
  els.scrubberSlot.replaceChildren();
  els.intro.textContent = 'Once a and b are whole numbers, the gates and states of every step of the sum show here.';
}

/** Draws the heatmaps (and, for serial, the scrubber) for one answer; `carry` names the carry unit(s) when known. */
export function renderNetwork(
  els: NetworkEls,
  answer: AddAnswer,
  trace: TraceStep[] | null,
  bits: BitTable,
  carry: CarryUnit[] | null,
  /** Also told the scrubber's step (the proof picture follows it). */
  onStep: (step: number) => void = () => {},
): NetworkView {
  els.heatmaps.replaceChildren();
  els.scrubberSlot.replaceChildren();
  els.heatmaps.className = `heatmaps ${answer.model}`;
  if (!trace) {
    const limit = `operands of at most ${TRACE_MAX_DIGITS} digits`;
    els.intro.textContent = `The trace is given for ${limit}; shorten a or b to look inside.`;
    return { redraw() {}, nameCarry() {} };
  }
  els.intro.textContent = INTRO[answer.model];
  const serial = answer.model === 'serial';
  const steps = trace.length;
  // Serial steps are bits: say which bits went in and which sum bit came out.
  const labels = stepLabels(answer.model, steps).map((label, t) => {
    const x = trace[t]!.x;
    return serial && x.length === 2
      ? `${label}: a=${x[0]}, b=${x[1]} → sum bit ${t} = ${answer.bits.sum.at(-1 - t) ?? '?'}`
      : label;
  });
  const ticks = stepTicks(answer.model, steps);
  const width = els.heatmaps.clientWidth || 900;
  const panelWidth = serial ? width : Math.max(200, Math.floor(width / 3) - 16);
  const strip = serial
    ? { label: 'carry', values: carrySequence(BigInt(answer.a), BigInt(answer.b), steps) }
    : undefined;
  const namedFor = (channel: string, units: CarryUnit[] | null) =>
    serial && units && (channel === 'c' || channel === 'h') ? units.map((u) => ({ unit: u.unit, name: 'carry' })) : [];
  const maps: Heatmap[] = CHANNELS.map((channel) =>
    renderHeatmap(heatmapData(trace, channel), {
      labels,
      ticks,
      maxWidth: panelWidth,
      ...(serial ? { cellWidth: BIT_COLUMN } : {}),
      strip,
      rtl: serial,
      named: namedFor(channel, carry),
    }),
  );
  let scrubber: Scrubber | null = null;
  els.heatmaps.append(...maps.map((m) => m.element));
  if (serial) scrollTogether([els.bitsScroller, ...maps.map((m) => m.scroller)]);
  if (serial) {
    scrubber = createScrubber(
      steps,
      (step) => describeStep(stepFacts(answer, steps, step), steps, trace, carry),
      (step) => {
        bits.highlight(step);
        for (const map of maps) map.highlight(step);
        onStep(step);
      },
    );
    els.scrubberSlot.append(scrubber.element);
  } else {
    bits.highlight(null);
  }
  return {
    redraw() {
      for (const map of maps) map.redraw();
    },
    nameCarry(units) {
      carry = units;
      maps.forEach((map, k) => {
        map.name(namedFor(CHANNELS[k]!, units));
      });
      scrubber?.refresh();
    },
  };
}
