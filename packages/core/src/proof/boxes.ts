// A box of states [lo, hi] as the first forms of a word (one noise symbol per axis), the image box of a set as
// grid cells, and the split trees a box is cut by: the pieces the prover and the checker share.
import { radius } from './affine.js';
import type { Axis } from './grid.js';

const U = 2 ** -52;

/** Writes the box as 2H forms over K symbols, axis d on symbol d: centre ± half-width, rounded outward. */
export function boxForms(lo: Float64Array, hi: Float64Array, out: Float64Array, K: number): void {
  const S = K + 2;
  out.fill(0);
  for (let d = 0; d < lo.length; d++) {
    const l = lo[d] as number;
    const h = hi[d] as number;
    const c = 0.5 * (l + h);
    out[d * S] = c;
    out[d * S + 1 + d] = Math.max(h - c, c - l) * (1 + 4 * U) + U * Math.abs(c) + 1e-300;
  }
}

/**
 * The grid cells an enclosed state set may touch: per axis, the range [from, to] of cell indices its interval hull
 * meets, written to `range` (2 per axis). Returns how many cells that is (Infinity past `cap` or when not finite).
 */
export function imageRange(
  state: Float64Array,
  kc: number,
  K: number,
  axes: Axis[],
  range: Int32Array,
  cap: number,
): number {
  const S = K + 2;
  let count = 1;
  for (let d = 0; d < axes.length; d++) {
    const c = state[d * S] as number;
    const r = radius(state, d * S, kc, K);
    const lo = c - r - U * Math.abs(c);
    const hi = c + r + U * Math.abs(c);
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) return Infinity;
    const axis = axes[d] as Axis;
    const from = axis.index(lo);
    const to = axis.index(hi);
    range[2 * d] = from;
    range[2 * d + 1] = to;
    count *= to - from + 1;
    if (count > cap) return Infinity;
  }
  return count;
}

/** Calls `visit` with the indices of every cell in `range` (2 per axis). */
export function forEachCell(range: Int32Array, idx: Int32Array, visit: (idx: Int32Array) => boolean): boolean {
  const D = idx.length;
  for (let d = 0; d < D; d++) idx[d] = range[2 * d] as number;
  for (;;) {
    if (!visit(idx)) return false;
    let d = 0;
    while (d < D && idx[d] === range[2 * d + 1]) {
      idx[d] = range[2 * d] as number;
      d++;
    }
    if (d === D) return true;
    idx[d] = (idx[d] as number) + 1;
  }
}

/**
 * A split tree, in preorder: `.` is a box checked whole; an axis digit (0–9, a–v) followed by two trees cuts the box
 * in half on that axis, lower half first.
 */
export const SPLIT_AXES = '0123456789abcdefghijklmnopqrstuv';

/** The leaves of a split tree over box [lo, hi], lower halves first; null if the tree is malformed. */
export function splitLeaves(
  tree: string,
  lo: Float64Array,
  hi: Float64Array,
  maxDepth: number,
): Float64Array[][] | null {
  const leaves: Float64Array[][] = [];
  let at = 0;
  const walk = (l: Float64Array, h: Float64Array, depth: number): boolean => {
    const ch = tree[at++];
    if (ch === undefined) return false;
    if (ch === '.') {
      leaves.push([l, h]);
      return true;
    }
    const axis = SPLIT_AXES.indexOf(ch);
    if (axis < 0 || axis >= l.length || depth >= maxDepth) return false;
    const mid = 0.5 * ((l[axis] as number) + (h[axis] as number));
    const lowerHi = h.slice();
    lowerHi[axis] = mid;
    const upperLo = l.slice();
    upperLo[axis] = mid;
    return walk(l, lowerHi, depth + 1) && walk(upperLo, h, depth + 1);
  };
  return walk(lo, hi, 0) && at === tree.length ? leaves : null;
}

/** The halves of [lo, hi] on `axis` (they share the midpoint, so they cover the box whatever it rounds to). */
export function halves(lo: Float64Array, hi: Float64Array, axis: number): [Float64Array, Float64Array][] {
  const mid = 0.5 * ((lo[axis] as number) + (hi[axis] as number));
  const lowerHi = hi.slice();
  lowerHi[axis] = mid;
  const upperLo = lo.slice();
  upperLo[axis] = mid;
  return [
    [lo, lowerHi],
    [upperLo, hi],
  ];
}
