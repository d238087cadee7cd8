// @lstm-adder/core/proof: proofs that a model adds right, for every input it can be given. A subpath of its own, so
// the Worker's bundle (which serves answers) does not carry the prover.
export { EVAL_ERROR } from './affine.js';
export {
  CERTIFICATE_FORMAT,
  cellBox,
  cellOfState,
  certifiedCells,
  PROOF_ASSUMPTION,
  parametersFingerprint,
  SerialCertificateSchema,
} from './certificate.js';
export type { SerialCertificate } from './certificate.js';
export { checkCertificate } from './check-certificate.js';
export type { CertificateCheck } from './check-certificate.js';
export { confirmCounterexample, findCounterexample } from './falsify.js';
export type { Counterexample, FalsifyOptions } from './falsify.js';
export type { GridSpec } from './grid.js';
export { DEFAULT_GRID, proveSerial } from './prove-serial.js';
export type { ProofProgress, ProveSerialOptions, SerialProof } from './prove-serial.js';
export type { ProofEdge } from './serial-setup.js';
export { type PrincipalAxes, principalAxes } from './principal-axes.js';
export { proveVector } from './prove-vector.js';
export type { VectorProof } from './prove-vector.js';
