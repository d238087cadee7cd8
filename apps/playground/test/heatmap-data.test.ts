import { describe, expect, it } from 'vitest';
import type { TraceStep } from '@lstm-adder/edge-api';
import { cellAt, colourFor, columnOf, heatmapData, stepLabels, stepTicks, valueAt } from '../src/inside/heatmap-data';

const step = (k: number, units = 3): TraceStep => {
  const row = (offset: number) => Array.from({ length: units }, (_, u) => offset + k * 0.1 + u * 0.01);
  return {
    x: [k, k],
    i: row(0.1),
    f: row(0.2),
    g: row(-0.3),
    o: row(0.4),
    c: row(-2 - k),
    h: row(-0.1),
    y: [0.9 - k * 0.1],
  };
};

describe('heatmapData', () => {
  const trace = [step(0), step(1), step(2)];

  it('lays values out as units × steps', () => {
    const data = heatmapData(trace, 'h');
    expect([data.units, data.steps]).toEqual([3, 3]);
    expect(valueAt(data, 2, 1)).toBeCloseTo(-0.1 + 0.1 + 0.02);
    expect(valueAt(data, 0, 0)).toBeCloseTo(-0.1);
  });

  it('uses 0..1 for σ gates, −1..1 for tanh values and a symmetric range covering c', () => {
    expect(heatmapData(trace, 'f').domain).toEqual([0, 1]);
    expect(heatmapData(trace, 'g').domain).toEqual([-1, 1]);
    const c = heatmapData(trace, 'c');
    expect(c.domain[1]).toBeCloseTo(4 - 0.2); // |c| peaks at step 2, unit 0: −2 − 2 + 0.2
    expect(c.domain[0]).toBe(-c.domain[1]);
  });

  it('labels steps: a then b for vector, bits then the final carry for serial', () => {
    expect(stepLabels('vector', 2)).toEqual(['step 1 (reads a)', 'step 2 (reads b)']);
    expect(stepLabels('serial', 3)).toEqual(['step 1 (reads bit 0)', 'step 2 (reads bit 1)', 'step 3 (final carry)']);
    expect(stepTicks('vector', 2)).toEqual(['a', 'b']);
    expect(stepTicks('serial', 3)).toEqual(['0', '1', 'carry']);
  });
});

describe('colours and hit-testing', () => {
  it('maps the ends of the domain to the ends of the scale, and the middle of a signed scale to white', () => {
    expect(colourFor(0, [0, 1])).toEqual([68, 1, 84]);
    expect(colourFor(1, [0, 1])).toEqual([253, 231, 37]);
    expect(colourFor(0, [-1, 1])).toEqual([247, 247, 247]);
    expect(colourFor(99, [-1, 1])).toEqual([178, 24, 43]);
  });

  it('finds the cell under a point and nothing outside the grid', () => {
    const layout = { left: 30, top: 5, cellWidth: 10, cellHeight: 4, units: 32, steps: 2 };
    expect(cellAt(layout, 30, 5)).toEqual({ unit: 0, step: 0 });
    expect(cellAt(layout, 49.9, 5 + 4 * 31 + 1)).toEqual({ unit: 31, step: 1 });
    expect(cellAt(layout, 50, 6)).toBeNull();
    expect(cellAt(layout, 29, 6)).toBeNull();
    expect(cellAt(layout, 35, 5 + 4 * 32)).toBeNull();
  });

  it('draws serial steps right to left, so step 0 sits under bit 0 (the rightmost column)', () => {
    const layout = { left: 30, top: 5, cellWidth: 10, cellHeight: 4, units: 8, steps: 5, rtl: true };
    expect(columnOf(layout, 0)).toBe(4);
    expect(columnOf(layout, 4)).toBe(0);
    expect(cellAt(layout, 30 + 4 * 10 + 1, 6)).toEqual({ unit: 0, step: 0 });
    expect(cellAt(layout, 31, 6)).toEqual({ unit: 0, step: 4 });
  });
});
