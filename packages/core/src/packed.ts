// Weights packed once into contiguous typed arrays, gates fused like tfjs-layers' LSTMCell:
// one [I, 4H] input kernel, one [H, 4H] recurrent kernel and one [4H] bias, gate order i, f, g, o.
import { GATES } from './arch.js';
import type { Weights } from './weights.js';

export interface PackedWeights {
  readonly I: number;
  readonly H: number;
  readonly O: number;
  /** Row k holds input k's weights to all 4H gate units, [i(H) f(H) g(H) o(H)]: one input is one contiguous slice. */
  readonly U: Float64Array;
  /** Row j holds hidden unit j's recurrent weights to all 4H gate units. */
  readonly V: Float64Array;
  readonly b: Float64Array;
  /** Row j holds hidden unit j's weights to the O outputs. */
  readonly W: Float64Array;
  readonly bd: Float64Array;
  readonly sigmoidOutput: boolean;
  /** Scratch for one step's b + h·V (cellStep): steps run one at a time, so one buffer per model serves all. */
  readonly rec: Float64Array;
}

const cache = new WeakMap<Weights, PackedWeights>();

function fuse(rows: number, H: number, pick: (gate: number) => number[][]): Float64Array {
  const out = new Float64Array(rows * 4 * H);
  for (let gate = 0; gate < 4; gate++) {
    const m = pick(gate);
    for (let r = 0; r < rows; r++) out.set(m[r] as number[], r * 4 * H + gate * H);
  }
  return out;
}

/** Packs (once per weights object) the contract's nested arrays for the forward pass. */
export function pack(w: Weights): PackedWeights {
  const hit = cache.get(w);
  if (hit) return hit;
  const { inputSize: I, hiddenSize: H, outputSize: O } = w;
  const gate = (k: number) => w.lstm[GATES[k] as (typeof GATES)[number]];
  const b = new Float64Array(4 * H);
  for (let k = 0; k < 4; k++) b.set(gate(k).b, k * H);
  const packed: PackedWeights = {
    I,
    H,
    O,
    U: fuse(I, H, (k) => gate(k).U),
    V: fuse(H, H, (k) => gate(k).V),
    b,
    W: Float64Array.from(w.dense.W.flat()),
    bd: Float64Array.from(w.dense.b),
    sigmoidOutput: w.outputActivation === 'sigmoid',
    rec: new Float64Array(4 * H),
  };
  cache.set(w, packed);
  return packed;
}
