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
});
