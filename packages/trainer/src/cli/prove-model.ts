// Core's proof of a model, as `prove` and `import` run and report it: a vector model's 16,384 pairs enclosed, a
// serial model's inductive invariant searched on a worker thread (so a signal is heard while it works) and its
// certificate re-checked by core's separate checker, or a sum the model gets wrong.
import { basename } from 'node:path';
import { quote, type Weights } from '@lstm-adder/core';
import { ConfigError, decimal } from '../config.js';
import { interrupted } from '../node/signals.js';

/** What `--json` prints (and the text says in words). */
export interface ProveResult {
  proven: boolean;
  method: string;
  seconds: number;
  cells?: number;
  pairs?: number;
  minLogit: number | null;
  counterexample?: { a: string; b: string };
  failure?: string;
}

export interface Proved {
  result: ProveResult;
  /** A serial proof's certificate, checked. */
  certificate?: unknown;
}

const SECONDS = { default: 60, max: 3600 };

/** `--seconds`: the time a serial proof may take. */
export function secondsOf(text: string | undefined): number {
  if (text === undefined) return SECONDS.default;
  const value = decimal(text);
  if (typeof value !== 'number' || !(value > 0) || value > SECONDS.max)
    throw new ConfigError('--seconds', `expected a number of seconds from 0 to ${SECONDS.max}, got ${quote(text)}`);
  return value;
}

/** Proves `weights` (a serial one with `certificate`: checks that instead); null when a signal stopped it. */
export async function proveModel(
  weights: Weights,
  { seconds, certificate }: { seconds: number; certificate?: unknown },
): Promise<Proved | null> {
  const { proveVector, checkCertificate, findCounterexample } = await import('@lstm-adder/core/proof');
  if (weights.arch === 'vector') {
    const proof = proveVector(weights);
    const first = proof.wrong[0];
    return {
      result: {
        proven: proof.proven,
        method: proof.method,
        seconds: proof.seconds,
        pairs: proof.right,
        minLogit: proof.minMargin,
        ...(first ? { counterexample: { a: String(first.a), b: String(first.b) } } : {}),
        ...(proof.failure ? { failure: proof.failure } : {}),
      },
    };
  }
  if (certificate !== undefined) {
    const check = checkCertificate(weights, certificate);
    return {
      result: {
        proven: check.valid,
        method: 'certificate',
        seconds: check.seconds,
        cells: check.cells,
        minLogit: check.minLogit,
        ...(check.reason ? { failure: `the certificate is refused: ${check.reason}` } : {}),
      },
    };
  }
  const stopped = () => interrupted() !== null;
  const { createVerifyPool } = await import('../node/verify-pool.js');
  const pool = createVerifyPool(); // a worker thread: a signal is heard while it works
  try {
    const proof = await pool.prove(weights, { seconds }, stopped);
    if (!proof) return null;
    // Not proven and nothing found wrong yet: a longer look for a sum that is wrong.
    const counterexample =
      proof.counterexample ??
      (proof.proven ? null : findCounterexample(weights, { beam: 1000, depth: 320, seconds: 5 }));
    // The certificate, re-checked by core's separate checker before anyone is told it is proven.
    const check = proof.certificate ? checkCertificate(weights, proof.certificate) : null;
    const proven = proof.proven && check?.valid === true;
    return {
      result: {
        proven,
        method: proof.method === 'cells' && counterexample ? 'counterexample' : proof.method,
        seconds: proof.seconds,
        cells: proof.cells,
        minLogit: proven ? proof.minLogit : null,
        ...(counterexample ? { counterexample: { a: counterexample.a, b: counterexample.b } } : {}),
        ...(proven
          ? {}
          : { failure: check && !check.valid ? `the checker refused it: ${check.reason}` : proof.failure }),
      },
      ...(proven ? { certificate: proof.certificate } : {}),
    };
  } finally {
    await pool.close();
  }
}

/** The result in one line, naming the file. */
export function proofWords(r: ProveResult, weights: Weights, file: string): string {
  const what = `${quote(basename(file))} (${weights.arch}, H = ${weights.hiddenSize})`;
  const time = `${r.seconds.toFixed(2)} s`;
  if (r.proven) {
    const scope =
      weights.arch === 'vector' ? 'all 16,384 pairs of 0..127 right' : 'any two numbers right, of any length';
    const how = r.cells !== undefined ? `${r.cells} cells` : `${r.pairs} pairs`;
    return `proven: ${what} adds ${scope} (${how}, min logit ${r.minLogit?.toPrecision(4)}, ${time})`;
  }
  if (r.counterexample) {
    const { a, b } = r.counterexample;
    return `not proven: ${what} is wrong on ${a} + ${b}${r.failure ? ` (${r.failure})` : ''}`;
  }
  return `not proven: ${what}: ${r.failure ?? 'undecided'} (${time})`;
}
