// The training flags (the default command's) and how they combine with a preset into a TrainConfig. Commander only
// collects each flag's text; the text is read by the field's own schema (config/text.ts), so a flag, a
// train.config.json field and the page's settings accept the same values, and a refusal quotes the text through
// core's quote.
import { type Command, Option } from 'commander';
import { BACKENDS, type BackendChoice } from '../../backends.js';
import {
  ARCHS,
  type Arch,
  CONFIG_FIELDS,
  DEFAULTS,
  INITS,
  LOSSES,
  PRESETS,
  parseChoice,
  parseFieldText,
  presetConfig,
  type TrainConfig,
  validateConfig,
} from '../../config.js';

export interface TrainOptions {
  config: TrainConfig;
  out: string;
  report: string | null;
  json: boolean;
  backend: BackendChoice;
  allowUnverified: boolean;
  verbose: boolean;
}

/** The recipe field each flag sets (the flag also names the field in errors). */
const FLAGS = {
  hidden: '--hidden',
  epochs: '--epochs',
  batch: '--batch',
  lr: '--lr',
  loss: '--loss',
  seed: '--seed',
  init: '--init',
  holdout: '--holdout',
  trainWidths: '--train-widths',
  maxSeconds: '--max-seconds',
  weightDecay: '--weight-decay',
  initScale: '--init-scale',
  chainRows: '--chain-rows',
  longBatches: '--long-batches',
  restartSteps: '--restart-steps',
  stopMargin: '--stop-margin',
  cellPenalty: '--cell-penalty',
  stateNoise: '--state-noise',
  regressionEvery: '--regression-every',
  proof: '--proof',
} as const;
type FlagKey = keyof typeof FLAGS;
const NAMES: Record<string, string> = { arch: '--arch', preset: '--preset', ...FLAGS };
const flagOf = (path: string) => NAMES[path] ?? path;

/** The arch whose recipe has `key` (the chosen one when both do). */
const ownerOf = (key: FlagKey, arch: Arch): Arch =>
  key in CONFIG_FIELDS[arch] ? arch : arch === 'vector' ? 'serial' : 'vector';

/** A field's default per arch, as `--help` shows it: the recipes (DEFAULTS) are the one place these live. */
function defaults(key: FlagKey, archs: readonly Arch[] = ARCHS): string {
  const show = (value: unknown) =>
    key === 'longBatches' || key === 'proof'
      ? value
        ? key === 'proof'
          ? String((value as { maxCells: number }).maxCells)
          : (value as number[]).join(':')
        : 'none'
      : Array.isArray(value)
        ? value.join('-')
        : String(value);
  const recipe = (arch: Arch) => DEFAULTS[arch] as Partial<Record<FlagKey, unknown>>;
  return `default: ${archs.map((arch) => `${arch} ${show(recipe(arch)[key])}`).join(', ')}`;
}
const scheduleWords = (arch: Arch): string => {
  const { schedule, weightDecay } = DEFAULTS[arch];
  const optimizer = weightDecay > 0 ? `AdamW (decay ${weightDecay})` : 'Adam';
  const how =
    schedule.kind === 'plateau'
      ? `halved after ${schedule.patience} epochs without a new best, down to ${schedule.lrMin}`
      : schedule.kind === 'cosine'
        ? `cosine down to ${schedule.lrMin}`
        : schedule.kind === 'step'
          ? `×${schedule.factor} every ${schedule.everySteps} steps`
          : 'constant';
  return `${arch} ${DEFAULTS[arch].lr}, ${optimizer}, ${how}`;
};

/** A flag with a fixed set of words: listed in --help, but checked with the rest (commander echoes text raw). */
export const choice = (flags: string, description: string, options: readonly string[]) =>
  new Option(flags, description).choices(options).argParser((text: string) => text);

