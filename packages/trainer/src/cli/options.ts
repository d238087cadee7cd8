// The command line: flags, their accepted values, and how they combine with a preset into a TrainConfig.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { ARCHS, BACKENDS, ConfigError, DEFAULTS, LOSSES, PRESETS, SEED_PRESET, validateConfig, type Arch, type BackendChoice, type TrainConfig } from '../config.js';

export interface CliOptions {
  config: TrainConfig;
  out: string;
  report: string | null;
  json: boolean;
  backend: BackendChoice;
  /** Names of the flags given on the command line (the rest come from the preset). */
  explicit: string[];
}

const integer = (flag: string, min: number, max = Number.MAX_SAFE_INTEGER) => (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new InvalidArgumentError(`${flag} accepts an integer from ${min} to ${max === Number.MAX_SAFE_INTEGER ? 'any size' : max}.`);
  }
  return n;
};

const positive = (flag: string) => (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${flag} accepts a positive number (e.g. 0.01).`);
  return n;
};

const fraction = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 0.9) throw new InvalidArgumentError('--holdout accepts a fraction from 0 to 0.9 (e.g. 0.1 holds out 10% of the pairs).');
  return n;
};

const widthRange = (value: string): [number, number] => {
  const m = /^(\d+)(?:(?:-|\.\.)(\d+))?$/.exec(value.trim());
  const lo = m ? Number(m[1]) : NaN, hi = m ? Number(m[2] ?? m[1]) : NaN;
  if (!m || lo < 1 || hi > 4096 || lo > hi) throw new InvalidArgumentError('--train-widths accepts a width or a range of operand widths in bits, from 1 to 4096, e.g. 16 or 1-24.');
  return [lo, hi];
};

export function buildProgram(): Command {
  return new Command('lstm-adder-train')
    .description('Train an LSTM adder with TensorFlow.js, verify it with @lstm-adder/core, and write it as lstm-adder.weights/v1 JSON.')
    .addOption(new Option('--arch <arch>', 'model formulation').choices(ARCHS).default('vector'))
    .addOption(new Option('--preset <preset>', 'recipe: "seed" is the notebook exactly, "default" the fast exact one').choices(PRESETS).default('default'))
    .option('--hidden <n>', 'hidden size H', integer('--hidden', 1, 512))
    .option('--epochs <n>', 'maximum epochs', integer('--epochs', 1))
    .option('--batch <n>', 'batch size', integer('--batch', 1, 65_536))
    .option('--lr <x>', 'Adam learning rate', positive('--lr'))
    .addOption(new Option('--loss <loss>', 'mse (identity output, the notebook) or bce (sigmoid output)').choices(LOSSES))
    .option('--seed <n>', 'seed of every random choice', integer('--seed', 0, 2 ** 32 - 1))
    .option('--holdout <fraction>', 'vector: fraction of the 16,384 pairs never trained on', fraction)
    .option('--train-widths <range>', 'serial: operand widths drawn per batch, e.g. 1-24', widthRange)
    .option('--max-seconds <s>', 'stop training after this many seconds', positive('--max-seconds'))
    .option('--out <file>', 'where to write the weights JSON (default: ./<arch>.json)')
    .option('--report <file>', 'also write an SVG of the curves (and, for vector, the 128×128 map of right and wrong pairs)')
    .option('--json', 'one JSON object per line: per epoch, then the summary', false)
    .addOption(new Option('--backend <backend>', 'TF.js backend').choices(BACKENDS).default('auto').env('TRAIN_BACKEND'))
    .showHelpAfterError('(run lstm-adder-train --help for every flag)')
    .exitOverride()
    .allowExcessArguments(false);
}

const FLAG_KEYS: Record<string, keyof TrainConfig> = {
  hidden: 'hidden', epochs: 'epochs', batch: 'batch', lr: 'lr', loss: 'loss', seed: 'seed',
  holdout: 'holdout', trainWidths: 'trainWidths', maxSeconds: 'maxSeconds',
};

/** Parses argv (without node and script). Throws CommanderError/ConfigError for bad input (exit code 2). */
export function parseCli(argv: string[], program = buildProgram()): CliOptions {
  program.parse(argv, { from: 'user' });
  const o = program.opts();
  const explicit = Object.keys(o).filter((k) => program.getOptionValueSource(k) === 'cli' || program.getOptionValueSource(k) === 'env');
  if (o.preset === 'seed' && explicit.includes('arch') && o.arch !== 'vector') {
    throw new ConfigError('--preset', `--preset seed is the notebook's vector recipe; it cannot be combined with --arch ${o.arch}`);
  }
  const base: TrainConfig = o.preset === 'seed' ? structuredClone(SEED_PRESET) : structuredClone(DEFAULTS[o.arch as Arch]);
  const config = base as unknown as Record<string, unknown>;
  for (const [flag, key] of Object.entries(FLAG_KEYS)) if (o[flag] !== undefined) config[key] = o[flag];
  validateConfig(base);
  return {
    config: base,
    out: (o.out as string | undefined) ?? `${base.arch}.json`,
    report: (o.report as string | undefined) ?? null,
    json: Boolean(o.json),
    backend: o.backend as BackendChoice,
    explicit,
  };
}

export { CommanderError, ConfigError };
