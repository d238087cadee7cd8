// The serial prover: a proof that a serial model adds every pair of numbers of every length right. Inputs are words
// over the four bit pairs; the model is right iff every step's output has the sign of a ⊕ b ⊕ carry. The prover
// cuts the state space (h, c) into grid cells and explores, from the zero state, the cells the states reachable
// with each carry can lie in: from every cell and every word of `words` inputs, the enclosure (affine.ts) of every
// output must have the right sign and the state after the word must land in cells of the true carry, which are
// then explored too. When nothing new is reached, the cells are an inductive invariant: a proof for every length.
// A box whose enclosure is too loose to decide is cut in half (its split tree goes into the certificate).
import type { Weights } from '../weights.js';
import { condense, encloseStep, StepScratch, stride } from './affine.js';
import { boxForms, halves, imageRange, SPLIT_AXES } from './boxes.js';
import { encodeCertificate, type SerialCertificate } from './certificate.js';
import { type Counterexample, confirmCounterexample, type FalsifyOptions, findCounterexample } from './falsify.js';
import { type Axis, CellTable, type GridSpec, gridAxes, INDEX_LIMIT } from './grid.js';
import {
  carryOut,
  certifiedMargin,
  type ProofEdge,
  proofEdges,
  type SerialSetup,
  serialSetup,
  sumBit,
} from './serial-setup.js';

export interface ProveSerialOptions {
  /** The grid (default: side 0.05, uniform c cells on ±3, growing by 1 + side/3 past it). */
  grid?: Partial<GridSpec>;
  /** Inputs per word between grid cells (default 2). */
  words?: number;
  /** Stop, unproven, past this many cells (default 300,000). */
  maxCells?: number;
  /** How many times a cell may be cut in half. Unset (with splitCells unset): a pass without cuts (cheapest per cell,
   *  enough for the trained models we measured), then, if it leaks, one cutting at most twice. */
  maxDepth?: number;
  /** A word's image spanning more cells than this cuts its box (default 64). */
  splitCells?: number;
  /** Stop, unproven, after this many seconds (default 30). */
  seconds?: number;
  /** Look for a counterexample first (default: a quick search, a beam of 256 to 160 bits within 1 s): a wrong model is
   *  refuted in a fraction of a second. */
  falsify?: boolean | FalsifyOptions;
  onProgress?: (progress: ProofProgress) => void;
}

export interface ProofProgress {
  /** Cells explored so far, and found so far (explored ≤ found). */
  explored: number;
  cells: number;
  seconds: number;
}

export interface SerialProof {
  proven: boolean;
  /** `cells`: the inductive invariant over grid cells; `counterexample`: a sum the model gets wrong. */
  method: 'cells' | 'counterexample';
  /** Cells in the invariant (or explored before the prover stopped). */
  cells: number;
  cellsByCarry: [number, number];
  /** The smallest certified distance of an output from its reading threshold (logit units), when proven. */
  minLogit: number | null;
  /** The eight edges of the two-state automaton the proof shows the model to be, with their certified margins. */
  edges?: ProofEdge[];
  seconds: number;
  counterexample?: Counterexample;
  /** Why the prover could not decide, when it could not. */
  failure?: string;
  /** Boxes proved (cells, and halves of cells) and LSTM steps enclosed. */
  work?: { boxes: number; steps: number };
  certificate?: SerialCertificate;
}

const MAX_SPAN = 4096;
const QUICK_FALSIFIER: FalsifyOptions = { beam: 256, depth: 160, seconds: 1 };
const FIRST_PASS_CELLS = 60_000;

export const DEFAULT_GRID: GridSpec = { side: 0.05, cLimit: 3, ratio: 1 + 0.05 / 3 };

