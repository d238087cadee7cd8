// Certificates of the models proven in this tab (the Train view's), kept beside their weights object, so the proof
// panel re-checks a trained model's proof in one pass instead of proving it again.
import type { Weights } from '@lstm-adder/core';
import type { SerialCertificate } from '@lstm-adder/core/proof';

const byWeights = new WeakMap<Weights, SerialCertificate>();

export function rememberCertificate(weights: Weights, certificate: SerialCertificate | undefined): void {
  if (certificate) byWeights.set(weights, certificate);
}

export const certificateOf = (weights: Weights): SerialCertificate | null => byWeights.get(weights) ?? null;
