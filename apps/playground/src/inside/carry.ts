// Which hidden units carry the 1: the Pearson correlation of each unit's cell state c with the true
// carry out of the same step, over many random sums. No DOM here (the serial-stats worker runs it).

/** One sum's steps: the cell state per step (`c[step][unit]`) and the true carry out of each step (0/1). */
export interface CarrySample {
  c: ArrayLike<number>[];
  carry: ArrayLike<number>;
}

/** Correlation of each unit's c with the carry over every step of every sample (0 where a side is constant). */
export function carryCorrelations(samples: CarrySample[], units: number): number[] {
  const n = new Float64Array(units);
  const sx = new Float64Array(units),
    sy = new Float64Array(units),
    sxx = new Float64Array(units),
    syy = new Float64Array(units),
    sxy = new Float64Array(units);
  for (const { c, carry } of samples) {
    const steps = Math.min(c.length, carry.length);
    for (let t = 0; t < steps; t++) {
      const y = carry[t]!;
      for (let u = 0; u < units; u++) {
        const x = c[t]![u]!;
        n[u]!++;
        sx[u]! += x;
        sy[u]! += y;
        sxx[u]! += x * x;
        syy[u]! += y * y;
        sxy[u]! += x * y;
      }
    }
  }
  return Array.from({ length: units }, (_, u) => {
    const cov = n[u]! * sxy[u]! - sx[u]! * sy[u]!;
    const vx = n[u]! * sxx[u]! - sx[u]! ** 2;
    const vy = n[u]! * syy[u]! - sy[u]! ** 2;
    return vx > 0 && vy > 0 ? cov / Math.sqrt(vx * vy) : 0;
  });
}

export interface CarryUnit {
  unit: number;
  /** Correlation of the unit's c with the true carry, −1..1 (negative: high when there is no carry). */
  r: number;
}

/** The units that track the carry: every unit with |r| ≥ `threshold`, strongest first, or the strongest alone. */
export function carryUnits(correlations: number[], threshold = 0.9): CarryUnit[] {
  const ranked = correlations.map((r, unit) => ({ unit, r })).sort((x, y) => Math.abs(y.r) - Math.abs(x.r));
  const strong = ranked.filter((u) => Math.abs(u.r) >= threshold);
  return strong.length ? strong : ranked.slice(0, 1);
}
