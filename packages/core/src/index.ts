// @lstm-adder/core: the model math every other part of lstm-adder shares.
export { WEIGHTS_FORMAT, ARCHS, ARCH_SIZES, GATES, OUTPUT_ACTIVATIONS, WeightsError, parseWeights, parameterCount } from './weights.js';
export type { Arch, Gate, GateParams, OutputActivation, Weights } from './weights.js';
export { VECTOR_BITS, bitLength, encodeSerial, encodeVector, fromBits, serialStepCount, toBits } from './bits.js';
export { parseOperand } from './operand.js';
export type { Operand } from './operand.js';
export { forward } from './forward.js';
export type { ForwardResult, StepTrace } from './forward.js';
export { createAdder } from './adder.js';
export type { Adder, AddResult } from './adder.js';
export { VECTOR_MAX_OPERAND } from './vector-adder.js';
export { evaluateAllPairs, evaluateSerial } from './evaluate.js';
export type { PairsEvaluation, SerialEvaluation, SerialEvaluationOptions } from './evaluate.js';
export { mulberry32, randomBigInt } from './random.js';
export { weightsFingerprint } from './fingerprint.js';