export function proveSerial(weights: Weights, options: ProveSerialOptions = {}): SerialProof {
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
  const setup = serialSetup(weights);
  const falsify = options.falsify ?? true;
  if (falsify) {
    const found = findCounterexample(weights, falsify === true ? QUICK_FALSIFIER : falsify);
    if (found) return refuted(found, elapsed());
  }
  const side = options.grid?.side ?? DEFAULT_GRID.side;
  const grid: GridSpec = {
    side,
    cLimit: options.grid?.cLimit ?? DEFAULT_GRID.cLimit,
    ratio: options.grid?.ratio ?? 1 + side / 3,
  };
  const maxCells = options.maxCells ?? 300_000;
  const splitCells = options.splitCells ?? 64;
  // Measured on an exact model of the recipe before proofs: 48,505 uncut cells in 4.5 s, where cutting at most 6 times
  // did not finish in 60 s; cutting helps only where uncut images leak, so it is the second pass, not the first.
  const passes =
    options.maxDepth !== undefined || options.splitCells !== undefined
      ? [{ maxDepth: options.maxDepth ?? 2, maxCells }]
      : [
          { maxDepth: 0, maxCells: Math.min(maxCells, FIRST_PASS_CELLS) },
          { maxDepth: 2, maxCells },
        ];
  const seconds = options.seconds ?? 30;
  let explorer!: Explorer;
  let ok = false;
  for (const pass of passes) {
    explorer = new Explorer(setup, grid, {
      words: options.words ?? 2,
      maxCells: pass.maxCells,
      maxDepth: pass.maxDepth,
      splitCells,
      seconds,
      onProgress: options.onProgress,
      started,
    });
    ok = explorer.run();
    if (ok) break;
    // A pass that fails may have met a real counterexample from the zero state: each pass's witness is checked once.
    const witness = explorer.witness();
    const found = witness && confirmCounterexample(weights, witness);
    if (found) return refuted(found, elapsed());
    if (elapsed() >= seconds) break;
  }
  const cellsByCarry = explorer.cellsByCarry();
  const cells = cellsByCarry[0] + cellsByCarry[1];
  if (ok) {
    const certificate = encodeCertificate(weights, {
      grid,
      words: explorer.words,
      table: explorer.table,
      splits: explorer.splits,
      minLogit: explorer.minLogit,
    });
    const work = { boxes: explorer.boxes, steps: explorer.steps };
    return {
      proven: true,
      method: 'cells',
      cells,
      cellsByCarry,
      minLogit: explorer.minLogit,
      edges: proofEdges(explorer.edgeMin),
      seconds: elapsed(),
      work,
      certificate,
    };
  }
  return {
    proven: false,
    method: 'cells',
    cells,
    cellsByCarry,
    minLogit: null,
    seconds: elapsed(),
    failure: explorer.failure ?? 'not proven',
    work: { boxes: explorer.boxes, steps: explorer.steps },
  };
}

const refuted = (counterexample: Counterexample, seconds: number): SerialProof => ({
  proven: false,
  method: 'counterexample',
  cells: 0,
  cellsByCarry: [0, 0],
  minLogit: null,
  seconds,
  counterexample,
  failure: `${counterexample.a} + ${counterexample.b} is wrong`,
});

interface ExplorerOptions {
  words: number;
  maxCells: number;
  maxDepth: number;
  splitCells: number;
  seconds: number;
  onProgress: ((progress: ProofProgress) => void) | undefined;
  started: number;
}

/** What one box's words found: their image ranges to add, or the axis to cut the box on. */
interface BoxVerdict {
  ok: boolean;
  /** The axis whose half-width did most to the failure. */
  axis: number;
  /** A sign the enclosure could not certify (splitting may help; at the depth limit the proof fails). */
  sign: string | null;
  /** The widest image, in cells. */
  span: number;
}

class Explorer {
  readonly table: CellTable;
  readonly words: number;
  /** Split trees of the cells that needed one, by cell id. */
  readonly splits = new Map<number, string>();
  minLogit = Infinity;
  failure: string | null = null;
  /** Boxes proved (cells and their halves) and LSTM steps enclosed. */
  boxes = 0;
  steps = 0;
  private readonly axes: Axis[];
  private readonly K: number;
  private readonly scratch: StepScratch;
  private readonly bufs: Float64Array[];
  private readonly kcs: Int32Array;
  private readonly logit: Float64Array;
  /** Per word: its carry class out, then 2D range bounds. */
  private readonly ranges: Int32Array;
  private readonly range: Int32Array;
  private readonly idx: Int32Array;
  /** The smallest margin of the box being proved (it counts once the box's images are committed). */
  private boxMin = Infinity;
  /** The smallest margin per edge (carry·4 + code): of the box being proved, and of every committed box. */
  private readonly boxEdge = new Float64Array(8);
  readonly edgeMin = new Float64Array(8).fill(Infinity);
  private readonly blame: Float64Array;
  private readonly carries: Int32Array;
  private readonly codes: Int32Array;
  /** The cell being proved (−1: the zero state). */
  private current = -1;
  /** For a counterexample hint: each cell's parent cell and word (the first that reached it). */
  private readonly parent: number[] = [];
  private readonly via: number[] = [];
  private failedAt: { id: number; word: number; steps: number } | null = null;
  private lastReport = 0;

