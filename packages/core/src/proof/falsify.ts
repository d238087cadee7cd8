// The falsifier: a beam search over the network's states for a sum the model gets wrong. It keeps the input prefixes
// (from the zero state, carry known) whose next output is closest to the wrong side, extends each by the four bit
// pairs, and repeats; a prefix whose output core misreads is a counterexample, confirmed with core's own adder.
// It proves nothing when it finds nothing: that is the prover's job.
import { createAdder } from '../adder.js';
import { cellStep } from '../cell.js';
import type { Weights } from '../weights.js';
import { carryOut, type SerialSetup, serialSetup, sumBit } from './serial-setup.js';

/** A sum the model gets wrong, as decimal strings: what it answers and what is true. */
export interface Counterexample {
  a: string;
  b: string;
  sum: string;
  expected: string;
}

export interface FalsifyOptions {
  /** Prefixes kept per step (default 500). */
  beam?: number;
  /** Longest prefix, in bits (default 256). */
  depth?: number;
  /** Stop after this many seconds (default 2). */
  seconds?: number;
}

/**
 * The sum of the input word `codes` (code 2a + b per step, least significant bit first), if core's adder gets it
 * wrong; else the same sum with a 1 bit above the word added to a (so the adder reads every step of the word), if
 * that is wrong; else null.
 */
export function confirmCounterexample(weights: Weights, codes: readonly number[]): Counterexample | null {
  let a = 0n;
  let b = 0n;
  for (let t = codes.length - 1; t >= 0; t--) {
    a = 2n * a + BigInt((codes[t] as number) >> 1);
    b = 2n * b + BigInt((codes[t] as number) & 1);
  }
  const adder = createAdder(weights);
  for (const x of [a, a + (1n << BigInt(codes.length))]) {
    const result = adder.add(x, b);
    if (!result.correct)
      return { a: x.toString(), b: b.toString(), sum: result.sum.toString(), expected: (x + b).toString() };
  }
  return null;
}

/** The beam search: a counterexample, or null if none turned up within the budget. */
export function findCounterexample(weights: Weights, options: FalsifyOptions = {}): Counterexample | null {
  const s = serialSetup(weights);
  const beam = options.beam ?? 500;
  const depth = options.depth ?? 256;
  const deadline = performance.now() + 1000 * (options.seconds ?? 2);
  const { H } = s;
  const G = 4 * H;
  // The front: states, carries, and for each kept prefix its parent and last code (to spell the word out).
  let fh = new Float64Array(beam * H);
  let fc = new Float64Array(beam * H);
  let fk = new Int32Array(beam);
  let size = 1;
  const links: Int32Array[] = [];
  const candidates = 4 * beam;
  const ch = new Float64Array(candidates * H);
  const cc = new Float64Array(candidates * H);
  const ck = new Int32Array(candidates);
  const score = new Float64Array(candidates);
  const order: number[] = [];
  const h = new Float64Array(H);
  const c = new Float64Array(H);
  for (let t = 0; t < depth && performance.now() < deadline; t++) {
    // Every child of the front: its state, and the margin of the output it just gave.
    let n = 0;
    for (let node = 0; node < size; node++) {
      for (let code = 0; code < 4; code++, n++) {
        h.set(fh.subarray(node * H, node * H + H));
        c.set(fc.subarray(node * H, node * H + H));
        cellStep(s.p, h, c, s.inpX, code * G);
        const k = fk[node] as number;
        if (!(outputMargin(s, h, sumBit(code, k)) > 0)) {
          const found = confirmCounterexample(weights, wordOf(links, t, node, code));
          if (found) return found;
        }
        ch.set(h, n * H);
        cc.set(c, n * H);
        ck[n] = carryOut(code, k);
        score[n] = lookahead(s, h, c, ck[n] as number);
      }
    }
    // Keep the `beam` children whose next output comes closest to the wrong side, one per (rounded) state.
    order.length = 0;
    for (let j = 0; j < n; j++) order.push(j);
    order.sort((x, y) => (score[x] as number) - (score[y] as number));
    const seen = new Set<number>();
    const nh = new Float64Array(beam * H);
    const nc = new Float64Array(beam * H);
    const nk = new Int32Array(beam);
    const link = new Int32Array(beam);
    let kept = 0;
    for (const j of order) {
      const key = stateKey(ch, cc, ck[j] as number, j, H);
      if (seen.has(key)) continue;
      seen.add(key);
      nh.set(ch.subarray(j * H, j * H + H), kept * H);
      nc.set(cc.subarray(j * H, j * H + H), kept * H);
      nk[kept] = ck[j] as number;
      link[kept] = j; // parent = j >> 2, code = j & 3
      if (++kept === beam) break;
    }
    links.push(link);
    fh = nh;
    fc = nc;
    fk = nk;
    size = kept;
  }
  return null;
}

/** The word (codes, first step first) that ends with `code` after front node `node` of level `t`. */
function wordOf(links: Int32Array[], t: number, node: number, code: number): number[] {
  const codes = [code];
  for (let level = t - 1; level >= 0; level--) {
    const link = (links[level] as Int32Array)[node] as number;
    codes.unshift(link & 3);
    node = link >> 2;
  }
  return codes;
}

/** How far the logit of state h is on the right side of core's reading threshold for `bit`. */
function outputMargin(s: SerialSetup, h: Float64Array, bit: number): number {
  let y = s.p.bd[0] as number;
  for (let j = 0; j < s.H; j++) y += (h[j] as number) * (s.p.W[j] as number);
  return bit ? y - s.one : s.zero - y;
}

const lh = new Float64Array(64);
const lc = new Float64Array(64);

/** The smallest margin of the next output over the four next inputs. */
function lookahead(s: SerialSetup, h: Float64Array, c: Float64Array, k: number): number {
  const { H } = s;
  const hh = lh.length >= H ? lh.subarray(0, H) : new Float64Array(H);
  const cc = lc.length >= H ? lc.subarray(0, H) : new Float64Array(H);
  let worst = Infinity;
  for (let code = 0; code < 4; code++) {
    hh.set(h);
    cc.set(c);
    cellStep(s.p, hh, cc, s.inpX, code * 4 * H);
    worst = Math.min(worst, outputMargin(s, hh, sumBit(code, k)));
  }
  return worst;
}

/** A hash of a state rounded to 1e-9 (h) and 1e-7 (c), so near-copies of one state take one place in the beam. */
function stateKey(h: Float64Array, c: Float64Array, k: number, j: number, H: number): number {
  let key = k + 1;
  for (let u = 0; u < H; u++) {
    key = (Math.imul(key, 0x9e3779b1) ^ Math.round((h[j * H + u] as number) * 1e9)) | 0;
    key = (Math.imul(key, 0x85ebca6b) ^ Math.round((c[j * H + u] as number) * 1e7)) | 0;
  }
  return key;
}
