import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createAdder, formatAnswer, parseWeights } from '@lstm-adder/core';
import { proveSerial, type SerialCertificate } from '@lstm-adder/core/proof';
import { describe, expect, it } from 'vitest';
import {
  edgeIndex,
  edgeLabel,
  pictureOf,
  proofStatusText,
  project,
  projectBox,
  trajectory,
} from '../src/proof/proof-data';

/** Cells as a certificate stores them: 16-bit little-endian indices in base64 (written here, not with core's). */
const base64 = (indices: number[]) => Buffer.from(new Int16Array(indices).buffer).toString('base64');
const certificate = (cells: [number[], number[]]): SerialCertificate => ({
  format: 'lstm-adder.certificate/v1',
  method: 'cells',
  parameters: '0123456789abcdef',
  grid: { side: 0.05, cLimit: 3, ratio: 1.5 },
  words: 2,
  cells: [base64(cells[0]), base64(cells[1])],
  splits: [],
  minLogit: 0.1,
  assumption: '',
});

describe('the proof picture’s cells', () => {
  it('projects a hand-made H = 1 certificate on its principal axes: h first (the wider spread), then c', () => {
    // Carry 0: h cells 0..3 at c cell 0; carry 1: the same h cells at c cell 1 (cell i is [0.05 i, 0.05 (i + 1)]).
    const pic = pictureOf(
      certificate([
        [0, 0, 1, 0, 2, 0, 3, 0],
        [0, 1, 1, 1, 2, 1, 3, 1],
      ]),
      1,
    );
    // Centres h ∈ {0.025, …, 0.175}, c ∈ {0.025, 0.075}: mean (0.1, 0.05); var h 0.003125 > var c 0.000625.
    expect(pic.plane.origin[0]).toBeCloseTo(0.1, 12);
    expect(pic.plane.origin[1]).toBeCloseTo(0.05, 12);
    expect(pic.plane.axes[0][0]).toBeCloseTo(1, 12);
    expect(pic.plane.axes[0][1]).toBeCloseTo(0, 12);
    expect(Math.abs(pic.plane.axes[1][1]!)).toBeCloseTo(1, 12);
    // Cell (0, 0): centre (0.025, 0.025) − mean, half sides 0.025.
    const first = pic.cells[0].slice(0, 4);
    const expected = [-0.075, (0.025 - 0.05) * pic.plane.axes[1][1]!, 0.025, 0.025];
    first.forEach((x, k) => {
      expect(x).toBeCloseTo(expected[k]!, 12);
    });
    expect(pic.cells.map((r) => r.length / 4)).toEqual([4, 4]);
    expect(pic.bounds[0]).toBeCloseTo(-0.1, 12);
    expect(pic.bounds[1]).toBeCloseTo(0.1, 12);
  });

  it('orients an axis with its largest component positive, whatever sign the eigen-solver gives', () => {
    // Cells along (2, −1): h cell 2i, c cell −i.
    const line = [0, 1, 2, 3].flatMap((i) => [2 * i, -i]);
    const pic = pictureOf(certificate([line, []]), 1);
    expect(pic.plane.axes[0][0]).toBeCloseTo(2 / Math.sqrt(5), 9);
    expect(pic.plane.axes[0][1]).toBeCloseTo(-1 / Math.sqrt(5), 9);
  });

  it('bounds a box’s shadow by the sum of its half sides along each axis', () => {
    const plane = {
      origin: [0, 0],
      axes: [
        [0.6, 0.8],
        [-0.8, 0.6],
      ] as [number[], number[]],
    };
    const [x, y, hx, hy] = projectBox(plane, [0, 0], [1, 2]);
    expect([x, y]).toEqual(project(plane, [0.5, 1]));
    expect(hx).toBeCloseTo(0.6 * 0.5 + 0.8 * 1, 12);
    expect(hy).toBeCloseTo(0.8 * 0.5 + 0.6 * 1, 12);
  });
});

describe('the proof picture of a proven model (core’s fixture exact.json)', () => {
  const path = fileURLToPath(new URL('../../../packages/core/test/fixtures/proof/exact.json', import.meta.url));
  const weights = parseWeights(JSON.parse(readFileSync(path, 'utf8')));
  const proof = proveSerial(weights, { falsify: false });

  it('draws every cell of each carry, and each state of a long sum inside a cell of its true carry', () => {
    expect(proof.proven).toBe(true);
    const pic = pictureOf(proof.certificate!, weights.hiddenSize);
    expect(pic.cells.map((r) => r.length / 4)).toEqual(proof.cellsByCarry);
    const inside = (p: [number, number], rects: number[]) => {
      for (let i = 0; i < rects.length; i += 4)
        if (Math.abs(p[0] - rects[i]!) <= rects[i + 2]! && Math.abs(p[1] - rects[i + 1]!) <= rects[i + 3]!) return true;
      return false;
    };
    const adder = createAdder(weights);
    let checked = 0;
    for (const [a, b] of [
      [(1n << 200n) - 1n, 1n],
      [0xdeadbeefcafebabe1234567890n, 0x0fedcba987654321abcdefn],
      [123456789n ** 5n, 987654321n ** 4n],
    ] as const) {
      // The trace as the page gets it (the API's JSON form).
      const trace = formatAnswer(adder.add(a, b, { trace: true }), 'serial').trace!;
      const points = trajectory(pic.plane, trace);
      expect(points[0]).toEqual(project(pic.plane, new Array(6).fill(0)));
      // The invariant holds after each word of `words` (2) inputs: the zero state, then after steps 2, 4, …
      let carry = 0;
      for (let t = 0; t < trace.length; t++) {
        const bit = (n: bigint) => Number((n >> BigInt(t)) & 1n);
        carry = (bit(a) + bit(b) + carry) >> 1;
        if ((t + 1) % proof.certificate!.words !== 0) continue;
        expect(inside(points[t + 1]!, pic.cells[carry]!), `step ${t}, carry ${carry}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('finds each step’s automaton edge: from its carry, reading a and b, writing a ⊕ b ⊕ carry', () => {
    const edges = proof.edges!;
    expect(edges).toHaveLength(8);
    for (const carry of [0, 1])
      for (const a of [0, 1])
        for (const b of [0, 1]) {
          const e = edges[edgeIndex(carry, a, b)]!;
          expect([e.carry, e.a, e.b, e.sum, e.carryOut]).toEqual([
            carry,
            a,
            b,
            a ^ b ^ carry,
            a + b + carry >= 2 ? 1 : 0,
          ]);
          expect(e.minLogit).toBeGreaterThan(0);
        }
    expect(edgeLabel(edges[edgeIndex(1, 1, 0)]!)).toBe('10/0');
    expect(edgeLabel(edges[edgeIndex(0, 1, 0)]!)).toBe('10/1');
  });
});

describe('the proof status line', () => {
  it('says what the proof found, and nothing more', () => {
    expect(proofStatusText({ kind: 'proven', cells: 1234, minLogit: 0.14 })).toBe(
      'proven exact for every length (1,234 cells)',
    );
    expect(proofStatusText({ kind: 'wrong', a: '16321', b: '8223' })).toBe('not proven: 16321 + 8223 is wrong');
    expect(proofStatusText({ kind: 'proving', cells: 5000 })).toBe('proving… 5,000 cells');
    expect(proofStatusText({ kind: 'searching' })).toMatch(/^proving… .*looking for a sum it gets wrong$/);
    expect(proofStatusText({ kind: 'undecided', reason: 'past 300,000 cells' })).toBe(
      'not proven (undecided: past 300,000 cells)',
    );
  });
});
