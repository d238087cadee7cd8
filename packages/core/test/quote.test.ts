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

describe('quote escapes every character that could drive a terminal or reorder a line', () => {
  it('escapes the C0 controls, DEL and the C1 controls', () => {
    expect(quote('\u001b[31mred')).toBe('"\\u001b[31mred"');
    expect(quote('a\u0000b\u0007')).toBe('"a\\u0000b\\u0007"');
    expect(quote('\u007f')).toBe('"\\u007f"');
    expect(quote('\u0080\u009b31m\u009f')).toBe('"\\u0080\\u009b31m\\u009f"');
  });

  it('escapes the line and paragraph separators and the direction marks, embeddings, overrides and isolates', () => {
    expect(quote('a\u2028b\u2029c')).toBe('"a\\u2028b\\u2029c"');
    expect(quote('exe.\u202Etxt')).toBe('"exe.\\u202etxt"');
    const marks = '\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069';
    expect(quote(marks)).toBe('"\\u061c\\u200e\\u200f\\u202a\\u202b\\u202c\\u202d\\u2066\\u2067\\u2068\\u2069"');
  });

  it('leaves other text as it is: accents, CJK, emoji', () => {
    expect(quote('café 加法 🧮')).toBe('"café 加法 🧮"');
  });

  it('prints no such character, whatever the input, and stays JSON that gives the text back (property)', () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters are what this test looks for
    const unsafe = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        const out = quote(text, 80);
        expect(out).not.toMatch(unsafe);
        expect(JSON.parse(out)).toBe(text);
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