  constructor(
    private readonly s: SerialSetup,
    grid: GridSpec,
    private readonly o: ExplorerOptions,
  ) {
    const { H, D } = s;
    this.words = o.words;
    this.axes = gridAxes(grid, H);
    this.table = new CellTable(D);
    this.K = D + 2 * H * (o.words - 1);
    this.scratch = new StepScratch(H, this.K);
    this.bufs = Array.from({ length: o.words + 1 }, () => new Float64Array(D * stride(this.K)));
    this.kcs = new Int32Array(o.words + 1);
    this.logit = new Float64Array(s.m.O * stride(this.K));
    this.ranges = new Int32Array(4 ** o.words * (2 * D + 1));
    this.range = new Int32Array(2 * D);
    this.idx = new Int32Array(D);
    this.blame = new Float64Array(D);
    this.carries = new Int32Array(o.words + 1);
    this.codes = new Int32Array(o.words);
  }

  cellsByCarry(): [number, number] {
    const out: [number, number] = [0, 0];
    for (let id = 0; id < this.table.size; id++) out[this.table.cells[id * (this.s.D + 1)] as 0 | 1] += 1;
    return out;
  }

  run(): boolean {
    const { D } = this.s;
    const zero = new Float64Array(D);
    if (!this.cell(-1, 0, zero, zero)) return false;
    const lo = new Float64Array(D);
    const hi = new Float64Array(D);
    const { cells } = this.table;
    for (let id = 0; id < this.table.size; id++) {
      if (this.table.size > this.o.maxCells) return this.fail(`more than ${this.o.maxCells} cells`);
      const o = id * (D + 1);
      for (let d = 0; d < D; d++) {
        const i = cells[o + 1 + d] as number;
        lo[d] = (this.axes[d] as Axis).bound(i);
        hi[d] = (this.axes[d] as Axis).bound(i + 1);
      }
      if (!this.cell(id, cells[o] as number, lo, hi)) return false;
      if ((id & 63) === 0) {
        const seconds = (performance.now() - this.o.started) / 1000;
        if (seconds > this.o.seconds) return this.fail(`time limit of ${this.o.seconds} s`);
        if (this.o.onProgress && seconds - this.lastReport >= 0.2) {
          this.lastReport = seconds;
          this.o.onProgress({ explored: id + 1, cells: this.table.size, seconds });
        }
      }
    }
    return true;
  }

  private fail(why: string): boolean {
    this.failure ??= why;
    return false;
  }

  /** Proves the words from one cell (id −1: the zero state), cutting its box as needed; adds the images. */
  private cell(id: number, k: number, lo: Float64Array, hi: Float64Array): boolean {
    this.current = id;
    const tree = this.box(id, k, lo, hi, 0);
    if (tree === null) return false;
    if (tree !== '.' && id >= 0) this.splits.set(id, tree);
    return true;
  }

  /** The split tree that proves box [lo, hi] of cell `id`, or null. */
  private box(id: number, k: number, lo: Float64Array, hi: Float64Array, depth: number): string | null {
    this.boxes++;
    const verdict = this.words_(k, lo, hi);
    const atLimit = depth >= this.o.maxDepth;
    if (verdict.ok && (verdict.span <= this.o.splitCells || atLimit)) {
      this.commit(id);
      return '.';
    }
    if (atLimit) {
      this.fail(verdict.sign ?? `an image spans more than ${MAX_SPAN} cells`);
      return null;
    }
    let tree = SPLIT_AXES[verdict.axis] as string;
    for (const [l, h] of halves(lo, hi, verdict.axis)) {
      const sub = this.box(id, k, l, h, depth + 1);
      if (sub === null) return null;
      tree += sub;
    }
    return tree;
  }

