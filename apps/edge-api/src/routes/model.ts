// /model and /model/{name}: what each model is (architecture, size, training and verification record), weights on
// request.
import { parameterCount, type Weights } from '@lstm-adder/core';
import { Hono } from 'hono/tiny';
import type { AppEnv } from '../env.js';
import { etagOf, notModified } from '../http/cache.js';
import { MODEL_NAMES, type Model, type ModelName, type Models } from '../models.js';
import { modelParam, modelQuery } from '../schemas.js';
import { checkOptionalQuery, validate } from '../validation.js';

export interface ModelInfo {
  name: ModelName;
  arch: Weights['arch'];
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  outputActivation: Weights['outputActivation'];
  parameters: number;
  fingerprint: string;
  /** The weights file's `meta`: training config, verification figures, history (the Worker's vector model has no
   * held-out pair list: scripts/models.ts). */
  meta: Weights['meta'];
  weights?: Pick<Weights, 'lstm' | 'dense'>;
}

function describe(name: ModelName, { adder, fingerprint }: Model, withWeights: boolean): ModelInfo {
  const w = adder.weights;
  const info: ModelInfo = {
    name,
    arch: w.arch,
    inputSize: w.inputSize,
    hiddenSize: w.hiddenSize,
    outputSize: w.outputSize,
    outputActivation: w.outputActivation,
    parameters: parameterCount(w),
    fingerprint,
    meta: w.meta,
  };
  if (withWeights) info.weights = { lstm: w.lstm, dense: w.dense };
  return info;
}

const wantsWeights = (flag: string | undefined) => flag === '1' || flag === 'true';

export const modelRoutes = (models: Models) => {
  const checkQuery = checkOptionalQuery(modelQuery);
  return new Hono<AppEnv>()
    .get('/model', checkQuery, (c) => {
      const cached = notModified(c, etagOf(...MODEL_NAMES.map((name) => models[name].fingerprint)));
      if (cached) return cached;
      const withWeights = wantsWeights(c.req.query('weights'));
      return c.json(
        {
          models: {
            vector: describe('vector', models.vector, withWeights),
            serial: describe('serial', models.serial, withWeights),
          },
        },
        200,
      );
    })
    .get('/model/:name', validate('param', modelParam), checkQuery, (c) => {
      const { name } = c.req.valid('param');
      const cached = notModified(c, etagOf(models[name].fingerprint));
      if (cached) return cached;
      return c.json(describe(name, models[name], wantsWeights(c.req.query('weights'))), 200);
    });
};
