// The command line: flags, their accepted values, and how they combine with a preset into a TrainConfig.
// Each flag's value is checked by the same schema as the matching train.config.json field (config.ts).
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import * as v from 'valibot';
import {
  BACKENDS,
  ConfigError,
  DEFAULTS,
  INITS,
  LOSSES,
  PRESETS,
  presetConfig,
  TRAIN_CONFIG_FIELDS,
  validateConfig,
  type Arch,
  type BackendChoice,
  type Preset,
  type TrainConfig,
} from '../config.js';
import { ARCHS } from '@lstm-adder/core';

export interface CliOptions {
  config: TrainConfig;
  out: string;
  report: string | null;
  json: boolean;
  backend: BackendChoice;
  allowUnverified: boolean;
  verbose: boolean;
}

/** The flag of each TrainConfig field a flag sets (also names the field in cross-field errors). */
const FLAGS: Partial<Record<keyof TrainConfig, string>> = {
  arch: '--arch',
  preset: '--preset',
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
};
const flagOf = (path: string) => FLAGS[path as keyof TrainConfig] ?? path;

const NONE = Symbol('none');

/** A commander parser: the text as a number (or a width range, or every:width), checked by the field's schema. */
const field =
  (
    key:
      | 'hidden'
      | 'epochs'
      | 'batch'
      | 'lr'
      | 'seed'
      | 'holdout'
      | 'maxSeconds'
      | 'trainWidths'
      | 'weightDecay'
      | 'initScale'
      | 'chainRows'
      | 'longBatches'
      | 'restartSteps'
      | 'stopMargin',
  ) =>
  (text: string): unknown => {
    let value: unknown = text.trim() === '' ? NaN : Number(text);
    if (key === 'trainWidths') {
      const m = /^(\d+)(?:(?:-|\.\.)(\d+))?$/.exec(text.trim());
      value = m ? [Number(m[1]), Number(m[2] ?? m[1])] : text;
    }
    if (key === 'longBatches') {
      const m = /^(\d+):(\d+)$/.exec(text.trim());
      value = text.trim() === 'none' ? null : m ? [Number(m[1]), Number(m[2])] : text;
    }
    const result = v.safeParse(TRAIN_CONFIG_FIELDS[key], value);
    if (!result.success)
      throw new InvalidArgumentError(`${result.issues[0].message.replace(/, got .*$/, '').replace(/^e/, 'E')}.`);
    return result.output ?? NONE; // commander turns a parsed null into ''
  };

