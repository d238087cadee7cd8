// @lstm-adder/core: the model math every other part of lstm-adder shares.
export { ARCHS, ARCH_SIZES, GATES, OUTPUT_ACTIVATIONS } from './arch.js';
export type { Arch, Gate, OutputActivation } from './arch.js';
export { WEIGHTS_FORMAT, WeightsError, parseWeights, parameterCount, modelShape } from './weights.js';
export type { GateParams, ModelShape, Weights } from './weights.js';
export { ModelMetaSchema } from './meta.js';
export { META_LIMITS } from './meta-bounds.js';
export type { EpochRecord, ModelMeta, ProofMeta } from './meta.js';
export { formatIssuePath } from './issues.js';
export { OPERAND_MAX_DIGITS, operandFault } from './operand.js';
export type { OperandFault } from './operand.js';
export {
  VECTOR_BITS,
  VECTOR_MAX_OPERAND,
  VECTOR_OPERANDS,
  VECTOR_PAIRS,
  bitLength,
  encodeSerial,
  encodeVector,
  fromBits,
  serialStepCount,
  toBits,
} from './bits.js';
export { parseOperand } from './operand.js';
export type { Operand } from './operand.js';
export { sigmoid, tanh } from './cell.js';
export { forward } from './forward.js';
export type { ForwardResult } from './forward.js';
export { Trace } from './trace.js';
export type { StepTrace } from './trace.js';
export { TRACE_MAX_DIGITS } from './adder-types.js';
export type { AddAnswerJson, AddOptions, Adder, AddResult, AddResultJson, TraceStepJson } from './adder-types.js';
export { createAdder } from './adder.js';
export { formatAnswer, formatResult } from './result.js';
export { defaultArch, fitsVector } from './default-arch.js';
export { QUOTE_MAX, quote, shorten } from './quote.js';
export { evaluateAllPairs, evaluateSerial } from './evaluate.js';
export type { PairsEvaluation, SerialEvaluation, SerialEvaluationOptions } from './evaluate.js';
export { mulberry32, randomBigInt } from './random.js';
export { weightsFingerprint } from './fingerprint.js';
export {
  SAFETENSORS_DTYPES,
  SAFETENSORS_MAX_HEADER_BYTES,
  SafetensorsError,
  readSafetensors,
  writeSafetensors,
} from './safetensors.js';
export type { SafetensorsDtype, SafetensorsFile, TensorInfo, TensorToWrite } from './safetensors.js';
export { LAYOUTS, SAFETENSORS_METADATA, weightsFromSafetensors, weightsToSafetensors } from './layouts.js';
export type { ExportOptions, ImportedModel, ImportOptions, Layout } from './layouts.js';
