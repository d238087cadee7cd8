// Turns the API's trace (per-step gate activations and states) into heatmap matrices
// (hidden units × steps), their colour scales and their step labels. No DOM here.
import type { TraceStep } from '@lstm-adder/edge-api';

export const CHANNELS = ['i', 'f', 'g', 'o', 'c', 'h'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_INFO: Record<Channel, { title: string; meaning: string; signed: boolean }> = {
  i: { title: 'input gate i', meaning: 'how much of the candidate g enters the cell (σ, 0..1)', signed: false },
  f: { title: 'forget gate f', meaning: 'how much of the old cell state c is kept (σ, 0..1)', signed: false },
  g: { title: 'candidate g', meaning: 'the new value offered to the cell (tanh, −1..1)', signed: true },
  o: { title: 'output gate o', meaning: 'how much of tanh(c) is shown as h (σ, 0..1)', signed: false },
  c: { title: 'cell state c', meaning: 'the memory carried from step to step (unbounded)', signed: true },
  h: {
    title: 'hidden state h',
    meaning: 'what the step hands to the output layer and the next step (−1..1)',
    signed: true,
  },
};

export interface HeatmapData {
  channel: Channel;
  units: number;
  steps: number;
  /** values[unit * steps + step] */
  values: Float64Array;
  /** Colour domain: [0, 1] for σ gates, symmetric [−m, m] for signed channels. */
  domain: [number, number];
}

export function heatmapData(trace: TraceStep[], channel: Channel): HeatmapData {
  const steps = trace.length;
  const units = Math.max(0, ...trace.map((s) => s[channel].length));
  const values = new Float64Array(units * steps);
  let maxAbs = 0;
  trace.forEach((step, t) => {
    step[channel].forEach((v, u) => {
      values[u * steps + t] = v;
      maxAbs = Math.max(maxAbs, Math.abs(v));
    });
  });
  const info = CHANNEL_INFO[channel];
  let domain: [number, number];
  if (!info.signed) domain = [0, 1];
  else if (channel === 'c') domain = [-Math.max(1, maxAbs), Math.max(1, maxAbs)];
  else domain = [-1, 1];
  return { channel, units, steps, values, domain };
}

export function valueAt(data: HeatmapData, unit: number, step: number): number {
  return data.values[unit * data.steps + step] ?? Number.NaN;
}

/**
 * What each step feeds the network: vector reads a then b (8 bits each); serial reads bit t of both, then a final
 * [0, 0].
 */
export function stepLabels(model: string, steps: number): string[] {
  if (model === 'vector')
    return Array.from({ length: steps }, (_, t) =>
      t === 0 ? 'step 1 (reads a)' : t === 1 ? 'step 2 (reads b)' : `step ${t + 1}`,
    );
  return Array.from({ length: steps }, (_, t) =>
    t === steps - 1 ? `step ${t + 1} (final carry)` : `step ${t + 1} (reads bit ${t})`,
  );
}

/** Short x-axis ticks: a and b for vector; the bit index for serial, with the last step marked as the carry-out. */
export function stepTicks(model: string, steps: number): string[] {
  if (model === 'vector')
    return Array.from({ length: steps }, (_, t) => (t === 0 ? 'a' : t === 1 ? 'b' : String(t + 1)));
  return Array.from({ length: steps }, (_, t) => (t === steps - 1 ? 'carry' : String(t)));
}

type RGB = [number, number, number];

// Viridis (sequential, colour-blind safe) for 0..1 gates; a blue–white–orange diverging scale for signed values.
const VIRIDIS: RGB[] = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 74, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [110, 206, 88],
  [181, 222, 43],
  [253, 231, 37],
];
const DIVERGING: RGB[] = [
  [33, 102, 172],
  [103, 169, 207],
  [209, 229, 240],
  [247, 247, 247],
  [253, 219, 199],
  [239, 138, 98],
  [178, 24, 43],
];

function interpolate(stops: RGB[], t: number): RGB {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0.5)) * (stops.length - 1);
  const k = Math.min(stops.length - 2, Math.floor(x));
  const f = x - k;
  const p = stops[k]!;
  const q = stops[k + 1]!;
  return [0, 1, 2].map((j) => Math.round(p[j]! + (q[j]! - p[j]!) * f)) as RGB;
}

export function colourFor(value: number, domain: [number, number]): RGB {
  const [lo, hi] = domain;
  const t = (value - lo) / (hi - lo || 1);
  return interpolate(lo < 0 ? DIVERGING : VIRIDIS, t);
}

export interface GridLayout {
  left: number;
  top: number;
  cellWidth: number;
  cellHeight: number;
  units: number;
  steps: number;
  /**
   * Steps run right to left (step 0 in the last column). The serial model's steps are bits, least significant
   * first, so drawn this way each column sits under the same bit as in the bit table (most significant on the left).
   */
  rtl?: boolean;
}

/** The column a step is drawn in. */
export function columnOf(layout: Pick<GridLayout, 'steps' | 'rtl'>, step: number): number {
  return layout.rtl ? layout.steps - 1 - step : step;
}

/** Which cell a point in the canvas falls on (steps along x, units along y), or null outside the grid. */
export function cellAt(layout: GridLayout, x: number, y: number): { unit: number; step: number } | null {
  const column = Math.floor((x - layout.left) / layout.cellWidth);
  const unit = Math.floor((y - layout.top) / layout.cellHeight);
  if (x < layout.left || y < layout.top || column >= layout.steps || unit >= layout.units) return null;
  return { unit, step: columnOf(layout, column) };
}
