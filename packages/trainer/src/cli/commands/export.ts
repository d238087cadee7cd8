// `lstm-adder-train export weights.json --out FILE.safetensors`: a weights file as a PyTorch state dict, in
// torch.nn.LSTM + nn.Linear's layout (keys lstm.* and linear.*) or the notebook's cell's, F64 by default so that
// `import` reads it back bit for bit.
import { basename } from 'node:path';
import { LAYOUTS, quote, SafetensorsError, weightsToSafetensors } from '@lstm-adder/core';
import type { Command } from 'commander';
import { ConfigError, parseChoice } from '../../config.js';
import { writeFileAtomic } from '../../node/atomic-write.js';
import { readModelFile } from '../../node/model-file.js';
import { checkOutputPath } from '../../node/output-paths.js';
import { type Done, reportError } from '../exit.js';
import { choice } from './train-flags.js';

const HELP = `
Exit status: 0 written, 1 unexpected error, 2 bad file or flag (nothing written).

torch: lstm.weight_ih_l0 [4H, in] (row blocks i, f, g, o), lstm.weight_hh_l0 [4H, H], lstm.bias_ih_l0 [4H],
lstm.bias_hh_l0 [4H] (zeros), linear.weight [out, H], linear.bias [out]: a module with
lstm = nn.LSTM(in, H, batch_first=True) and linear = nn.Linear(H, out) loads it with strict=True.
notebook: U_i, V_i, b_i, …, U_o, V_o, b_o and output_layer.weight, output_layer.bias, for the notebook's class; it
reads raw outputs (a bit is 1 above 0.5), so a sigmoid model's output bias is written + 0.5 (the same bits).
The metadata records the arch, the output activation and the meta, so import reads the file back exactly.
`;

const DTYPES = ['f64', 'f32'] as const;

interface ExportFlags {
  out: string;
  layout: string;
  dtype: string;
  verbose: boolean;
}

export function registerExport(program: Command, done: Done): void {
  program
    .command('export')
    .description('export a weights file as a PyTorch safetensors file (nn.LSTM + nn.Linear, or the notebook layout)')
    .argument('<file>', 'a weights file (lstm-adder.weights/v1 JSON)')
    .requiredOption('--out <file>', 'where to write the .safetensors file')
    .addOption(choice('--layout <layout>', 'torch (nn.LSTM + nn.Linear) or notebook', LAYOUTS).default('torch'))
    .addOption(choice('--dtype <dtype>', 'f64 (a round trip is bit for bit) or f32', DTYPES).default('f64'))
    .option('--verbose', 'print the stack of an unexpected error', false)
    .addHelpText('after', HELP)
    .action(async (file: string, flags: ExportFlags) => {
      done(await exportModel(file, flags).catch((error: unknown) => reportError(error, flags.verbose)));
    });
}

async function exportModel(file: string, flags: ExportFlags): Promise<number> {
  const layout = parseChoice(LAYOUTS, flags.layout, '--layout');
  const dtype = parseChoice(DTYPES, flags.dtype, '--dtype');
  await checkOutputPath('--out', flags.out);
  const weights = await readModelFile(file, 'FILE');
  let bytes: Uint8Array;
  try {
    bytes = weightsToSafetensors(weights, { layout, dtype: dtype === 'f64' ? 'F64' : 'F32' });
  } catch (error) {
    // A weight beyond float32's range cannot be written as F32.
    if (error instanceof SafetensorsError) throw new ConfigError('--dtype', error.message);
    throw error;
  }
  await writeFileAtomic(flags.out, bytes);
  const shift =
    layout === 'notebook' && weights.outputActivation === 'sigmoid'
      ? '; the output bias + 0.5, as the notebook reads raw outputs'
      : '';
  process.stdout.write(
    `wrote ${quote(flags.out)}: ${quote(basename(file))} (${weights.arch}, H = ${weights.hiddenSize}) in the ` +
      `${layout} layout as ${dtype.toUpperCase()}, ${bytes.length} bytes${shift}\n`,
  );
  return 0;
}
