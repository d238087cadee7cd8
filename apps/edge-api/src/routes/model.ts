// /model: what each model is (architecture, size, training and verification record), weights on request.
import { parameterCount, type Weights } from '@lstm-adder/core';
import { Hono } from 'hono/tiny';
import * as v from 'valibot';
import type { AppEnv } from '../env.js';
import { etagOf, notModified } from '../http/cache.js';
import type { Model, ModelName, Models } from '../models.js';
import { checkOptionalQuery } from '../validation/hook.js';

export interface ModelInfo {
  name: ModelName;
  arch: Weights['arch'];
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  outputActivation: Weights['outputActivation'];
  parameters: number;
  fingerprint: string;
  /** The weights file's `meta`, verbatim: training config, verification figures, history. */
  meta: Record<string, unknown>;
  weights?: Pick<Weights, 'lstm' | 'dense'>;
}

const modelQuery = v.strictObject({ weights: v.optional(v.picklist(['1', '0', 'true', 'false'])) });

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
  const validate = checkOptionalQuery(modelQuery, 'model');
  return new Hono<AppEnv>()
    .get('/model', validate, (c) => {
      const cached = notModified(c, etagOf(models.vector.fingerprint, models.serial.fingerprint));
      if (cached) return cached;
      const withWeights = wantsWeights(c.req.query('weights'));
      return c.json({ models: { vector: describe('vector', models.vector, withWeights), serial: describe('serial', models.serial, withWeights) } }, 200);
    })
    .get('/model/vector', validate, (c) => {
      const cached = notModified(c, etagOf(models.vector.fingerprint));
      if (cached) return cached;
      return c.json(describe('vector', models.vector, wantsWeights(c.req.query('weights'))), 200);
    })
    .get('/model/serial', validate, (c) => {
      const cached = notModified(c, etagOf(models.serial.fingerprint));
      if (cached) return cached;
      return c.json(describe('serial', models.serial, wantsWeights(c.req.query('weights'))), 200);
    });
};
