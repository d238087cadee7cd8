// The ratio baseline: the contract's formulas read literally, arrays of arrays, no packing, nothing precomputed.
import type { Weights } from '../src/index.js';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

function gatePre(w: Weights, gate: 'i' | 'f' | 'g' | 'o', x: number[], h: number[]): number[] {
  const { U, V, b } = w.lstm[gate];
  return b.map((bu, u) => {
    let z = bu;
    for (let k = 0; k < x.length; k++) z += x[k]! * U[k]![u]!;
    for (let j = 0; j < h.length; j++) z += h[j]! * V[j]![u]!;
    return z;
  });
}

/** One output vector per step, like `forward`, computed the obvious way. */
export function naiveForward(w: Weights, steps: number[][]): number[][] {
  let h = new Array<number>(w.hiddenSize).fill(0);
  let c = new Array<number>(w.hiddenSize).fill(0);
  const outputs: number[][] = [];
  for (const x of steps) {
    const i = gatePre(w, 'i', x, h).map(sigmoid);
    const f = gatePre(w, 'f', x, h).map(sigmoid);
    const g = gatePre(w, 'g', x, h).map(Math.tanh);
    const o = gatePre(w, 'o', x, h).map(sigmoid);
    c = c.map((cu, u) => f[u]! * cu + i[u]! * g[u]!);
    h = c.map((cu, u) => o[u]! * Math.tanh(cu));
    const y = w.dense.b.map((bk, k) => h.reduce((s, hj, j) => s + hj * w.dense.W[j]![k]!, bk));
    outputs.push(w.outputActivation === 'sigmoid' ? y.map(sigmoid) : y);
  }
  return outputs;
}
