import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STATE,
  MODEL_CHOICES,
  parseState,
  serializeState,
  sliderValue,
  type PlaygroundState,
} from '../src/state';

describe('URL state', () => {
  it('reads the example from the issue', () => {
    expect(parseState('?a=57&b=99&model=vector')).toEqual({ a: '57', b: '99', model: 'vector' });
  });

  it('falls back to the defaults for missing keys and unknown models', () => {
    expect(parseState('')).toEqual(DEFAULT_STATE);
    expect(parseState('?model=quantum&a=3')).toEqual({ ...DEFAULT_STATE, a: '3' });
  });

  it('keeps operands exactly as typed, so the API can say what is wrong with them', () => {
    expect(parseState('?a=%2B12%20&b=1e3').a).toBe('+12 ');
    expect(parseState('?a=%2B12%20&b=1e3').b).toBe('1e3');
  });

  it('writes a, b and model first and keeps keys it does not own', () => {
    expect(serializeState({ a: '1', b: '2', model: 'serial' }, '?api=http%3A%2F%2F127.0.0.1%3A9&a=5')).toBe(
      '?a=1&b=2&model=serial&api=http%3A%2F%2F127.0.0.1%3A9',
    );
  });

  it('round-trips any state through the query string', () => {
    const stateArb: fc.Arbitrary<PlaygroundState> = fc.record({
      a: fc.string({ maxLength: 60 }),
      b: fc.oneof(fc.stringMatching(/^\d{0,1000}$/), fc.string()),
      model: fc.constantFrom(...MODEL_CHOICES),
    });
    fc.assert(
      fc.property(stateArb, fc.constantFrom('', '?api=x', '?trace=1&x=%26'), (state, other) => {
        expect(parseState(serializeState(state, other))).toEqual(state);
      }),
    );
  });
});

describe('sliderValue', () => {
  it('puts the slider on the number, at the end for numbers above 127, and at 0 when there is none', () => {
    expect(sliderValue('57')).toBe(57);
    expect(sliderValue('128')).toBe(127);
    expect(sliderValue('9'.repeat(400))).toBe(127);
    expect(sliderValue('')).toBe(0);
    expect(sliderValue('abc')).toBe(0);
  });
});
