// No source line over 120 characters (the project's line width; Biome formats to it but cannot break a string).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { longLines, MAX_LINE } from '../src/lines.js';
import { sourceFiles } from '../src/source-files.js';
import { REPO } from '../src/workspaces.js';
import { KNOWN_LONG_LINES } from './known-long-lines.js';

describe(`source lines of at most ${MAX_LINE} characters`, () => {
  const files = sourceFiles();

  it('reads the source files: code, config, markup and scripts, not data', () => {
    expect(files).toEqual(
      expect.arrayContaining(['packages/core/src/index.ts', 'apps/playground/index.html', '.ci/run']),
    );
    expect(files.filter((f) => /\.(md|json)$/.test(f) || f.includes('/test/fixtures/'))).toEqual([]);
    expect(files.length).toBeGreaterThan(150);
  });

  it('no file has a line over the width, but the known ones while they are fixed', () => {
    const found = new Map(files.map((file) => [file, longLines(readFileSync(join(REPO, file), 'utf8'))]));
    const over = [...found]
      .filter(([file, lines]) => lines.length > (KNOWN_LONG_LINES[file] ?? 0))
      .map(([file, lines]) => `${file}: line ${lines.join(', ')} (known: ${KNOWN_LONG_LINES[file] ?? 0})`);
    const left = [...found].reduce((n, [file, lines]) => n + Math.min(lines.length, KNOWN_LONG_LINES[file] ?? 0), 0);
    if (left)
      console.warn(`${left} known lines over ${MAX_LINE} characters are still to break (test/known-long-lines.ts)`);
    expect(over).toEqual([]);
  });

  it('counts characters, not bytes, and only lines past the width', () => {
    expect(longLines(`${'x'.repeat(120)}\n${'x'.repeat(121)}\r\n${'é'.repeat(120)}\n${'→'.repeat(121)}`)).toEqual([
      2, 4,
    ]);
  });
});
