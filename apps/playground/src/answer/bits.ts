// Formatting of the answer's binary rows: a, b and the sum aligned by bit position, and the
// model's confidence in each sum bit.

export interface BitCell {
  /** '0', '1', or '' where the row is shorter than the widest row. */
  bit: string;
  /** Bit position, 0 = least significant. */
  position: number;
}

export interface BitRow {
  label: string;
  cells: BitCell[];
}

const BINARY = /^[01]*$/;

/** Right-aligns binary strings (MSB first) so that equal positions share a column. */
export function alignBitRows(rows: { label: string; bits: string }[]): { width: number; rows: BitRow[] } {
  for (const row of rows) {
    if (!BINARY.test(row.bits))
      throw new TypeError(`${row.label}: expected a string of 0s and 1s, got "${row.bits.slice(0, 20)}"`);
  }
  const width = Math.max(1, ...rows.map((r) => r.bits.length));
  return {
    width,
    rows: rows.map(({ label, bits }) => ({
      label,
      cells: Array.from({ length: width }, (_, column) => {
        const position = width - 1 - column;
        const index = bits.length - 1 - position;
        return { bit: index >= 0 ? (bits[index] ?? '') : '', position };
      }),
    })),
  };
}

/**
 * How sure the model is of one output bit, in 0..1: 0 at the 0.5 threshold, 1 at 0 or 1 and beyond.
 * Both shipped models end in a sigmoid, so an output is a probability of 1; values outside 0..1 (another
 * weights file's identity output) count as sure.
 */
export function confidenceOfOutput(y: number): number {
  if (!Number.isFinite(y)) return 0;
  return Math.min(1, 2 * Math.abs(y - 0.5));
}

/**
 * How sure, in %, for a confidence: 50 at the threshold (a coin toss), 100 at 0 or 1. For a sigmoid output it is the
 * probability the model gave the bit it wrote, max(y, 1 − y).
 */
export function surePercent(confidence: number): number {
  return Math.floor(50 + 50 * Math.min(1, Math.max(0, confidence)));
}

/**
 * Confidence per sum bit, indexed by bit position (0 = LSB), from the model's per-step outputs.
 * vector: the answer is the last step's 8 outputs, MSB first. serial: step t's single output is bit t.
 * Returns null when the outputs are missing, so the caller can fall back to the overall margin.
 */
export function sumBitConfidences(
  model: string,
  outputs: ArrayLike<number>[] | undefined,
  sumWidth: number,
): number[] | null {
  if (!outputs || outputs.length === 0) return null;
  const result: number[] = [];
  if (model === 'vector') {
    const last = outputs[outputs.length - 1]!;
    for (let position = 0; position < sumWidth; position++) {
      const y = last[last.length - 1 - position];
      result.push(y === undefined ? 0 : confidenceOfOutput(y));
    }
    return result;
  }
  for (let position = 0; position < sumWidth; position++) {
    const y = outputs[position]?.[0];
    result.push(y === undefined ? 0 : confidenceOfOutput(y));
  }
  return result;
}

/** A decimal string broken into groups of three digits for reading (thin spaces, not commas). */
export function groupDigits(decimal: string): string {
  if (!/^\d+$/.test(decimal)) return decimal;
  return decimal.replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009');
}

/**
 * The arithmetic carry out of each bit position of a + b, LSB first, for `steps` positions. Step t of the
 * serial model must remember exactly this to get bit t + 1 right, so the page draws it beside the cell
 * state, and the carry units are found by correlation with it.
 */
export function carrySequence(a: bigint, b: bigint, steps: number): number[] {
  const out: number[] = [];
  let carry = 0n;
  for (let t = 0; t < steps; t++) {
    const bit = BigInt(t);
    carry = (((a >> bit) & 1n) + ((b >> bit) & 1n) + carry) >> 1n;
    out.push(Number(carry));
  }
  return out;
}
