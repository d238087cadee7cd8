// A stable short hash of a model, for ETags and for telling models apart in reports.
import type { Weights } from './weights.js';

/** 64-bit FNV-1a style hash (two 32-bit lanes) of the weights' JSON, as 16 hex digits. */
export function weightsFingerprint(w: Weights): string {
  const text = JSON.stringify(w);
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x9e3779b9;
  for (let k = 0; k < text.length; k++) {
    const ch = text.charCodeAt(k);
    h1 = Math.imul(h1 ^ ch, 0x01000193);
    h2 = Math.imul(h2 ^ ch, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}
