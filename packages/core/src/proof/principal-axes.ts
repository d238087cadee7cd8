// The principal axes of a cloud of points (the proof picture draws a certificate's cells on the first two): the
// eigenvectors of their covariance, by Jacobi rotations, largest variance first.

export interface PrincipalAxes {
  /** The points' mean. */
  origin: number[];
  /** Unit rows, largest variance first. */
  axes: number[][];
  /** The variance along each axis. */
  variances: number[];
}

export function principalAxes(points: readonly ArrayLike<number>[]): PrincipalAxes {
  const D = points[0]?.length ?? 0;
  const origin = new Array<number>(D).fill(0);
  for (const p of points) for (let d = 0; d < D; d++) origin[d]! += (p[d] as number) / points.length;
  const cov = new Float64Array(D * D);
  for (const p of points) {
    for (let i = 0; i < D; i++) {
      const di = (p[i] as number) - origin[i]!;
      for (let j = 0; j < D; j++)
        cov[i * D + j] = (cov[i * D + j] as number) + (di * ((p[j] as number) - origin[j]!)) / points.length;
    }
  }
  const { vectors, values } = jacobi(cov, D);
  const order = values.map((_, i) => i).sort((i, j) => values[j]! - values[i]!);
  return { origin, axes: order.map((i) => vectors[i]!), variances: order.map((i) => Math.max(0, values[i]!)) };
}

/** Eigenvalues and unit eigenvectors (as rows) of a symmetric D×D matrix. */
function jacobi(matrix: Float64Array, D: number): { vectors: number[][]; values: number[] } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(D * D);
  for (let i = 0; i < D; i++) v[i * D + i] = 1;
  const rotate = (m: Float64Array, stride: number, p: number, q: number, cs: number, sn: number, rows: boolean) => {
    for (let k = 0; k < D; k++) {
      const ip = rows ? p * stride + k : k * stride + p;
      const iq = rows ? q * stride + k : k * stride + q;
      const x = m[ip] as number;
      const y = m[iq] as number;
      m[ip] = cs * x - sn * y;
      m[iq] = sn * x + cs * y;
    }
  };
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < D; p++) for (let q = p + 1; q < D; q++) off += Math.abs(a[p * D + q] as number);
    if (off < 1e-18) break;
    for (let p = 0; p < D; p++) {
      for (let q = p + 1; q < D; q++) {
        const apq = a[p * D + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = 0.5 * Math.atan2(2 * apq, (a[q * D + q] as number) - (a[p * D + p] as number));
        const cs = Math.cos(theta);
        const sn = Math.sin(theta);
        rotate(a, D, p, q, cs, sn, false);
        rotate(a, D, p, q, cs, sn, true);
        rotate(v, D, p, q, cs, sn, false);
      }
    }
  }
  return {
    vectors: Array.from({ length: D }, (_, i) => Array.from({ length: D }, (_, k) => v[k * D + i] as number)),
    values: Array.from({ length: D }, (_, i) => a[i * D + i] as number),
  };
}
