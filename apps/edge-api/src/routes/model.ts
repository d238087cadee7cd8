// /model and /model/{name}: what each model is (architecture, size, proof, training and verification record), weights
// on request.
import { type ModelShape, modelShape, type Weights } from '@lstm-adder/core';
import { Hono } from 'hono/tiny';
import type { AppEnv } from '../env.js';
import { etagOf, notModified } from '../http/cache.js';
import { MODEL_NAMES, type Model, type ModelName, type Models } from '../models.js';
import { modelParam, modelQuery } from '../schemas.js';
import { checkOptionalQuery, validate } from '../validation.js';

/** A summary of the proof the weights' meta records (meta.verification.proof, written by `lstm-adder-train prove`):
 * read from the meta, never recomputed, so the Worker bundles no prover. The certificate itself is not bundled: only
 * its SHA-256. */
export interface ModelProof {
  proven: boolean;
  method: 'cells' | 'enumeration' | 'counterexample';
  minLogit: number | null;
  /** Cells of the certified invariant (serial). */
  cells?: number;
  /** Pairs proven (vector). */
  pairs?: number;
  /** SHA-256 of the certificate file beside the model (packages/core/models/serial.certificate.json). */
  certificate?: string;
  counterexample?: { a: string; b: string };
}

/** The summary, or undefined when the meta records no proof (weights from before the prover): the field is then left
 * out of the answer rather than guessed. Timing (`seconds`) is the prover run's, not the model's: it stays in meta. */
function proofOf(meta: Weights['meta']): ModelProof | undefined {
  const proof = meta.verification?.proof;
  if (!proof) return undefined;
  const { proven, method, minLogit, cells, pairs, certificate, counterexample } = proof;
  return {
    proven,
    method,
    minLogit,
    ...(cells !== undefined && { cells }),
    ...(pairs !== undefined && { pairs }),
    ...(certificate && { certificate: certificate.sha256 }),
    ...(counterexample && { counterexample: { a: counterexample.a, b: counterexample.b } }),
  };
}

export interface ModelInfo extends ModelShape {
  name: ModelName;
  fingerprint: string;
  /** Absent when the meta records no proof. */
  proof?: ModelProof;
  /** The weights file's `meta`: training config, verification figures, history (the Worker's vector model has no
   * held-out pair list: scripts/models.ts). */
  meta: Weights['meta'];
  weights?: Pick<Weights, 'lstm' | 'dense'>;
}

function describe(name: ModelName, { adder, fingerprint }: Model, withWeights: boolean): ModelInfo {
  const w = adder.weights;
  const proof = proofOf(w.meta);
  const info: ModelInfo = {
    name,
    ...modelShape(w),
    fingerprint,
    ...(proof && { proof }),
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
