// Serial weights of any hidden size for timing: the adder's cost depends on the sizes, not on the values.
import { ARCH_SIZES, GATES, mulberry32, WEIGHTS_FORMAT, type Weights } from '../src/index.js';

export function syntheticSerial(H: number, seed = 1): Weights {
  const next = mulberry32(seed);
  const value = () => (next() / 2 ** 32) * 2 - 1; // uniform in [−1, 1)
  const matrix = (rows: number, cols: number) =>
    Array.from({ length: rows }, () => Array.from({ length: cols }, value));
  const { inputSize: I, outputSize: O } = ARCH_SIZES.serial;
  const gate = () => ({ U: matrix(I, H), V: matrix(H, H), b: matrix(1, H)[0]! });
  return {
    format: WEIGHTS_FORMAT,
    arch: 'serial',
    inputSize: I,
    hiddenSize: H,
    outputSize: O,
    outputActivation: 'sigmoid',
    lstm: Object.fromEntries(GATES.map((g) => [g, gate()])) as Weights['lstm'],
    dense: { W: matrix(H, O), b: matrix(1, O)[0]! },
    meta: { description: `synthetic H=${H} serial weights (seed ${seed}) for timing` },
  };
}