/** Adds the training flags to `command` (the program itself: training is the default command). */
export function addTrainFlags(command: Command): Command {
  return command
    .addOption(choice('--arch <arch>', 'model formulation', ARCHS).default('vector'))
    .addOption(
      choice(
        '--preset <preset>',
        'recipe: "seed" is the notebook exactly, "default" the fast exact one',
        PRESETS,
      ).default('default'),
    )
    .option('--hidden <n>', `hidden size H, 1..512 (${defaults('hidden')})`)
    .option('--epochs <n>', `epochs, ≥ 1 (${defaults('epochs')}; keep "best" recipes stop early once core verifies)`)
    .option('--batch <n>', `batch size, 1..65536 (${defaults('batch')})`)
    .option('--lr <x>', `learning rate, > 0 (default: ${ARCHS.map(scheduleWords).join('; ')})`)
    .addOption(
      choice(
        '--loss <loss>',
        `mse (identity output, the notebook) or bce (sigmoid output) (${defaults('loss')})`,
        LOSSES,
      ),
    )
    .option('--seed <n>', `seed of every random choice, 0..2^32-1 (${defaults('seed')})`)
    .addOption(
      choice(
        '--init <init>',
        'initial weights: glorot (Keras: Glorot-uniform, forget bias 1) or uniform (PyTorch: ±1/√H everywhere) ' +
          `(${defaults('init')})`,
        INITS,
      ),
    )
    .option(
      '--holdout <fraction>',
      `vector: fraction of the 16,384 pairs never trained on, 0..0.9 (${defaults('holdout', ['vector'])})`,
    )
    .option(
      '--train-widths <range>',
      `serial: operand widths drawn per batch, e.g. 1-24 (${defaults('trainWidths', ['serial'])})`,
    )
    .option('--init-scale <s>', `uniform init: weights from U(±s/√H), > 0 (${defaults('initScale')})`)
    .option(
      '--chain-rows <fraction>',
      'serial: fraction of training rows that are carry chains (b = ¬a but 1 bit in 16), 0..1 ' +
        `(${defaults('chainRows', ['serial'])})`,
    )
    .option(
      '--long-batches <every:width>',
      `serial: every n-th batch at this width, e.g. 20:32, or none (${defaults('longBatches', ['serial'])})`,
    )
    .option(
      '--restart-steps <n>',
      'serial: fresh weights after this many steps without reaching the target (a proof), 0 = never ' +
        `(${defaults('restartSteps', ['serial'])})`,
    )
    .option(
      '--stop-margin <m>',
      'serial: stop at the first verified weights whose min |y − 0.5| is at least this, 0..0.5 ' +
        `(${defaults('stopMargin', ['serial'])})`,
    )
    .option(
      '--cell-penalty <x>',
      `serial: add x × the mean |c|² to the loss, ≥ 0 (${defaults('cellPenalty', ['serial'])})`,
    )
    .option(
      '--state-noise <sd>',
      `serial: Gaussian noise on h and c at every training step, 0..1 (${defaults('stateNoise', ['serial'])})`,
    )
    .option(
      '--regression-every <n>',
      'serial: every n-th batch replays the sums the prover found wrong, 0 = never ' +
        `(${defaults('regressionEvery', ['serial'])})`,
    )
    .option(
      '--proof <cells|none>',
      'serial: train until core proves the model right for every length, each attempt within this many grid cells; ' +
        `none: stop at the sampled verification (${defaults('proof', ['serial'])})`,
    )
    .option('--weight-decay <x>', `AdamW's decoupled weight decay, ≥ 0, 0 = Adam (${defaults('weightDecay')})`)
    .option('--max-seconds <s>', `stop training after this many seconds of wall time (${defaults('maxSeconds')})`)
    .option('--out <file>', 'where to write the weights JSON (default: ./<arch>.json)')
    .option(
      '--report <file>',
      'also write an SVG of the curves (and, for vector, the 128×128 map of right and wrong pairs)',
    )
    .option(
      '--allow-unverified',
      'write the model to --out even if core does not verify it (else it goes to <out>.unverified.json, exit 3)',
      false,
    )
    .option('--json', 'one JSON object per line: per epoch, then the summary', false)
    .addOption(choice('--backend <backend>', 'TF.js backend', BACKENDS).default('auto').env('TRAIN_BACKEND'))
    .option('--verbose', 'print the stack of an unexpected error', false);
}

/** The options `command` parsed (after commander's parse). Throws a ConfigError for a bad value (exit 2). */
export function trainOptionsOf(program: Command): TrainOptions {
  const o = program.opts<Record<string, string | boolean | undefined>>();
  const text = (key: string) => o[key] as string | undefined;
  const arch = parseChoice(ARCHS, text('arch')!, '--arch');
  const preset = parseChoice(PRESETS, text('preset')!, '--preset');
  const backendSource = program.getOptionValueSource('backend');
  const backend = parseChoice(BACKENDS, text('backend')!, backendSource === 'env' ? 'TRAIN_BACKEND' : '--backend');
  const base = presetConfig(preset, arch, flagOf);
  const given: Record<string, unknown> = {};
  if (program.getOptionValueSource('arch') === 'cli') given.arch = arch;
  for (const [key, flag] of Object.entries(FLAGS) as [FlagKey, string][]) {
    const value = text(key);
    if (value !== undefined) given[key] = parseFieldText(ownerOf(key, arch), key as never, value, flag);
  }
  const config = validateConfig({ ...base, ...given }, flagOf);
  return {
    config,
    out: text('out') ?? `${config.arch}.json`,
    report: text('report') ?? null,
    json: Boolean(o.json),
    backend,
    allowUnverified: Boolean(o.allowUnverified),
    verbose: Boolean(o.verbose),
  };
}
