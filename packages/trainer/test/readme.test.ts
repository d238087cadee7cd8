// The README is user documentation within its budget, its results table is the committed benchmark's, and its
// Python snippets are the files the docs test runs.
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

test("the README's Python snippets are docs/*.py verbatim (tests/docs runs those files with PyTorch)", () => {
  const blocks = [...readme.matchAll(/```python\n([\s\S]*?)```\n/g)].map((m) => m[1]);
  const files = ['save_notebook.py', 'load_export.py', 'add_serial.py'].map((name) =>
    readFileSync(new URL(`../docs/${name}`, import.meta.url), 'utf8'),
  );
  expect(blocks).toEqual(files);
});
