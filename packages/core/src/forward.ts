// The plain forward pass over any sequence of input vectors: the reference the adders' fast paths must equal.
import { cellStep, denseOutput, inputTerm } from './cell.js';
import { pack } from './packed.js';
import { Trace } from './trace.js';
import type { Weights } from './weights.js';

export interface ForwardResult {
  /** One output vector per step. */
  outputs: Float64Array[];
  trace?: Trace;
}

/** Runs the LSTM from h0 = c0 = 0 over `steps` (each of length inputSize) and returns one output per step. */
export function forward(
  weights: Weights,
  steps: ArrayLike<number>[],
  options: { trace?: boolean } = {},
): ForwardResult {
  const p = pack(weights);
  const { H, O } = p;
  const h = new Float64Array(H);
  const c = new Float64Array(H);
  const inp = new Float64Array(4 * H);
  const outputs: Float64Array[] = [];
  const trace = options.trace ? new Trace(steps.length, H, O) : undefined;
  steps.forEach((x, t) => {
    if (x.length !== p.I) throw new RangeError(`steps[${t}]: expected ${p.I} inputs, got ${x.length}`);
    inputTerm(p, x, inp);
    cellStep(p, h, c, inp, 0, trace, t * H);
    const y = new Float64Array(O);
    denseOutput(p, h, y);
    outputs.push(y);
    if (trace) {
      trace.c.set(c, t * H);
      trace.h.set(h, t * H);
      trace.y.set(y, t * O);
    }
  });
  return trace ? { outputs, trace } : { outputs };
}
