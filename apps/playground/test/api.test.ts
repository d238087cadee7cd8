import { describe, expect, it } from 'vitest';
import { errorTarget } from '../src/answer-errors';
import { resolveApiBase } from '../src/api';

describe('resolveApiBase', () => {
  it('prefers ?api=, then VITE_API_URL, then wrangler dev in development, then the page origin', () => {
    expect(resolveApiBase('?api=http://127.0.0.1:9999/', { VITE_API_URL: 'https://x.dev', DEV: true }, 'http://o')).toBe('http://127.0.0.1:9999');
    expect(resolveApiBase('', { VITE_API_URL: 'https://x.dev/', DEV: true }, 'http://o')).toBe('https://x.dev');
    expect(resolveApiBase('', { DEV: true }, 'http://o')).toBe('http://127.0.0.1:8787');
    expect(resolveApiBase('?a=1', { DEV: false }, 'https://adder.example')).toBe('https://adder.example');
  });
});

describe('errorTarget', () => {
  it('puts a message next to the parameter it names', () => {
    expect(errorTarget('Query parameter "a" is "128", but model=vector adds operands from 0 to 127 only')).toBe('a');
    expect(errorTarget('Query parameter "b" must be a decimal integer, got "x"')).toBe('b');
    expect(errorTarget('Query parameter "model" is "quantum", which is not accepted')).toBe('model');
  });

  it('keeps messages about anything else at the form', () => {
    expect(errorTarget('Query parameter "trace" asks for every step of a 64+ digit sum')).toBe('form');
    expect(errorTarget('a must be a number')).toBe('form');
    expect(errorTarget('Query parameter "ab" is not known')).toBe('form');
  });
});
