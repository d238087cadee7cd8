// The weights of a `GET /model/:name?weights=1` answer, as core's Weights. Only the workers import this
// (with core's validation), so the page's first load carries no weights parser.
import { parseWeights, WEIGHTS_FORMAT, type Weights } from '@lstm-adder/core';
import type { ModelInfo } from '../api';

export function weightsOf(info: ModelInfo): Weights {
  const { arch, inputSize, hiddenSize, outputSize, outputActivation, meta, weights } = info;
  return parseWeights({
    format: WEIGHTS_FORMAT,
    arch,
    inputSize,
    hiddenSize,
    outputSize,
    outputActivation,
    ...weights,
    meta,
  });
}
