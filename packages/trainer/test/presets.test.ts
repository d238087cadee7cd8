// The presets as the command line reads them: `h8` keeps the serial H = 8 recipe for comparison with the default.
import { describe, expect, test } from 'vitest';
import { ConfigError, parseCli } from '../src/cli/options.js';

describe('--preset h8', () => {
  test('alone, it trains the serial H = 8 recipe; flags still override it', () => {
    const { config } = parseCli(['--preset', 'h8']);
    expect([config.arch, config.hidden, config.trainWidths, config.schedule.kind]).toEqual([
      'serial',
      8,
      [1, 16],
      'plateau',
    ]);
    expect(parseCli(['--preset', 'h8', '--seed', '3']).config.seed).toBe(3);
    expect(parseCli(['--arch', 'serial']).config.hidden).not.toBe(8);
  });

  test('with --arch vector, it is refused naming the preset', () => {
    expect(() => parseCli(['--preset', 'h8', '--arch', 'vector'])).toThrow(ConfigError);
    expect(() => parseCli(['--preset', 'h8', '--arch', 'vector'])).toThrow(/--preset.*h8 preset is the serial/);
  });
});
