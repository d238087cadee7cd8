import { DEFAULTS } from '@lstm-adder/trainer/config';
import { describe, expect, it } from 'vitest';
import { parseSetting, parseTrainSettings, serializeTrainSettings } from '../src/train/train-settings';

describe('Train view settings in the URL', () => {
  it('defaults to the trainer’s serial recipe', () => {
    const s = parseTrainSettings('?view=train');
    expect(s).toEqual({
      arch: 'serial',
      hidden: DEFAULTS.serial.hidden,
      lr: DEFAULTS.serial.lr,
      batch: DEFAULTS.serial.batch,
      seed: DEFAULTS.serial.seed,
      backend: 'auto',
    });
  });

  it('round-trips, leaving defaults out and the page’s own keys alone', () => {
    const s = { arch: 'vector' as const, hidden: 16, lr: 0.05, batch: 64, seed: 7, backend: 'cpu' as const };
    const search = serializeTrainSettings(s, '?a=57&b=99&model=vector&api=http://x');
    expect(parseTrainSettings(search)).toEqual(s);
    const params = new URLSearchParams(search);
    expect(params.get('a')).toBe('57');
    expect(params.get('api')).toBe('http://x');
    expect(params.get('view')).toBe('train');
    expect(serializeTrainSettings(parseTrainSettings(''), '')).toBe('?view=train');
  });

  it('falls back to the arch’s default for a value out of range or not a number', () => {
    const s = parseTrainSettings('?arch=vector&hidden=0&lr=abc&batch=1.5&seed=-1&backend=tpu');
    expect(s).toEqual({
      arch: 'vector',
      hidden: DEFAULTS.vector.hidden,
      lr: DEFAULTS.vector.lr,
      batch: DEFAULTS.vector.batch,
      seed: DEFAULTS.vector.seed,
      backend: 'auto',
    });
    expect(parseSetting('lr', '0.001')).toBe(0.001);
    expect(parseSetting('hidden', '8.5')).toBeNull();
    expect(parseSetting('seed', '')).toBeNull();
  });

  it('accepts what the trainer accepts and refuses what it refuses: one set of limits', () => {
    // The trainer's own bounds (lstm-adder-train --hidden 512 --seed 4294967295), past the page's old 64 and 2^31 − 1.
    expect(parseSetting('hidden', '512')).toBe(512);
    expect(parseSetting('hidden', '513')).toBeNull();
    expect(parseSetting('seed', '4294967295')).toBe(4294967295);
    expect(parseSetting('seed', '4294967296')).toBeNull();
    expect(parseSetting('batch', '65536')).toBe(65536);
    // Decimal only, finite: no hex, binary, Infinity or overflow.
    for (const text of ['0x10', '0b11', 'Infinity', '1e400', ' 8']) expect(parseSetting('hidden', text)).toBeNull();
    expect(parseSetting('lr', '1e400')).toBeNull();
    expect(parseSetting('lr', '0')).toBeNull();
    expect(parseTrainSettings('?hidden=200&seed=3000000000')).toMatchObject({ hidden: 200, seed: 3_000_000_000 });
  });
});
