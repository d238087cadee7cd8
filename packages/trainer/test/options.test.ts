// Flags → TrainConfig, in process: every bad value is refused with a message naming the flag and what it accepts.
import { describe, expect, test } from 'vitest';
import { DEFAULTS, SEED_PRESET } from '../src/config.js';
import { buildProgram, CommanderError, ConfigError, parseCli } from '../src/cli/options.js';

function refusal(argv: string[]): string {
  let stderr = '';
  const program = buildProgram().configureOutput({
    writeErr: (s) => {
      stderr += s;
    },
    writeOut: () => {},
  });
  try {
    parseCli(argv, program);
  } catch (error) {
    if (error instanceof CommanderError) return stderr;
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`${argv.join(' ')} was accepted`);
}

describe('a bad flag is refused with one line naming the flag and what it accepts', () => {
  test.each([
    [['--arch', 'lstm'], /--arch.*'lstm' is invalid.*vector, serial/s],
    [['--loss', 'hinge'], /--loss.*mse, bce/s],
    [['--backend', 'gpu'], /--backend.*auto, tensorflow, wasm, cpu/s],
    [['--preset', 'fast'], /--preset.*seed, default/s],
    [['--lr', '-1'], /--lr.*'-1' is invalid. Expected a positive number/],
    [['--lr', ''], /--lr.*Expected a positive number/],
    [['--hidden', '2.5'], /--hidden.*Expected an integer from 1 to 512/],
    [['--hidden', 'big'], /--hidden.*'big' is invalid. Expected an integer from 1 to 512/],
    [['--hidden', '513'], /--hidden.*Expected an integer from 1 to 512/],
    [['--epochs', '-5'], /--epochs.*Expected an integer ≥ 1/],
    [['--epochs', 'ten'], /--epochs.*Expected an integer ≥ 1/],
    [['--seed', '4294967296'], /--seed.*Expected an integer from 0 to 4294967295/],
    [['--holdout', '1.5'], /--holdout.*Expected a number from 0 to 0.9/],
    [['--train-widths', '9-3'], /^--train-widths: the lowest width is above the highest$/],
    [['--train-widths', '0-3'], /--train-widths.*Expected an integer from 1 to 4096/],
    [['--train-widths', 'wide'], /--train-widths.*Expected \[lowest, highest\] operand widths/],
    [['--max-seconds', '0'], /--max-seconds.*Expected a positive number/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['extra'], /too many arguments/],
    [['--preset', 'seed', '--arch', 'serial'], /^--preset: the seed preset is the notebook's vector recipe/],
    [['--arch', 'serial', '--holdout', '0.1'], /^--holdout: applies to arch vector only/],
    [['--arch', 'vector', '--chain-rows', '0.1'], /^--chain-rows: applies to arch serial only/],
    [['--arch', 'vector', '--long-batches', '20:32'], /^--long-batches: applies to arch serial only/],
    [['--arch', 'vector', '--restart-steps', '100'], /^--restart-steps: applies to arch serial only/],
    [['--arch', 'serial', '--chain-rows', '1.5'], /--chain-rows.*Expected a number from 0 to 1/],
    [['--arch', 'serial', '--long-batches', '20'], /--long-batches.*Expected \[every, width\]/],
    [['--arch', 'serial', '--long-batches', '0:32'], /--long-batches.*Expected an integer ≥ 1/],
    [['--arch', 'serial', '--long-batches', '20:5000'], /--long-batches.*Expected an integer from 1 to 4096/],
    [['--arch', 'serial', '--restart-steps', '2.5'], /--restart-steps.*Expected an integer ≥ 0/],
    [['--init-scale', '0'], /--init-scale.*Expected a positive number/],
    [['--arch', 'vector', '--stop-margin', '0.1'], /^--stop-margin: applies to arch serial only/],
    [['--arch', 'serial', '--stop-margin', '0.6'], /--stop-margin.*Expected a number from 0 to 0.5/],
  ])('%j', (argv, message) => {
    const text = refusal(argv);
    expect(text).toMatch(message);
    expect(text.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('good flags', () => {
  test('override the preset field by field; the rest is the recipe', () => {
    const { config, out, report, allowUnverified } = parseCli([
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

  test("the serial recipe's fields: --init-scale, --chain-rows, --long-batches every:width or none, --restart-steps", () => {
    const { config } = parseCli([
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
    expect([config.initScale, config.chainRows, config.longBatches, config.restartSteps, config.stopMargin]).toEqual([
      1.5,
      0.25,
      [10, 48],
      900,
      0.1,
    ]);
    expect(parseCli(['--arch', 'serial', '--long-batches', 'none']).config.longBatches).toBeNull();
    expect(parseCli(['--arch', 'serial']).config.longBatches).toEqual(DEFAULTS.serial.longBatches);
  });

  test("--preset seed is the notebook's recipe, unchanged unless a flag says otherwise", () => {
    expect(parseCli(['--preset', 'seed']).config).toEqual(SEED_PRESET);
    expect(parseCli(['--preset', 'seed', '--epochs', '3']).config).toEqual({ ...SEED_PRESET, epochs: 3 });
  });
});

test('--help shows each recipe default from DEFAULTS, and the exit statuses', () => {
  const help = buildProgram().helpInformation({ error: false }).replace(/\s+/g, ' ');
  expect(help).toContain(
    `--hidden <n> hidden size H, 1..512 (default: vector ${DEFAULTS.vector.hidden}, serial ${DEFAULTS.serial.hidden})`,
  );
  expect(help).toContain(`(default: vector ${DEFAULTS.vector.batch}, serial ${DEFAULTS.serial.batch})`);
  expect(help).toContain(`(default: serial ${DEFAULTS.serial.trainWidths.join('-')})`);
  let out = '';
  const program = buildProgram().configureOutput({
    writeOut: (s) => {
      out += s;
    },
  });
  expect(() => program.parse(['--help'], { from: 'user' })).toThrow(CommanderError);
  expect(out).toMatch(
    /Exit status: 0 written .* 1 unexpected error,\n2 bad flag or output path, 3 not verified .*, 130 interrupted/s,
  );
});
