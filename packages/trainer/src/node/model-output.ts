// What a trained model is written as: its weights file and, for a model with a proof, the proof's certificate beside
// it (`serial.json` → `serial.certificate.json`), which the model's meta names with its SHA-256. The certificate stays
// out of the meta, so the Worker that bundles the model does not carry it.
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { TrainedModel } from '../pipeline.js';
import { sidePath } from './atomic-write.js';

/** The files to write for `model` at `out`, the certificate first; fills in the meta's certificate reference. */
export function modelFiles(model: TrainedModel, out: string): [path: string, content: string][] {
  const proof = model.weights.meta.verification?.proof;
  const files: [string, string][] = [];
  if (model.certificate && proof) {
    const path = sidePath(out, 'certificate');
    const text = `${JSON.stringify(model.certificate)}\n`;
    proof.certificate = { file: basename(path), sha256: createHash('sha256').update(text).digest('hex') };
    files.push([path, text]);
  }
  files.push([out, `${JSON.stringify(model.weights)}\n`]);
  return files;
}
