// TF.js's Adam (tf.train.adam: β1 0.9, β2 0.999, ε 1e-7) over one plain float32 vector, for the serial model: at
// 76 parameters TF.js spends ~18 kernel launches a step on what is a few hundred multiplications. Every operation
// is TF.js's, in its order, rounded to float32 as its kernels round (Math.fround after each one), so the weights
// are the same to the last bit (test/adam.test.ts steps both side by side on the cpu and wasm backends).
// No Node built-ins.

const f32 = Math.fround;
/** tf.train.adam's defaults; ε is a float32 backend's `epsilon()`. */
const BETA1 = 0.9,
  BETA2 = 0.999,
  EPSILON = 1e-7;

export class Adam {
  /** Read at every step, like TF.js's optimizer.learningRate. */
  learningRate: number;
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private accBeta1 = f32(BETA1);
  private accBeta2 = f32(BETA2);

  constructor(learningRate: number, size: number) {
    this.learningRate = learningRate;
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
  }

  /** One step: moves `weights` in place along `grads`. */
  step(weights: Float32Array, grads: Float32Array): void {
    const { m, v } = this;
    const b1 = f32(BETA1),
      b2 = f32(BETA2),
      c1 = f32(1 - BETA1),
      c2 = f32(1 - BETA2),
      eps = f32(EPSILON),
      minusLr = f32(-this.learningRate);
    const oneMinusAcc1 = f32(1 - this.accBeta1),
      oneMinusAcc2 = f32(1 - this.accBeta2);
    for (let k = 0; k < weights.length; k++) {
      const g = grads[k]!;
      const m1 = f32(f32(m[k]! * b1) + f32(g * c1));
      const v1 = f32(f32(v[k]! * b2) + f32(f32(g * g) * c2));
      m[k] = m1;
      v[k] = v1;
      const mHat = f32(m1 / oneMinusAcc1),
        vHat = f32(v1 / oneMinusAcc2);
      weights[k] = f32(f32(f32(mHat / f32(f32(Math.sqrt(vHat)) + eps)) * minusLr) + weights[k]!);
    }
    this.accBeta1 = f32(this.accBeta1 * b1);
    this.accBeta2 = f32(this.accBeta2 * b2);
  }
}
