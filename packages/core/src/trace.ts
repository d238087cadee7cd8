// A trace held in seven flat typed arrays, not seven typed arrays a step: a step costs 8·(6H + O) bytes (152 at H = 3,
// so 10^5 decimal digits, 332,194 serial steps, take 50 MB) and no object, however long the sum.

/** One step of a trace: the gate activations, the new states and the output, as views into the trace (no copy). */
export interface StepTrace {
  i: Float64Array;
  f: Float64Array;
  g: Float64Array;
  o: Float64Array;
  c: Float64Array;
  h: Float64Array;
  y: Float64Array;
}

/**
 * Every step's gates `i f g o`, states `c h` and output `y`. Step t's value for hidden unit u is at `[t·H + u]` of
 * `i f g o c h`, its output k at `[t·O + k]` of `y`. `length` is the number of steps; `step(t)` and iteration give
 * steps as StepTrace views, so `for (const step of trace)`, `[...trace]` and `Array.from(trace, (s) => s.c)` work.
 */
export class Trace implements Iterable<StepTrace> {
  readonly i: Float64Array;
  readonly f: Float64Array;
  readonly g: Float64Array;
  readonly o: Float64Array;
  readonly c: Float64Array;
  readonly h: Float64Array;
  readonly y: Float64Array;

  /** Zero-filled room for `length` steps; throws RangeError when the arrays cannot be allocated. */
  constructor(
    readonly length: number,
    readonly hiddenSize: number,
    readonly outputSize: number,
  ) {
    const units = length * hiddenSize;
    this.i = new Float64Array(units);
    this.f = new Float64Array(units);
    this.g = new Float64Array(units);
    this.o = new Float64Array(units);
    this.c = new Float64Array(units);
    this.h = new Float64Array(units);
    this.y = new Float64Array(length * outputSize);
  }

  /** Step t (0-based) as views into the trace's arrays. */
  step(t: number): StepTrace {
    if (!Number.isInteger(t) || t < 0 || t >= this.length) {
      throw new RangeError(`step must be an integer from 0 to ${this.length - 1}, got ${t}`);
    }
    const H = this.hiddenSize;
    const O = this.outputSize;
    const unit = (channel: Float64Array) => channel.subarray(t * H, (t + 1) * H);
    return {
      i: unit(this.i),
      f: unit(this.f),
      g: unit(this.g),
      o: unit(this.o),
      c: unit(this.c),
      h: unit(this.h),
      y: this.y.subarray(t * O, (t + 1) * O),
    };
  }

  *[Symbol.iterator](): Iterator<StepTrace> {
    for (let t = 0; t < this.length; t++) yield this.step(t);
  }

  /** Bytes the trace's arrays hold. */
  get byteLength(): number {
    return 8 * (6 * this.length * this.hiddenSize + this.length * this.outputSize);
  }
}
