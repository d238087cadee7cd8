// Flags → TrainConfig, in process: every bad value is refused with a message naming the flag and what it accepts,
// before anything loads or trains.
import { Command, CommanderError } from 'commander';
import { describe, expect, test } from 'vitest';
import { addTrainFlags, trainOptionsOf } from '../src/cli/commands/train-flags.js';
import { createProgram } from '../src/cli/program.js';
import { ConfigError, DEFAULTS, SEED_PRESET } from '../src/config.js';

/** The program's refusal of `argv`: commander's line, or the ConfigError a flag's value gets (both exit 2). */
async function refusal(argv: string[]): Promise<string> {
  let stderr = '';
  const program = createProgram(() => {
    throw new Error(`${argv.join(' ')} was accepted`);
  }).configureOutput({
    writeErr: (s) => {
      stderr += s;
    },
    writeOut: () => {},
  });
  try {
    // An output path that cannot be written: were argv accepted, the run would stop there, before any training.
    await program.parseAsync([...argv, '--out', '/proc/nope/x.json'], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return stderr;
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

/** The options the training flags give for `argv` (parsed only: nothing trains). */
const parseFlags = (argv: string[]) => {
  const command = addTrainFlags(new Command()).exitOverride();
  command.parse(argv, { from: 'user' });
  return trainOptionsOf(command);
};

describe('a bad flag is refused with one line naming the flag and what it accepts', () => {
  test.each([
    [['--arch', 'lstm'], /^--arch: expected "vector" or "serial", got "lstm"$/],
    [['--loss', 'hinge'], /^--loss: expected "mse" or "bce", got "hinge"$/],
    [['--backend', 'gpu'], /^--backend: expected "auto" or "tensorflow" or "wasm" or "cpu", got "gpu"$/],
    [['--preset', 'fast'], /^--preset: expected "seed" or "default", got "fast"$/],
    [['--lr', '-1'], /^--lr: expected a positive number, got -1$/],
    [['--lr', ''], /^--lr: expected a positive number, got ""$/],
    [['--hidden', '2.5'], /^--hidden: expected an integer from 1 to 512, got 2.5$/],
    [['--hidden', 'big'], /^--hidden: expected an integer from 1 to 512, got "big"$/],
    [['--hidden', '513'], /^--hidden: expected an integer from 1 to 512, got 513$/],
    [['--epochs', '-5'], /^--epochs: expected an integer from 1 to 10000, got -5$/],
    [['--epochs', 'ten'], /^--epochs: expected an integer from 1 to 10000, got "ten"$/],
    [['--seed', '4294967296'], /^--seed: expected an integer from 0 to 4294967295, got 4294967296$/],
    [['--holdout', '1.5'], /^--holdout: expected a number from 0 to 0.9, got 1.5$/],
    [['--train-widths', '9-3'], /^--train-widths: the lowest width is above the highest$/],
    [['--train-widths', '0-3'], /^--train-widths: expected an integer from 1 to 4096, got 0$/],
    [['--train-widths', 'wide'], /^--train-widths: expected \[lowest, highest\] operand widths in bits, got "wide"$/],
    [['--max-seconds', '0'], /^--max-seconds: expected a positive number, got 0$/],
    [['--frobnicate'], /unknown option "--frobnicate"/],
    [['extra'], /too many arguments/],
    [['--preset', 'seed', '--arch', 'serial'], /^--preset: the seed preset is the notebook's vector recipe/],
    [['--arch', 'serial', '--holdout', '0.1'], /^--holdout: applies to arch vector only$/],
    [['--arch', 'vector', '--chain-rows', '0.1'], /^--chain-rows: applies to arch serial only$/],
    [['--arch', 'vector', '--long-batches', '20:32'], /^--long-batches: applies to arch serial only$/],
    [['--arch', 'vector', '--restart-steps', '100'], /^--restart-steps: applies to arch serial only$/],
    [['--arch', 'serial', '--chain-rows', '1.5'], /^--chain-rows: expected a number from 0 to 1, got 1.5$/],
    [['--arch', 'serial', '--long-batches', '20'], /^--long-batches: expected \[every, width\], got "20"$/],
    [['--arch', 'serial', '--long-batches', '0:32'], /^--long-batches: expected an integer ≥ 1, got 0$/],
    [['--arch', 'serial', '--long-batches', '20:5000'], /^--long-batches: expected an integer from 1 to 4096/],
    [['--arch', 'serial', '--restart-steps', '2.5'], /^--restart-steps: expected an integer ≥ 0, got 2.5$/],
    [['--init-scale', '0'], /^--init-scale: expected a positive number, got 0$/],
    [['--arch', 'vector', '--stop-margin', '0.1'], /^--stop-margin: applies to arch serial only$/],
    [['--arch', 'serial', '--stop-margin', '0.6'], /^--stop-margin: expected a number from 0 to 0.5, got 0.6$/],
  ])('%j', async (argv, message) => {
    const text = await refusal(argv);
    expect(text).toMatch(message);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('numbers are decimal only, finite and in range: anything else is refused quoting the text', () => {
  test.each([
    ['--hidden', '0x10'],
    ['--epochs', '0b11'],
    ['--seed', '0o17'],
    ['--seed', '017'],
    ['--lr', 'Infinity'],
    ['--lr', '-Infinity'],
    ['--lr', '1e400'],
    ['--max-seconds', 'NaN'],
    ['--batch', '1_000'],
    ['--hidden', ' 8'],
    ['--holdout', '0x0'],
    ['--train-widths', '0x2-8'],
    ['--train-widths', '02-8'],
    ['--long-batches', '0b1:32'],
  ])('%s %s', async (flag, text) => {
    const arch = /train-widths|long-batches/.test(flag) ? 'serial' : 'vector';
    const message = await refusal(['--arch', arch, flag, text]);
    expect(message).toMatch(new RegExp(`^${flag}: expected .*, got ${JSON.stringify(text)}$`));
  });

  test('decimal notation is read as such', () => {
    expect(parseFlags(['--lr', '3e-2', '--hidden', '16', '--seed', '0']).config).toMatchObject({
      lr: 0.03,
      hidden: 16,
      seed: 0,
    });
    expect(parseFlags(['--holdout', '.25', '--max-seconds', '1.5e2']).config).toMatchObject({
      holdout: 0.25,
      maxSeconds: 150,
    });
  });

  test('what the flags echo is quoted and cut by core: no escape code or megabyte reaches the terminal', async () => {
    const escaped = await refusal(['--hidden', '\u001b[31m8']);
    expect(escaped).toBe('--hidden: expected an integer from 1 to 512, got "\\u001b[31m8"');
    const huge = await refusal(['--lr', '9'.repeat(1_000_000)]);
    expect(huge).toBe(`--lr: expected a positive number, got "${'9'.repeat(40)}…" (1000000 characters)`);
    const option = await refusal([`--\u202e${'x'.repeat(100)}`]);
    expect(option).toMatch(
      /^error: unknown option "--\\u202exxx[^"]*…" \(103 characters\) \(see lstm-adder-train --help\)\n$/,
    );
  });
});

describe('good flags', () => {
  test('override the preset field by field; the rest is the recipe', () => {
    const { config, out, report, allowUnverified } = parseFlags([
      '--arch',
      'serial',
      '--hidden',
      '6',
      '--train-widths',
      '2-12',
      '--lr',
      '0.01',
    ]);
    expect(config).toEqual({ ...DEFAULTS.serial, hidden: 6, trainWidths: [2, 12], lr: 0.01 });
    expect(out).toBe('serial.json');
    expect(report).toBeNull();
    expect(allowUnverified).toBe(false);
  });

  test("the serial recipe's fields: --init-scale, --chain-rows, --long-batches, --restart-steps", () => {
    const { config } = parseFlags([
      '--arch',
      'serial',
      '--init-scale',
      '1.5',
      '--chain-rows',
      '0.25',
      '--long-batches',
      '10:48',
      '--restart-steps',
      '900',
      '--stop-margin',
      '0.1',
    ]);
    if (config.arch !== 'serial') throw new Error('expected a serial recipe');
    expect([config.initScale, config.chainRows, config.longBatches, config.restartSteps, config.stopMargin]).toEqual([
      1.5,
      0.25,
      [10, 48],
      900,
      0.1,
    ]);
    expect(parseFlags(['--arch', 'serial', '--long-batches', 'none']).config).toMatchObject({ longBatches: null });
    expect(parseFlags(['--arch', 'serial']).config).toMatchObject({ longBatches: DEFAULTS.serial.longBatches });
  });

  test("--preset seed is the notebook's recipe, unchanged unless a flag says otherwise", () => {
    expect(parseFlags(['--preset', 'seed']).config).toEqual(SEED_PRESET);
    expect(parseFlags(['--preset', 'seed', '--epochs', '3']).config).toEqual({ ...SEED_PRESET, epochs: 3 });
  });
});

test('--help shows each recipe default from DEFAULTS, and the exit statuses', async () => {
  let out = '';
  const program = createProgram(() => {}).configureOutput({
    writeOut: (s) => {
      out += s;
    },
  });
  await expect(program.parseAsync(['--help'], { from: 'user' })).rejects.toThrow(CommanderError);
  const help = out.replace(/\s+/g, ' ');
  expect(help).toMatch(/^Usage: lstm-adder-train \[options\] /);
  expect(help).toContain(
    `--hidden <n> hidden size H, 1..512 (default: vector ${DEFAULTS.vector.hidden}, serial ${DEFAULTS.serial.hidden})`,
  );
  expect(help).toContain(`(default: vector ${DEFAULTS.vector.batch}, serial ${DEFAULTS.serial.batch})`);
  expect(help).toContain(`(default: serial ${DEFAULTS.serial.trainWidths.join('-')})`);
  expect(help).toMatch(
    /Exit status: 0 written .* 1 unexpected error, 2 bad flag or output path, 3 not verified .*, 130 Ctrl-C or 143/,
  );
});

test("--help offers the proving recipe's flags and none of the experiments that were removed (issue 18)", async () => {
  const helpOf = async (args: string[]) => {
    let out = '';
    const program = createProgram(() => {}).configureOutput({
      writeOut: (s) => {
        out += s;
      },
    });
    await expect(program.parseAsync(args, { from: 'user' })).rejects.toThrow(CommanderError);
    return out;
  };
  const help = `${await helpOf(['--help'])}\n${await helpOf(['prove', '--help'])}`;
  for (const flag of ['--cell-penalty <x>', '--state-noise <sd>', '--regression-every <n>', '--proof <cells|none>'])
    expect(help).toContain(flag);
  // Dropout, label smoothing, EMA, input noise, orthogonal initialisation and the h8 preset: no flag, choice or word.
  expect(help).not.toMatch(/dropout|label.?smoothing|\bema\b|input.?noise|orthogonal|\bh8\b/i);
});