  /** Every word of `words` inputs from box [lo, hi] with carry k: signs, and image ranges into `ranges`. */
  private words_(k0: number, lo: Float64Array, hi: Float64Array): BoxVerdict {
    const { s, K, bufs, kcs, logit } = this;
    const G = 4 * s.H;
    const n = this.words;
    boxForms(lo, hi, bufs[0] as Float64Array, K);
    kcs[0] = s.D;
    this.boxMin = Infinity;
    this.boxEdge.fill(Infinity);
    this.blame.fill(0);
    const verdict: BoxVerdict = { ok: true, axis: 0, sign: null, span: 0 };
    const { carries, codes } = this;
    carries[0] = k0;
    // Depth-first over words, each prefix's enclosure computed once.
    let t = 0;
    codes[0] = -1;
    let word = 0;
    while (t >= 0) {
      const code = ++codes[t]!;
      if (code === 4) {
        t--;
        continue;
      }
      const k = carries[t] as number;
      const into = bufs[t + 1] as Float64Array;
      const kc = kcs[t] as number;
      this.steps++;
      if (!encloseStep(s.m, this.scratch, bufs[t] as Float64Array, kc, s.inpX, code * G, into, logit)) {
        verdict.ok = false;
        verdict.sign = 'a state bound is not finite';
        this.blameForm(into, s.D);
        this.recordFailure(codes, t);
        return this.finish(verdict);
      }
      const margin = certifiedMargin(s, logit, kc, K, sumBit(code, k));
      if (!(margin > 0)) {
        verdict.ok = false;
        verdict.sign ??= `the output after ${t + 1} of ${n} inputs may be misread`;
        this.blameForm(logit, 1);
        this.recordFailure(codes, t);
        continue; // this prefix's words are not asked further
      }
      if (margin < this.boxMin) this.boxMin = margin;
      if (margin < (this.boxEdge[k * 4 + code] as number)) this.boxEdge[k * 4 + code] = margin;
      carries[t + 1] = carryOut(code, k);
      if (t + 1 < n) {
        kcs[t + 1] = condense(into, s.H, kc, K);
        codes[++t] = -1;
        continue;
      }
      // A whole word: where its image lands.
      const span = imageRange(into, kc, K, this.axes, this.range, MAX_SPAN);
      const base = word++ * (2 * s.D + 1);
      this.ranges[base] = carries[n] as number;
      this.ranges.set(this.range, base + 1);
      if (span > verdict.span) verdict.span = span;
      if (span > this.o.splitCells) this.blameForm(into, s.D);
      if (span === Infinity) verdict.ok = false;
      for (let d = 0; d < 2 * s.D; d++) {
        const v = this.range[d] as number;
        if (v < -INDEX_LIMIT || v > INDEX_LIMIT) verdict.ok = false;
      }
    }
    return this.finish(verdict);
  }

  private finish(verdict: BoxVerdict): BoxVerdict {
    let best = -1;
    for (let d = 0; d < this.s.D; d++) {
      const b = this.blame[d] as number;
      if (b > best) {
        best = b;
        verdict.axis = d;
      }
    }
    return verdict;
  }

  /** Adds to each axis's blame how much its noise symbol spreads `count` forms (a logit, or the D state forms). */
  private blameForm(forms: Float64Array, count: number): void {
    const S = this.K + 2;
    for (let f = 0; f < count; f++) {
      for (let d = 0; d < this.s.D; d++) {
        this.blame[d] = (this.blame[d] as number) + Math.abs(forms[f * S + 1 + d] as number);
      }
    }
  }

  private recordFailure(codes: Int32Array, t: number): void {
    let word = 0;
    for (let j = 0; j <= t; j++) word = word * 4 + (codes[j] as number);
    this.failedAt ??= { id: this.current, word, steps: t + 1 };
  }

  /** Adds every word's image cells (the box's words all passed), and counts the box's margins. */
  private commit(id: number): void {
    const { D } = this.s;
    const { idx, table } = this;
    if (this.boxMin < this.minLogit) this.minLogit = this.boxMin;
    for (let e = 0; e < 8; e++) this.edgeMin[e] = Math.min(this.edgeMin[e] as number, this.boxEdge[e] as number);
    const count = 4 ** this.words;
    for (let w = 0; w < count; w++) {
      const base = w * (2 * D + 1);
      const k = this.ranges[base] as number;
      for (let d = 0; d < D; d++) idx[d] = this.ranges[base + 1 + 2 * d] as number;
      for (;;) {
        const before = table.size;
        table.add(k, idx);
        if (table.size > before) {
          this.parent.push(id);
          this.via.push(w);
        }
        let d = 0;
        while (d < D && idx[d] === this.ranges[base + 2 + 2 * d]) {
          idx[d] = this.ranges[base + 1 + 2 * d] as number;
          d++;
        }
        if (d === D) break;
        idx[d] = (idx[d] as number) + 1;
      }
    }
  }

  /** The input word (codes, first input first) of the first failure: the first path to its cell, then its word. */
  witness(): number[] | null {
    if (!this.failedAt) return null;
    const codes: number[] = [];
    const push = (word: number, steps: number) => {
      const part: number[] = [];
      for (let j = 0; j < steps; j++) {
        part.unshift(word & 3);
        word >>= 2;
      }
      codes.unshift(...part);
    };
    push(this.failedAt.word, this.failedAt.steps);
    for (let id = this.failedAt.id; id >= 0; id = this.parent[id] as number) push(this.via[id] as number, this.words);
    return codes;
  }
}
