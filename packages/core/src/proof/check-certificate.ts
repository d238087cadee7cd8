// The certificate checker: one pass over a serial proof's cells, no search. It trusts nothing the prover computed:
// from the zero state and from every box of every certified cell (cut by its split tree), every word of `words`
// inputs must give outputs core reads right, and its image must lie in certified cells of the true carry. Then the
// cells hold every state the model reaches (after a multiple of `words` inputs) and every output is right: for sums
// of any length. The arithmetic is affine.ts's, the same sound enclosures the prover uses.
import * as v from 'valibot';
import type { Weights } from '../weights.js';
import { condense, encloseStep, StepScratch, stride } from './affine.js';
import { boxForms, forEachCell, imageRange, splitLeaves } from './boxes.js';
import {
  cellsFromBase64,
  parametersFingerprint,
  type SerialCertificate,
  SerialCertificateSchema,
} from './certificate.js';
import { CellTable, gridAxes, INDEX_LIMIT } from './grid.js';
import { carryOut, certifiedMargin, type ProofEdge, proofEdges, serialSetup, sumBit } from './serial-setup.js';

export interface CertificateCheck {
  valid: boolean;
  /** Why the certificate was refused. */
  reason: string | null;
  /** Cells the certificate holds. */
  cells: number;
  /** The smallest certified distance of an output from its reading threshold, when valid. */
  minLogit: number | null;
  /** The automaton's edges with their certified margins, when valid. */
  edges: ProofEdge[] | null;
  seconds: number;
}

/** The most cells an image may touch, and the deepest split tree, before the checker refuses. */
const MAX_SPAN = 4096;
const MAX_SPLIT_DEPTH = 24;
const MAX_CELLS = 4_000_000;

export function checkCertificate(weights: Weights, certificate: unknown): CertificateCheck {
  const started = performance.now();
  const refuse = (reason: string, cells = 0): CertificateCheck => ({
    valid: false,
    reason,
    cells,
    minLogit: null,
    edges: null,
    seconds: (performance.now() - started) / 1000,
  });
  if (weights.arch !== 'serial') return refuse(`a certificate proves a serial model, got arch "${weights.arch}"`);
  const parsed = v.safeParse(SerialCertificateSchema, certificate);
  if (!parsed.success) return refuse(`not a serial certificate: ${parsed.issues[0].message}`);
  const cert: SerialCertificate = parsed.output as SerialCertificate;
  if (cert.parameters !== parametersFingerprint(weights)) return refuse('the certificate is for other weights');

  const s = serialSetup(weights);
  const { H, D } = s;
  const G = 4 * H;
  const axes = gridAxes(cert.grid, H);
  const table = new CellTable(D);
  const lists: Int16Array[] = [];
  for (const k of [0, 1]) {
    const list = cellsFromBase64(cert.cells[k] as string, D);
    if (!list) return refuse(`the cells of carry ${k} are not base64 of ${D} 16-bit indices each`);
    if (list.length / D > MAX_CELLS) return refuse(`more than ${MAX_CELLS} cells`);
    for (let o = 0; o < list.length; o += D) {
      const idx = list.subarray(o, o + D);
      if (idx.some((i) => Math.abs(i) > INDEX_LIMIT)) return refuse(`a cell index is beyond ±${INDEX_LIMIT}`);
      table.add(k, idx);
    }
    lists.push(list);
  }
  const trees = new Map<string, string>();
  for (const [k, at, tree] of cert.splits) {
    if (at * D >= (lists[k] as Int16Array).length) return refuse(`a split tree names cell ${at} of carry ${k}`);
    trees.set(`${k}:${at}`, tree);
  }

  // Every word of `words` inputs from a box: outputs read right, image inside cells of the carry after it.
  const K = D + 2 * H * (cert.words - 1);
  const scratch = new StepScratch(H, K);
  const bufs = Array.from({ length: cert.words + 1 }, () => new Float64Array(D * stride(K)));
  const logit = new Float64Array(s.m.O * stride(K));
  const range = new Int32Array(2 * D);
  const idx = new Int32Array(D);
  let minLogit = Number.POSITIVE_INFINITY;
  const edgeMin = new Float64Array(8).fill(Number.POSITIVE_INFINITY);
  let problem: string | null = null;
  const words = (t: number, kc: number, k: number): boolean => {
    if (t === cert.words) {
      if (imageRange(bufs[t] as Float64Array, kc, K, axes, range, MAX_SPAN) === Number.POSITIVE_INFINITY) {
        problem = `an image touches more than ${MAX_SPAN} cells`;
        return false;
      }
      return forEachCell(range, idx, (cell) => {
        if (table.id(k, cell) >= 0) return true;
        problem = `an image reaches cell [${cell.join(', ')}], which is not a certified cell of carry ${k}`;
        return false;
      });
    }
    for (let code = 0; code < 4; code++) {
      const into = bufs[t + 1] as Float64Array;
      if (!encloseStep(s.m, scratch, bufs[t] as Float64Array, kc, s.inpX, code * G, into, logit)) {
        problem = 'a bound is not finite';
        return false;
      }
      const margin = certifiedMargin(s, logit, kc, K, sumBit(code, k));
      if (!(margin > 0)) {
        problem = `an output after ${t + 1} input(s) is not certainly read right`;
        return false;
      }
      minLogit = Math.min(minLogit, margin);
      edgeMin[k * 4 + code] = Math.min(edgeMin[k * 4 + code] as number, margin);
      const next = t + 1 < cert.words ? condense(into, H, kc, K) : kc;
      if (!words(t + 1, next, carryOut(code, k))) return false;
    }
    return true;
  };
  const fromBox = (lo: Float64Array, hi: Float64Array, k: number): boolean => {
    boxForms(lo, hi, bufs[0] as Float64Array, K);
    return words(0, D, k);
  };

  const total = table.size;
  const zero = new Float64Array(D);
  if (!fromBox(zero, zero, 0)) return refuse(`from the zero state: ${problem}`, total);
  for (const k of [0, 1]) {
    const list = lists[k] as Int16Array;
    for (let at = 0; at * D < list.length; at++) {
      const lo = new Float64Array(D);
      const hi = new Float64Array(D);
      for (let d = 0; d < D; d++) {
        const i = list[at * D + d] as number;
        lo[d] = axes[d]!.bound(i);
        hi[d] = axes[d]!.bound(i + 1);
      }
      const leaves = splitLeaves(trees.get(`${k}:${at}`) ?? '.', lo, hi, MAX_SPLIT_DEPTH);
      if (!leaves) return refuse(`the split tree of cell ${at} of carry ${k} is malformed`, total);
      for (const [l, h] of leaves) {
        if (!fromBox(l as Float64Array, h as Float64Array, k))
          return refuse(`from cell ${at} of carry ${k}: ${problem}`, total);
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  return { valid: true, reason: null, cells: total, minLogit, edges: proofEdges(edgeMin), seconds };
}
