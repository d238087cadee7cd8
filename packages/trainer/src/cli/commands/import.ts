// `lstm-adder-train import FILE.safetensors --out weights.json`: a PyTorch model (the notebook's cell, or
// nn.LSTM + nn.Linear) as a weights file, and what core finds about it: a vector model's right pairs out of all
// 16,384 and its proof, a serial model's proof or a sum it gets wrong. An inexact model is imported all the same
// (exit 0): finding out what it gets wrong is the point. Only the shipped models' folder takes proven models alone.
import { realpath } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, resolve } from 'node:path';
import {
  createAdder,
  evaluateAllPairs,
  type ImportedModel,
  OUTPUT_ACTIVATIONS,
  quote,
  SafetensorsError,
  WeightsError,
  weightsFromSafetensors,
} from '@lstm-adder/core';
import type { Command } from 'commander';
import { ConfigError, parseChoice } from '../../config.js';
import { WriteCancelled, writeFilesAtomic } from '../../node/atomic-write.js';
import { readBytes } from '../../node/model-file.js';
import { checkOutputPath, OutputPathError } from '../../node/output-paths.js';
import { interrupted, statusOf } from '../../node/signals.js';
import { type Done, reportError } from '../exit.js';
import { type ProveResult, proofWords, proveModel, secondsOf } from '../prove-model.js';
import { choice } from './train-flags.js';

const HELP = `
Exit status: 0 imported, whatever core finds (an inexact model is imported and reported), 1 unexpected error,
2 bad file or flag (nothing written), 130 Ctrl-C or 143 SIGTERM (nothing written).

The layout is found from the tensor names: the notebook's cell (U_i, V_i, b_i, …, output_layer.*) or one
torch.nn.LSTM and one torch.nn.Linear under any names (<lstm>.weight_ih_l0, …, <linear>.weight). The arch
follows from the sizes: 8 → H → 8 is vector, 2 → H → 1 serial. The notebook's outputs are raw (identity); an
nn.Linear's output is read as a logit (sigmoid) unless --output says otherwise. A file in core's models folder
(the shipped models) is replaced only by a proven model.
`;

interface ImportFlags {
  out: string;
  output?: string;
  seconds?: string;
  json: boolean;
  verbose: boolean;
}

/** The wrong pairs listed (all are counted). */
const LISTED = 20;

export function registerImport(program: Command, done: Done): void {
  program
    .command('import')
    .description("import a PyTorch model's safetensors file as a weights file, and report what core finds about it")
    .argument('<file>', 'a .safetensors file: the notebook layout, or nn.LSTM + nn.Linear')
    .requiredOption('--out <file>', 'where to write the weights JSON')
    .addOption(choice('--output <activation>', 'the output activation, where the file cannot say', OUTPUT_ACTIVATIONS))
    .option('--seconds <s>', "serial: give up the proof's search after this many seconds (default 60)")
    .option('--json', 'print the result as one JSON object', false)
    .option('--verbose', 'print the stack of an unexpected error', false)
    .addHelpText('after', HELP)
    .action(async (file: string, flags: ImportFlags) => {
      done(await importModel(file, flags).catch((error: unknown) => reportError(error, flags.verbose)));
    });
}

/** The folder of the shipped models (@lstm-adder/core's models/), as a real path. */
async function shippedModels(): Promise<string | null> {
  const core = createRequire(import.meta.url).resolve('@lstm-adder/core/package.json');
  return realpath(resolve(dirname(core), 'models')).catch(() => null);
}

/** Whether `path` would be written into `folder` (symbolic links followed). */
async function isIn(path: string, folder: string | null): Promise<boolean> {
  if (!folder) return false;
  const dir = await realpath(dirname(resolve(path))).catch(() => null);
  return dir === folder;
}

/** The imported file's weights; every refusal of core's is one line naming the file (exit 2). */
function readModel(bytes: Uint8Array, file: string, output: ImportFlags['output']): ImportedModel {
  try {
    return weightsFromSafetensors(bytes, output === undefined ? {} : { output: output as 'identity' | 'sigmoid' });
  } catch (error) {
    if (error instanceof SafetensorsError || error instanceof WeightsError)
      throw new ConfigError('FILE', `${quote(file)}: ${error.message}`);
    throw error;
  }
}

async function importModel(file: string, flags: ImportFlags): Promise<number> {
  const output = flags.output === undefined ? undefined : parseChoice(OUTPUT_ACTIVATIONS, flags.output, '--output');
  const seconds = secondsOf(flags.seconds);
  await checkOutputPath('--out', flags.out);
  const imported = readModel(await readBytes(file, 'FILE'), file, output);
  const { weights } = imported;
  const pairs = weights.arch === 'vector' ? evaluateAllPairs(createAdder(weights)) : null;
  const proved = await proveModel(weights, { seconds });
  if (!proved || interrupted()) return statusOf(interrupted()!);
  const proof = proved.result;
  proof.seconds = Number(proof.seconds.toFixed(3));
  if (!proof.proven && (await isIn(flags.out, await shippedModels())))
    throw new OutputPathError(
      `--out ${quote(flags.out)}: the shipped models are replaced only by proven ones, and this one is not proven`,
    );
  // A signal before the rename leaves --out as it was.
  const cancelled = () => interrupted() !== null;
  await writeFilesAtomic([[flags.out, `${JSON.stringify(weights)}\n`]], cancelled).catch((error: unknown) => {
    if (!(error instanceof WriteCancelled)) throw error;
  });
  if (cancelled()) return statusOf(interrupted()!);
  const summary = {
    file,
    out: flags.out,
    layout: imported.layout,
    dtypes: imported.dtypes,
    arch: weights.arch,
    hiddenSize: weights.hiddenSize,
    outputActivation: weights.outputActivation,
    outputFrom: imported.outputFrom,
    ...(pairs
      ? {
          pairs: {
            total: pairs.total,
            right: pairs.correct,
            wrong: pairs.wrong.slice(0, LISTED).map(({ a, b, got }) => ({ a, b, got })),
          },
        }
      : {}),
    proof,
  };
  process.stdout.write(flags.json ? `${JSON.stringify(summary)}\n` : `${words(summary, imported, proof)}\n`);
  return 0;
}

const count = (n: number) => n.toLocaleString('en-US');
const FROM = { option: '--output', metadata: "the file's metadata", layout: "the layout's" } as const;

function words(
  s: { file: string; out: string; pairs?: { total: number; right: number; wrong: { a: number; b: number }[] } },
  { layout, dtypes, weights, outputFrom }: ImportedModel,
  proof: ProveResult,
): string {
  const lines = [
    `imported ${quote(basename(s.file))}: ${layout} layout, ${dtypes.join(' and ')}, ${weights.arch}, ` +
      `H = ${weights.hiddenSize}, output ${weights.outputActivation} (${FROM[outputFrom]})`,
  ];
  if (s.pairs) {
    const { total, right, wrong } = s.pairs;
    const shown = wrong.slice(0, 5).map(({ a, b }) => `${a} + ${b}`);
    const more = total - right > shown.length ? ', …' : '';
    lines.push(
      `${count(right)} of ${count(total)} pairs right (${((100 * right) / total).toFixed(2)}%)` +
        (shown.length ? `; wrong: ${shown.join(', ')}${more}` : ''),
    );
  }
  lines.push(proofWords(proof, weights, s.out), `wrote ${quote(s.out)}`);
  return lines.join('\n');
}
