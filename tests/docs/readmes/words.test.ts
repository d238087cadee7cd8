// READMEs are user documentation, not lab notebooks: each at most 1,800 words, all of them together at most 6,000
// (issue 18). Run logs and research go to docs/experiments/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { REPO, readmeFiles } from '../src/readmes.js';
import { countWords, MAX_WORDS_ALL, MAX_WORDS_EACH } from '../src/words.js';

const words = new Map(readmeFiles().map((file) => [file, countWords(readFileSync(join(REPO, file), 'utf8'))]));
const list = [...words].map(([file, n]) => `${file}: ${n}`).join('\n');

test(`each README has at most ${MAX_WORDS_EACH} words`, () => {
  expect(words.size).toBeGreaterThanOrEqual(5);
  expect(
    [...words].filter(([, n]) => n > MAX_WORDS_EACH).map(([file, n]) => `${file}: ${n}`),
    list,
  ).toEqual([]);
});

test(`all READMEs together have at most ${MAX_WORDS_ALL} words`, () => {
  const total = [...words.values()].reduce((a, b) => a + b, 0);
  expect(total, list).toBeLessThanOrEqual(MAX_WORDS_ALL);
});
