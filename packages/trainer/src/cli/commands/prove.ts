// `lstm-adder-train prove FILE`: core's proof that a model adds right for every input it can be given (a serial
// model: two numbers of any length), or a sum it gets wrong. A serial proof's certificate is then re-checked in one
// pass by core's separate checker, and with --certificate a given certificate is checked instead of searching.
import type { Command } from 'commander';
import { ConfigError } from '../../config.js';
import { writeFileAtomic } from '../../node/atomic-write.js';
import { readJsonFile, readModelFile } from '../../node/model-file.js';
import { interrupted, statusOf } from '../../node/signals.js';
import { type Done, reportError } from '../exit.js';
import { proofWords, proveModel, secondsOf } from '../prove-model.js';

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

async function prove(file: string, flags: ProveFlags): Promise<number> {
  const seconds = secondsOf(flags.seconds);
  const weights = await readModelFile(file, 'FILE');
  const certificate =
    flags.certificate === undefined ? undefined : await readJsonFile(flags.certificate, '--certificate');
  if (weights.arch === 'vector' && (certificate !== undefined || flags.out !== undefined))
    throw new ConfigError(flags.out !== undefined ? '--out' : '--certificate', 'a vector model has no certificate');
  const proved = await proveModel(weights, { seconds, certificate });
  if (!proved || interrupted()) return statusOf(interrupted()!);
  const { result } = proved;
  if (proved.certificate !== undefined && flags.out !== undefined)
    await writeFileAtomic(flags.out, `${JSON.stringify(proved.certificate)}\n`);
  result.seconds = Number(result.seconds.toFixed(3));
  process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${proofWords(result, weights, file)}\n`);
  return result.proven ? 0 : 1;
}
