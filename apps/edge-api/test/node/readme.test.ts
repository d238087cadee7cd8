// The README is user documentation whose figures are the app's and the benchmark's: its error table is ERROR_STATUS,
// its results table and worst case per token are rendered from bench/results.json, and it stays within its budget.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fillReadme, type Results } from '../../bench/report.js';
import { ERROR_STATUS } from '../../src/errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const results = JSON.parse(readFileSync(new URL('../../bench/results.json', import.meta.url), 'utf8')) as Results;

describe('README.md', () => {
  it('shows the benchmark as bench/results.json has it (npm run bench rewrites both)', () => {
    expect(readme).toContain('<!-- bench:table -->');
    expect(readme).toContain('<!-- bench:per-token -->');
    expect(readme).toBe(fillReadme(readme, results));
    // The check can fail: a table that is not the results' is caught.
    expect(fillReadme(readme.replace(/\| 200 \| 1 \|/, '| 200 | 2 |'), results)).toBe(readme);
    expect(readme.replace(/\| 200 \| 1 \|/, '| 200 | 2 |')).not.toBe(readme);
  });

  it('lists every error code with its status, and no other', () => {
    const rows = [...readme.matchAll(/^\| (\d{3}) \| `(\w+)` \|/gm)].map(([, status, code]) => [code, Number(status)]);
    expect(Object.fromEntries(rows)).toEqual(ERROR_STATUS);
    expect(rows).toHaveLength(Object.keys(ERROR_STATUS).length);
  });

  it('is at most 1,100 words', () => {
    expect(readme.split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(1100);
  });
});
