// The grid that cuts the state space (h, c) into cells: side `side` on [−limit, limit] of each axis, then cells
// growing geometrically by `ratio` (c can run far past ±1; h never leaves [−1, 1]). Every bound is computed by one
// function, so neighbouring cells share their bounds exactly and the cells cover the line with no gap.

export interface GridSpec {
  /** Cell side near the origin. */
  side: number;
  /** Half-width of the uniform part of the c axes (the h axes are uniform on [−1, 1]). */
  cLimit: number;
  /** Growth of the c cells past ±cLimit. */
  ratio: number;
}

export class Axis {
  private readonly n0: number;
  private readonly logRatio: number;
  constructor(
    private readonly side: number,
    limit: number,
    private readonly ratio: number,
  ) {
    this.n0 = Math.round(limit / side);
    this.logRatio = Math.log(ratio);
  }

  /** The lower bound of cell i (the upper bound of cell i − 1). */
  bound(i: number): number {
    const { n0 } = this;
    if (i >= -n0 && i <= n0) return i * this.side;
    const grown = this.n0 * this.side * this.ratio ** (Math.abs(i) - n0);
    return i > 0 ? grown : -grown;
  }

  /** The cell i with bound(i) ≤ v < bound(i + 1). */
  index(v: number): number {
    const edge = this.n0 * this.side;
    let i: number;
    if (Math.abs(v) < edge) i = Math.floor(v / this.side);
    else if (v > 0) i = this.n0 + Math.floor(Math.log(v / edge) / this.logRatio);
    else i = -this.n0 - Math.ceil(Math.log(-v / edge) / this.logRatio);
    while (this.bound(i) > v) i--;
    while (this.bound(i + 1) <= v) i++;
    return i;
  }
}

/** The 2H axes of a model with H hidden units: h_0…h_{H−1} then c_0…c_{H−1}. */
export const gridAxes = (grid: GridSpec, H: number): Axis[] =>
  Array.from({ length: 2 * H }, (_, d) =>
    d < H ? new Axis(grid.side, 1, 2) : new Axis(grid.side, grid.cLimit, grid.ratio),
  );

/** Cell indices are stored as 16-bit integers. */
export const INDEX_LIMIT = 32_000;

/**
 * A set of cells, each a carry class and D indices, in an open-addressing hash table: `id(cell)` or −1, `add`.
 * Ids count from 0 in insertion order.
 */
export class CellTable {
  /** D + 1 numbers per cell: the class, then the indices. */
  readonly cells: number[] = [];
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(readonly D: number) {
    this.slots = new Int32Array(1 << 12).fill(-1);
    this.mask = (1 << 12) - 1;
  }

  private hash(k: number, idx: ArrayLike<number>): number {
    let h = Math.imul(k + 1, 0x9e3779b1);
    for (let d = 0; d < this.D; d++) h = Math.imul(h ^ ((idx[d] as number) + 0x8000), 0x85ebca6b) ^ (h >>> 13);
    return (h ^ (h >>> 16)) & this.mask;
  }

  private same(id: number, k: number, idx: ArrayLike<number>): boolean {
    const o = id * (this.D + 1);
    if (this.cells[o] !== k) return false;
    for (let d = 0; d < this.D; d++) if (this.cells[o + 1 + d] !== idx[d]) return false;
    return true;
  }

  id(k: number, idx: ArrayLike<number>): number {
    for (let s = this.hash(k, idx); ; s = (s + 1) & this.mask) {
      const id = this.slots[s] as number;
      if (id < 0 || this.same(id, k, idx)) return id;
    }
  }

  /** Adds the cell if it is new (then `size` grows); returns its id. */
  add(k: number, idx: ArrayLike<number>): number {
    if (2 * (this.size + 1) > this.slots.length) this.grow();
    for (let s = this.hash(k, idx); ; s = (s + 1) & this.mask) {
      const id = this.slots[s] as number;
      if (id >= 0 && this.same(id, k, idx)) return id;
      if (id < 0) {
        this.slots[s] = this.size;
        this.cells.push(k);
        for (let d = 0; d < this.D; d++) this.cells.push(idx[d] as number);
        return this.size++;
      }
    }
  }

  private grow(): void {
    const old = this.size;
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    for (let id = 0; id < old; id++) {
      const o = id * (this.D + 1);
      let s = this.hash(this.cells[o] as number, this.cells.slice(o + 1, o + 1 + this.D));
      while ((this.slots[s] as number) >= 0) s = (s + 1) & this.mask;
      this.slots[s] = id;
    }
  }
}
