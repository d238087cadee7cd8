// What the proof panel draws, as plain data (no DOM): a certificate's cells projected on the state's two principal
// axes, the two-state automaton's edges, a sum's path through the state space, and the status line's words.
import {
  cellBox,
  certifiedCells,
  type PrincipalAxes,
  type ProofEdge,
  principalAxes,
  type SerialCertificate,
} from '@lstm-adder/core/proof';

/** Two unit axes in the state space (h then c) and the point drawn at (0, 0). */
export interface Plane {
  origin: number[];
  axes: [number[], number[]];
}

/** Per carry class, 4 numbers a cell: the centre (x, y) of its shadow on the plane and its half width and height. */
export type CellRects = [number[], number[]];

export interface ProofPicture {
  plane: Plane;
  cells: CellRects;
  /** The extent of every rectangle: [xMin, xMax, yMin, yMax]. */
  bounds: [number, number, number, number];
}

/** An eigenvector's sign is arbitrary: fix it so that its largest component is positive, for a stable picture. */
function oriented(axis: number[]): number[] {
  let big = 0;
  for (const x of axis) if (Math.abs(x) > Math.abs(big)) big = x;
  return big < 0 ? axis.map((x) => -x) : axis;
}

/** The plane of the first two principal axes of `points` (a second axis of zeros when the points are 1-D). */
export function planeOf(points: readonly ArrayLike<number>[]): Plane {
  const pa: PrincipalAxes = principalAxes(points);
  const D = pa.origin.length;
  const axis = (k: number) => (pa.axes[k] ? oriented(pa.axes[k]) : new Array<number>(D).fill(0));
  return { origin: pa.origin, axes: [axis(0), axis(1)] };
}

/** A state's place on the plane. */
export function project(plane: Plane, state: ArrayLike<number>): [number, number] {
  const [u, v] = plane.axes;
  let x = 0;
  let y = 0;
  for (let d = 0; d < plane.origin.length; d++) {
    const s = (state[d] as number) - (plane.origin[d] as number);
    x += (u[d] as number) * s;
    y += (v[d] as number) * s;
  }
  return [x, y];
}

/** The shadow of the box [lo, hi] on the plane, bounded by a rectangle: its centre and half sides. */
export function projectBox(
  plane: Plane,
  lo: readonly number[],
  hi: readonly number[],
): [number, number, number, number] {
  const centre = lo.map((l, d) => (l + (hi[d] as number)) / 2);
  const [x, y] = project(plane, centre);
  let hx = 0;
  let hy = 0;
  for (let d = 0; d < lo.length; d++) {
    const half = ((hi[d] as number) - (lo[d] as number)) / 2;
    hx += Math.abs(plane.axes[0][d] as number) * half;
    hy += Math.abs(plane.axes[1][d] as number) * half;
  }
  return [x, y, hx, hy];
}

/** The certificate's cells on the plane of their centres' principal axes. */
export function pictureOf(certificate: SerialCertificate, hidden: number): ProofPicture {
  const D = 2 * hidden;
  const boxes = certifiedCells(certificate, hidden).map((list) => {
    const out: { lo: number[]; hi: number[] }[] = [];
    for (let o = 0; o < list.length; o += D) out.push(cellBox(certificate.grid, list.subarray(o, o + D)));
    return out;
  });
  const centres = boxes.flat().map(({ lo, hi }) => lo.map((l, d) => (l + (hi[d] as number)) / 2));
  const plane = planeOf(centres);
  const bounds: [number, number, number, number] = [Infinity, -Infinity, Infinity, -Infinity];
  const cells = boxes.map((list) => {
    const rects: number[] = [];
    for (const { lo, hi } of list) {
      const [x, y, hx, hy] = projectBox(plane, lo, hi);
      rects.push(x, y, hx, hy);
      bounds[0] = Math.min(bounds[0], x - hx);
      bounds[1] = Math.max(bounds[1], x + hx);
      bounds[2] = Math.min(bounds[2], y - hy);
      bounds[3] = Math.max(bounds[3], y + hy);
    }
    return rects;
  }) as CellRects;
  return { plane, cells, bounds };
}

/** A sum's path on the plane: the zero state, then the state (h, c) after each step. */
export function trajectory(plane: Plane, steps: readonly { h: number[]; c: number[] }[]): [number, number][] {
  const zero = new Array<number>(plane.origin.length).fill(0);
  return [project(plane, zero), ...steps.map((s) => project(plane, [...s.h, ...s.c]))];
}

/** An automaton edge as the proof gives it. */
export type Edge = ProofEdge;

/** The edge a step takes: from its carry in, reading bits a and b (the order proveSerial lists them in). */
export const edgeIndex = (carryIn: number, a: number, b: number): number => 4 * carryIn + 2 * a + b;

/** "a b / sum": the bits read and the bit written, as automata are labelled. */
export const edgeLabel = (e: Edge): string => `${e.a}${e.b}/${e.sum}`;

/** The proof's state as the status line tells it. */
export type ProofState =
  | { kind: 'checking' }
  | { kind: 'proving'; cells: number }
  | { kind: 'searching' }
  | { kind: 'proven'; cells: number; minLogit: number }
  | { kind: 'wrong'; a: string; b: string }
  | { kind: 'undecided'; reason: string }
  | { kind: 'failed'; reason: string };

/** `data-testid="proof-status"`: short, for the first screen. */
export function proofStatusText(s: ProofState): string {
  switch (s.kind) {
    case 'checking':
      return 'checking the proof’s certificate…';
    case 'proving':
      return `proving… ${s.cells.toLocaleString('en-GB')} cells`;
    case 'searching':
      return 'proving… undecided so far, looking for a sum it gets wrong';
    case 'proven':
      return `proven exact for every length (${s.cells.toLocaleString('en-GB')} cells)`;
    case 'wrong':
      return `not proven: ${s.a} + ${s.b} is wrong`;
    case 'undecided':
      return `not proven (undecided: ${s.reason})`;
    case 'failed':
      return `not proven (the prover failed: ${s.reason})`;
  }
}