/** A field's default per arch, as `--help` shows it: the recipes (DEFAULTS) are the one place these live. */
function defaults(key: keyof TrainConfig, archs: readonly Arch[] = ARCHS): string {
  const show = (value: unknown) =>
    key === 'longBatches'
      ? value
        ? (value as number[]).join(':')
        : 'none'
      : Array.isArray(value)
        ? value.join('-')
        : String(value);
  return `default: ${archs.map((arch) => `${arch} ${show(DEFAULTS[arch][key])}`).join(', ')}`;
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

export function buildProgram(): Command {
  return (
    new Command('lstm-adder-train')
      .description(
        'Train an LSTM adder with TensorFlow.js, verify it with @lstm-adder/core, and write it as lstm-adder.weights/v1 JSON.',
      )
      .addOption(new Option('--arch <arch>', 'model formulation').choices(ARCHS).default('vector'))
      .addOption(
        new Option('--preset <preset>', 'recipe: "seed" is the notebook exactly, "default" the fast exact one')
          .choices(PRESETS)
          .default('default'),
      )
      .option('--hidden <n>', `hidden size H, 1..512 (${defaults('hidden')})`, field('hidden'))
      .option(
        '--epochs <n>',
        `epochs, ≥ 1 (${defaults('epochs')}; keep "best" recipes stop early once core verifies)`,
        field('epochs'),
      )
      .option('--batch <n>', `batch size, 1..65536 (${defaults('batch')})`, field('batch'))
      .option('--lr <x>', `learning rate, > 0 (default: ${ARCHS.map(scheduleWords).join('; ')})`, field('lr'))
      .addOption(
        new Option(
          '--loss <loss>',
          `mse (identity output, the notebook) or bce (sigmoid output) (${defaults('loss')})`,
        ).choices(LOSSES),
      )
      .option('--seed <n>', `seed of every random choice, 0..2^32-1 (${defaults('seed')})`, field('seed'))
      .addOption(
        new Option(
          '--init <init>',
          `initial weights: glorot (Keras: Glorot-uniform, forget bias 1) or uniform (PyTorch: ±1/√H everywhere) (${defaults('init')})`,
        ).choices(INITS),
      )
      .option(
        '--holdout <fraction>',
        `vector: fraction of the 16,384 pairs never trained on, 0..0.9 (${defaults('holdout', ['vector'])})`,
        field('holdout'),
      )
      .option(
        '--train-widths <range>',
        `serial: operand widths drawn per batch, e.g. 1-24 (${defaults('trainWidths', ['serial'])})`,
        field('trainWidths'),
      )
      .option(
        '--init-scale <s>',
        `uniform init: weights from U(±s/√H), > 0 (${defaults('initScale')})`,
        field('initScale'),
      )
      .option(
        '--chain-rows <fraction>',
        `serial: fraction of training rows that are carry chains (b = ¬a but 1 bit in 16), 0..1 (${defaults('chainRows', ['serial'])})`,
        field('chainRows'),
      )
      .option(
        '--long-batches <every:width>',
        `serial: every n-th batch at this width, e.g. 20:32, or none (${defaults('longBatches', ['serial'])})`,
        field('longBatches'),
      )
      .option(
        '--restart-steps <n>',
        `serial: fresh weights after this many steps without a verified model, 0 = never (${defaults('restartSteps', ['serial'])})`,
        field('restartSteps'),
      )
      .option(
        '--stop-margin <m>',
        `serial: stop at the first verified weights whose min |y − 0.5| is at least this, 0..0.5 (${defaults('stopMargin', ['serial'])})`,
        field('stopMargin'),
      )
      .option(
        '--weight-decay <x>',
        `AdamW's decoupled weight decay, ≥ 0, 0 = Adam (${defaults('weightDecay')})`,
        field('weightDecay'),
      )
      .option(
        '--max-seconds <s>',
        `stop training after this many seconds of wall time (${defaults('maxSeconds')})`,
        field('maxSeconds'),
      )
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
      .addOption(
        new Option('--backend <backend>', 'TF.js backend').choices(BACKENDS).default('auto').env('TRAIN_BACKEND'),
      )
      .option('--verbose', 'print the stack of an unexpected error', false)
      .addHelpText(
        'after',
        '\nExit status: 0 written (verified, or an experiment that met its own target), 1 unexpected error,\n2 bad flag or output path, 3 not verified (--out left unchanged), 130 interrupted (best weights kept aside).\n',
      )
      // One line per error: commander's message, then where to look.
      .configureOutput({ outputError: (text, write) => write(`${text.trimEnd()} (see lstm-adder-train --help)\n`) })
      .exitOverride()
      .allowExcessArguments(false)
  );
}

/** Parses argv (without node and script). Throws CommanderError/ConfigError for bad input (exit code 2). */
export function parseCli(argv: string[], program = buildProgram()): CliOptions {
  program.parse(argv, { from: 'user' });
  const o = program.opts();
  const base = presetConfig(o.preset as Preset, o.arch as Arch);
  const given = Object.fromEntries(
    Object.keys(FLAGS)
      .filter(
        (key) =>
          o[key] !== undefined && ((key !== 'arch' && key !== 'preset') || program.getOptionValueSource(key) === 'cli'),
      )
      .map((key) => [key, o[key] === NONE ? null : o[key]]),
  );
  const config = validateConfig({ ...structuredClone(base), ...given }, flagOf);
  return {
    config,
    out: (o.out as string | undefined) ?? `${config.arch}.json`,
    report: (o.report as string | undefined) ?? null,
    json: Boolean(o.json),
    backend: o.backend as BackendChoice,
    allowUnverified: Boolean(o.allowUnverified),
    verbose: Boolean(o.verbose),
  };
}

export { CommanderError, ConfigError };
