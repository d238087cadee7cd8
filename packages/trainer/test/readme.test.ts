// The README is user documentation within its budget, and its results table is the committed benchmark's.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import results from '../bench/results.json' with { type: 'json' };
import { type Results, resultsTable } from '../bench/results-table.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

test('the results table is bench/results.json, as bench/results-table.ts renders it', () => {
  const block = /<!-- results: [^\n]*-->\n([\s\S]*?)\n<!-- end results -->/.exec(readme)?.[1];
  expect(block).toBe(resultsTable(results as Results));
});

test('the README stays within its 1,300 words', () => {
  expect(readme.split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(1300);
});
