// The plain forward pass over any sequence of input vectors: the reference the adders' fast paths must equal.
import { cellStep, denseOutput, inputTerm } from './cell.js';
import { pack } from './packed.js';
import type { Weights } from './weights.js';

/** What one step computed: gate activations, the new states, and the output. */
export interface StepTrace {
  i: Float64Array;
  f: Float64Array;
  g: Float64Array;
  o: Float64Array;
  c: Float64Array;
  h: Float64Array;
  y: Float64Array;
}

export interface ForwardResult {
  /** One output vector per step. */
  outputs: Float64Array[];
  trace?: StepTrace[];
}

/** Runs the LSTM from h0 = c0 = 0 over `steps` (each of length inputSize) and returns one output per step. */
export function forward(
  weights: Weights,
  steps: ArrayLike<number>[],
  options: { trace?: boolean } = {},
): ForwardResult {
  const p = pack(weights);
  const G = 4 * p.H;
  const h = new Float64Array(p.H);
  const c = new Float64Array(p.H);
  const inp = new Float64Array(G);
  const outputs: Float64Array[] = [];
  const trace: StepTrace[] | undefined = options.trace ? [] : undefined;
  steps.forEach((x, t) => {
    if (x.length !== p.I) throw new RangeError(`steps[${t}]: expected ${p.I} inputs, got ${x.length}`);
    inputTerm(p, x, inp);
    const gates = trace
      ? { i: new Float64Array(p.H), f: new Float64Array(p.H), g: new Float64Array(p.H), o: new Float64Array(p.H) }
      : undefined;
    cellStep(p, h, c, inp, 0, gates);
    const y = new Float64Array(p.O);
    denseOutput(p, h, y);
    outputs.push(y);
    if (trace && gates) trace.push({ ...gates, c: c.slice(), h: h.slice(), y });
  });
  return trace ? { outputs, trace } : { outputs };
}
