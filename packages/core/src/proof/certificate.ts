// The certificate a serial proof leaves: the grid, the word length, the cells of each carry class and the split trees
// of the cells that needed one. checkCertificate re-checks it in one pass. The cells are 16-bit indices in base64
// (JSON arrays would be five times larger).
import * as v from 'valibot';
import { GATES } from '../arch.js';
import { weightsFingerprint } from '../fingerprint.js';
import type { Weights } from '../weights.js';
import { type Axis, type CellTable, type GridSpec, gridAxes } from './grid.js';

export const CERTIFICATE_FORMAT = 'lstm-adder.certificate/v1';

/** The one assumption every proof here rests on. */
export const PROOF_ASSUMPTION =
  "Math.exp is within 2^-44 relative error of e^x (V8's is within 1 ulp); every other operation is IEEE 754 " +
  'float64 rounding, which the enclosures charge for.';

export interface SerialCertificate {
  format: typeof CERTIFICATE_FORMAT;
  method: 'cells';
  /** The fingerprint of the model's parameters (its meta left out): the weights this certificate is for. */
  parameters: string;
  grid: GridSpec;
  /** Inputs per word between grid cells. */
  words: number;
  /** The cells of carry 0 and of carry 1: 2H signed 16-bit indices each (h axes, then c axes), little-endian,
   * base64. */
  cells: [string, string];
  /** The split trees of the cells that needed one: [carry, position in that carry's cells, tree]. */
  splits: [number, number, string][];
  /** The smallest certified distance of an output from its reading threshold. */
  minLogit: number;
  assumption: string;
}

/** The fingerprint of a model's parameters: the same for the same numbers whatever its meta says. */
export function parametersFingerprint(w: Weights): string {
  const lstm = Object.fromEntries(GATES.map((g) => [g, { U: w.lstm[g].U, V: w.lstm[g].V, b: w.lstm[g].b }]));
  return weightsFingerprint({ ...w, lstm, dense: { W: w.dense.W, b: w.dense.b }, meta: {} } as Weights);
}

function toBase64(values: ArrayLike<number>): string {
  const bytes = new Uint8Array(new Int16Array(Array.from(values)).buffer);
  let binary = '';
  for (let k = 0; k < bytes.length; k += 0x8000) binary += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  return btoa(binary);
}

/** The cells of a base64 list, D indices each; null if it is not one. */
export function cellsFromBase64(text: string, D: number): Int16Array | null {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return null;
  }
  if (binary.length % (2 * D) !== 0) return null;
  const bytes = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k++) bytes[k] = binary.charCodeAt(k);
  return new Int16Array(bytes.buffer);
}

export function encodeCertificate(
  weights: Weights,
  proof: { grid: GridSpec; words: number; table: CellTable; splits: Map<number, string>; minLogit: number },
): SerialCertificate {
  const { table } = proof;
  const D = table.D;
  const lists: number[][] = [[], []];
  const position = new Int32Array(table.size);
  const counts = [0, 0];
  for (let id = 0; id < table.size; id++) {
    const o = id * (D + 1);
    const k = table.cells[o] as number;
    position[id] = counts[k]!++;
    for (let d = 0; d < D; d++) lists[k]!.push(table.cells[o + 1 + d] as number);
  }
  const splits: [number, number, string][] = [];
  for (const [id, tree] of proof.splits)
    splits.push([table.cells[id * (D + 1)] as number, position[id] as number, tree]);
  return {
    format: CERTIFICATE_FORMAT,
    method: 'cells',
    parameters: parametersFingerprint(weights),
    grid: proof.grid,
    words: proof.words,
    cells: [toBase64(lists[0]!), toBase64(lists[1]!)],
    splits,
    minLogit: proof.minLogit,
    assumption: PROOF_ASSUMPTION,
  };
}

const positive = v.pipe(v.number(), v.finite(), v.gtValue(0));
const integer = (min: number, max: number) => v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));

/** The shape of a certificate (its numbers are re-checked by checkCertificate, not trusted). */
export const SerialCertificateSchema = v.strictObject({
  format: v.literal(CERTIFICATE_FORMAT),
  method: v.literal('cells'),
  parameters: v.pipe(v.string(), v.regex(/^[0-9a-f]{16}$/)),
  grid: v.strictObject({
    side: v.pipe(positive, v.minValue(1e-4), v.maxValue(1)),
    cLimit: v.pipe(positive, v.maxValue(100)),
    ratio: v.pipe(positive, v.minValue(1.0001), v.maxValue(4)),
  }),
  words: integer(1, 6),
  cells: v.tuple([v.string(), v.string()]),
  splits: v.array(v.tuple([integer(0, 1), integer(0, 2 ** 31), v.pipe(v.string(), v.maxLength(4096))])),
  minLogit: v.number(),
  assumption: v.string(),
});

/** A certificate's cells as lists: per carry class, D indices per cell (h axes, then c axes). */
export function certifiedCells(certificate: SerialCertificate, hidden: number): [Int16Array, Int16Array] {
  const D = 2 * hidden;
  const lists = certificate.cells.map((text) => cellsFromBase64(text, D));
  if (!lists[0] || !lists[1]) throw new RangeError(`the certificate's cells are not base64 of ${D} indices each`);
  return [lists[0], lists[1]];
}

/** The grid cell (D indices) holding a state given as h then c. */
export function cellOfState(grid: GridSpec, state: ArrayLike<number>): number[] {
  const axes = gridAxes(grid, state.length / 2);
  return Array.from(state, (x, d) => (axes[d] as Axis).index(x));
}

/** The box [lo, hi] of a cell given by its D indices. */
export function cellBox(grid: GridSpec, idx: ArrayLike<number>): { lo: number[]; hi: number[] } {
  const axes = gridAxes(grid, idx.length / 2);
  const lo = Array.from(idx, (i, d) => (axes[d] as Axis).bound(i));
  const hi = Array.from(idx, (i, d) => (axes[d] as Axis).bound(i + 1));
  return { lo, hi };
}
