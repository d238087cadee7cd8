// `lstm-adder-train prove FILE`: core's proof that a model adds right for every input it can be given (a serial
// model: two numbers of any length), or a sum it gets wrong. A serial proof's certificate is then re-checked in one
// pass by core's separate checker, and with --certificate a given certificate is checked instead of searching.
import { basename } from 'node:path';
import { quote, type Weights } from '@lstm-adder/core';
import type { Command } from 'commander';
import { ConfigError, decimal } from '../../config.js';
import { writeFileAtomic } from '../../node/atomic-write.js';
import { readJsonFile, readModelFile } from '../../node/model-file.js';
import { interrupted, statusOf } from '../../node/signals.js';
import { type Done, reportError } from '../exit.js';

const HELP = `
Exit status: 0 proven, 1 not proven (the sum printed when one was found wrong), 2 bad file or flag,
130 Ctrl-C or 143 SIGTERM.

A serial proof shows that the model's states, from the zero state on, stay in grid cells where every output is
read right: an inductive invariant, so it holds for sums of every length. It assumes Math.exp is within 2^-44
relative error of e^x (V8's is within 1 ulp); every other rounding is accounted for. A vector model's 16,384
pairs are each proven right, on any engine that meets the same assumption.
`;

interface ProveFlags {
  json: boolean;
  seconds?: string;
  certificate?: string;
  out?: string;
  verbose: boolean;
}

/** What `--json` prints (and the text says in words). */
interface ProveResult {
  proven: boolean;
  method: string;
  seconds: number;
  cells?: number;
  pairs?: number;
  minLogit: number | null;
  counterexample?: { a: string; b: string };
  failure?: string;
}

export function registerProve(program: Command, done: Done): void {
  program
    .command('prove')
    .description('prove that a model adds right for every input (serial: every length), or find a sum it gets wrong')
    .argument('<file>', 'a weights file (lstm-adder.weights/v1 JSON)')
    .option('--json', 'print the result as one JSON object', false)
    .option('--seconds <s>', 'give up after this many seconds (default 60)')
    .option('--certificate <file>', 'serial: check this certificate in one pass instead of searching for a proof')
    .option('--out <file>', "serial: write the proof's certificate to this file")
    .option('--verbose', 'print the stack of an unexpected error', false)
    .addHelpText('after', HELP)
    .action(async (file: string, flags: ProveFlags) => {
      done(await prove(file, flags).catch((error: unknown) => reportError(error, flags.verbose)));
    });
}

const SECONDS = { default: 60, max: 3600 };

function secondsOf(text: string | undefined): number {
  if (text === undefined) return SECONDS.default;
  const value = decimal(text);
  if (typeof value !== 'number' || !(value > 0) || value > SECONDS.max)
    throw new ConfigError('--seconds', `expected a number of seconds from 0 to ${SECONDS.max}, got ${quote(text)}`);
  return value;
}

async function prove(file: string, flags: ProveFlags): Promise<number> {
  const seconds = secondsOf(flags.seconds);
  const weights = await readModelFile(file, 'FILE');
  const certificate =
    flags.certificate === undefined ? undefined : await readJsonFile(flags.certificate, '--certificate');
  if (weights.arch === 'vector' && (certificate !== undefined || flags.out !== undefined))
    throw new ConfigError(flags.out !== undefined ? '--out' : '--certificate', 'a vector model has no certificate');
  const { proveVector, checkCertificate, findCounterexample } = await import('@lstm-adder/core/proof');
  let result: ProveResult;
  if (weights.arch === 'vector') {
    const proof = proveVector(weights);
    const first = proof.wrong[0];
    result = {
      proven: proof.proven,
      method: proof.method,
      seconds: proof.seconds,
      pairs: proof.right,
      minLogit: proof.minMargin,
      ...(first ? { counterexample: { a: String(first.a), b: String(first.b) } } : {}),
      ...(proof.failure ? { failure: proof.failure } : {}),
    };
  } else if (certificate !== undefined) {
    const check = checkCertificate(weights, certificate);
    result = {
      proven: check.valid,
      method: 'certificate',
      seconds: check.seconds,
      cells: check.cells,
      minLogit: check.minLogit,
      ...(check.reason ? { failure: `the certificate is refused: ${check.reason}` } : {}),
    };
  } else {
    const stopped = () => interrupted() !== null;
    const { createVerifyPool } = await import('../../node/verify-pool.js');
    const pool = createVerifyPool(); // a worker thread: a signal is heard while it works
    try {
      const proof = await pool.prove(weights, { seconds }, stopped);
      if (!proof) return statusOf(interrupted()!);
      // Not proven and nothing found wrong yet: a longer look for a sum that is wrong.
      const counterexample =
        proof.counterexample ??
        (proof.proven ? null : findCounterexample(weights, { beam: 1000, depth: 320, seconds: 5 }));
      // The certificate, re-checked by core's separate checker before anyone is told it is proven.
      const check = proof.certificate ? checkCertificate(weights, proof.certificate) : null;
      const proven = proof.proven && check?.valid === true;
      result = {
        proven,
        method: proof.method === 'cells' && counterexample ? 'counterexample' : proof.method,
        seconds: proof.seconds,
        cells: proof.cells,
        minLogit: proven ? proof.minLogit : null,
        ...(counterexample ? { counterexample: { a: counterexample.a, b: counterexample.b } } : {}),
        ...(proven
          ? {}
          : { failure: check && !check.valid ? `the checker refused it: ${check.reason}` : proof.failure }),
      };
      if (proven && flags.out !== undefined) await writeFileAtomic(flags.out, `${JSON.stringify(proof.certificate)}\n`);
    } finally {
      await pool.close();
    }
  }
  if (interrupted()) return statusOf(interrupted()!);
  result.seconds = Number(result.seconds.toFixed(3));
  process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${words(result, weights, file)}\n`);
  return result.proven ? 0 : 1;
}

function words(r: ProveResult, weights: Weights, file: string): string {
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
