// Your vector model in the shape of the API's model description, so the map of every pair (model/errormap.ts) runs
// on it exactly as on the API's model: same worker, same checks.
import { modelShape, weightsFingerprint } from '@lstm-adder/core';
import type { ModelInfo } from '../api';
import type { YoursMap } from '../model/model-view';
import { describeYours, type YourModel } from './your-model';

const described = new WeakMap<YourModel['weights'], ModelInfo>();

export function yoursMapOf(model: YourModel): YoursMap {
  const w = model.weights;
  let info = described.get(w);
  if (!info) {
    info = {
      name: w.arch,
      ...modelShape(w),
      fingerprint: weightsFingerprint(w),
      meta: w.meta as ModelInfo['meta'],
      weights: { lstm: w.lstm, dense: w.dense },
    };
    described.set(w, info);
  }
  return { info, from: describeYours(model) };
}
