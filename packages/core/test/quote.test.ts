// The cut every error message applies to a received value: expectations are written out, not computed by the code.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QUOTE_MAX, quote, shorten } from '../src/index.js';

describe('quote', () => {
  it('writes a short string as JSON, escapes and all', () => {
    expect(quote('12ab')).toBe('"12ab"');
    expect(quote('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
    expect(quote('')).toBe('""');
  });

  it('keeps 40 characters whole and cuts the 41st, saying how long the string was', () => {
    expect(QUOTE_MAX).toBe(40);
    expect(quote('x'.repeat(40))).toBe(`"${'x'.repeat(40)}"`);
    expect(quote('x'.repeat(41))).toBe(`"${'x'.repeat(40)}…" (41 characters)`);
    expect(quote('ab'.repeat(2500))).toBe(`"${'ab'.repeat(20)}…" (5000 characters)`);
    expect(quote('abcdef', 3)).toBe('"abc…" (6 characters)');
  });

  it('never writes more than the cut, however long the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), (text) => {
        const out = quote(text);
        // The quoted part is at most 40 characters (JSON escapes aside) plus the ellipsis; then the length note.
        expect(out.length).toBeLessThanOrEqual(
          JSON.stringify(text.slice(0, QUOTE_MAX)).length + 1 + ` (${text.length} characters)`.length,
        );
        expect(out.startsWith(JSON.stringify(text.slice(0, QUOTE_MAX)).slice(0, -1))).toBe(true);
      }),
    );
  });
});

describe('shorten', () => {
  it('cuts the same way without quotes (a number written out)', () => {
    expect(shorten('-12')).toBe('-12');
    expect(shorten(`-${'9'.repeat(49)}`)).toBe(`-${'9'.repeat(39)}… (50 characters)`);
  });
});
