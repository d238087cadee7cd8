// The parts of the docs test that read the READMEs: if these are wrong, the docs test checks the wrong thing.
import { describe, expect, test } from 'vitest';
import { checkExpected } from '../src/expected.js';
import { extractExamples, stripComment } from '../src/extract.js';
import { planFor, splitEnv } from '../src/plan.js';
import { countWords } from '../src/words.js';

const fence = '```';
const readme = [
  '# demo',
  `${fence}sh`,
  'npm ci && npm start   # starts # things',
  "curl 'http://127.0.0.1:8787/add?a=1#x'",
  '# {"sum":"2"}',
  'npx tool --a 1 \\',
  '  --b 2',
  fence,
  `${fence}json`,
  '{"ok":true}',
  fence,
  'prose',
  `${fence}json`,
  '{"not":"an output"}',
  fence,
  `${fence}ts`,
  "import { x } from '@lstm-adder/core';",
  'console.log(x); // → 42',
  fence,
  `${fence}ts`,
  'interface OnlyTypes { a: string }',
  fence,
].join('\n');

describe('extractExamples', () => {
  const examples = extractExamples('README.md', readme);

  test('commands, joined continuation lines, comments dropped, outputs attached', () => {
    expect(examples.filter((e) => e.kind === 'shell')).toEqual([
      { kind: 'shell', file: 'README.md', line: 3, command: 'npm ci && npm start' },
      {
        kind: 'shell',
        file: 'README.md',
        line: 4,
        command: "curl 'http://127.0.0.1:8787/add?a=1#x'",
        expected: '{"sum":"2"}',
      },
      { kind: 'shell', file: 'README.md', line: 6, command: 'npx tool --a 1 --b 2', expected: '{"ok":true}' },
    ]);
  });

  test('only snippets that import the project run, with their printed lines', () => {
    const code = examples.filter((e) => e.kind === 'code');
    expect(code).toHaveLength(1);
    expect(code[0]).toMatchObject({ line: 17, prints: ['42'] });
  });

  test('a # inside quotes is not a comment', () => {
    expect(stripComment(`echo '# not' "#no" # yes`)).toBe(`echo '# not' "#no"`);
  });
});

describe('checkExpected', () => {
  const answer = JSON.stringify({ a: '57', sum: '156', bits: { a: '00111001' }, margin: 0.4997, correct: true });

  test('equal values, elisions and numbers to the digits shown pass', () => {
    expect(checkExpected('{"a":"57","sum":"156","bits":{…},"margin":0.5,"correct":true}', answer)).toBeNull();
    expect(checkExpected('{"a":"57", …}', answer)).toBeNull();
    expect(
      checkExpected('{"a":"5…","sum":"156","bits":{"a":"00111001"},"margin":0.4997,"correct":true}', answer),
    ).toBeNull();
  });

  test('a wrong value, a wrong number, a missing or an unshown key fails', () => {
    expect(checkExpected('{"a":"57","sum":"157","bits":{…},"margin":0.5,"correct":true}', answer)).toMatch(/sum/);
    expect(checkExpected('{"a":"57","sum":"156","bits":{…},"margin":0.43,"correct":true}', answer)).toMatch(
      /margin: the README shows 0.43/,
    );
    expect(checkExpected('{"a":"57","sum":"156","bits":{…},"correct":true}', answer)).toMatch(/does not show margin/);
    expect(
      checkExpected('{"a":"57","sum":"156","bits":{…},"margin":0.5,"correct":true,"model":"vector"}', answer),
    ).toMatch(/model: missing|model/);
    expect(checkExpected('{"a":1}', 'not json')).toMatch(/shows JSON/);
  });

  test('text: the lines shown, in order', () => {
    expect(checkExpected('one\nthree', 'one\ntwo\nthree\n')).toBeNull();
    expect(checkExpected('three\none', 'one\ntwo\nthree\n')).toMatch(/did not print/);
    expect(checkExpected('tw…', 'one\ntwo\n')).toBeNull();
  });
});

describe('inline commands', () => {
  const prose =
    'Run `npm run bench -w @lstm-adder/core`, or `API_PORT=9000 npm start`; `npm` alone and `cat x` are not commands.';

  test('inline npm/npx/curl spans in prose are commands', () => {
    expect(extractExamples('R.md', prose).map((e) => (e.kind === 'shell' ? e.command : ''))).toEqual([
      'npm run bench -w @lstm-adder/core',
      'API_PORT=9000 npm start',
    ]);
  });

  test('a quoted log line is not a command, nor a text block', () => {
    expect(extractExamples('R.md', 'prints `npm run train: 55.0s, finished`')).toEqual([]);
    expect(extractExamples('R.md', `${fence}text\nnpm run test:docs\n${fence}`)).toEqual([]);
  });
});

describe('planFor', () => {
  const scripts = { test: 'turbo run test --concurrency=2', train: 'turbo run train', lint: 'biome ci .' };
  const context = { shown: new Set(['npm test', 'npm run train']), scripts, turboCache: '/r/.turbo/cache' };
  const plan = (command: string, c = context) => planFor({ kind: 'shell', file: 'R.md', line: 1, command }, c);

  test('servers, requests, the install and plain runs', () => {
    expect(splitEnv('A=1 B_C=x y z')).toEqual({ env: { A: '1', B_C: 'x' }, rest: 'y z' });
    expect(plan('API_PORT=9000 npm start')).toMatchObject({ how: 'serve', command: 'npm start' });
    expect(plan('npm ci && npm start')).toMatchObject({ how: 'serve', serves: ['api', 'playground'] });
    expect(plan('npm run start -w @lstm-adder/edge-api')).toMatchObject({ how: 'serve', serves: ['api'] });
    expect(plan("curl 'http://127.0.0.1:8787/health'")).toMatchObject({ how: 'request' });
    expect(plan('npm ci')).toEqual({ how: 'install' });
    expect(plan('npm run build -w @lstm-adder/core')).toEqual({
      how: 'run',
      command: 'npm run build -w @lstm-adder/core',
      env: {},
      timeoutMs: 6 * 60_000,
      long: false,
    });
  });

  test('`npm run X -w P` runs inside the root `npm run X` (turbo run X) when a README shows that, else alone', () => {
    expect(plan('npm test -w @lstm-adder/core')).toEqual({
      how: 'part',
      of: 'npm test',
      task: '@lstm-adder/core:test',
    });
    expect(plan('npm run test -w @lstm-adder/core')).toMatchObject({ how: 'part', of: 'npm test' });
    expect(plan('npm run train -w @lstm-adder/trainer')).toEqual({
      how: 'part',
      of: 'npm run train',
      task: '@lstm-adder/trainer:train',
    });
    // with arguments, or when the root command is not shown or is not `turbo run X`: a command of its own
    expect(plan('npm run train -w @lstm-adder/trainer -- --config c.json')).toMatchObject({ how: 'run' });
    expect(plan('npm run train -w @lstm-adder/trainer', { ...context, shown: new Set() })).toMatchObject({
      how: 'run',
    });
    expect(plan('npm run lint -w @lstm-adder/core', { ...context, shown: new Set(['npm run lint']) })).toMatchObject({
      how: 'run',
    });
  });

  test("`npm test` replays the repository's turbo cache, read-only", () => {
    expect(plan('npm test')).toMatchObject({
      how: 'run',
      command: 'npm test',
      env: { TURBO_CACHE_DIR: '/r/.turbo/cache', TURBO_CACHE: 'local:r' },
      long: true,
    });
  });

  test('benchmarks and the notebook recipe run their smoke runs; deploys run dry', () => {
    expect(plan('npx lstm-adder-train --preset seed --out n.json')).toMatchObject({
      how: 'run',
      command: 'npx lstm-adder-train --preset seed --out n.json --epochs 2',
    });
    expect(plan('npm run bench -w @lstm-adder/trainer -- cli')).toMatchObject({
      how: 'run',
      command: 'npm run bench -w @lstm-adder/trainer -- cli',
      env: { BENCH_QUICK: '1' },
    });
    expect(plan('npm run deploy -w @lstm-adder/edge-api')).toMatchObject({
      how: 'run',
      command: 'npm run deploy -w @lstm-adder/edge-api -- --dry-run',
    });
    expect(plan('npm run deploy -w @lstm-adder/edge-api -- --var X:y')).toMatchObject({
      command: 'npm run deploy -w @lstm-adder/edge-api -- --var X:y --dry-run',
    });
  });

  test('templates, interactive and publishing commands, and this test itself cannot run', () => {
    for (const command of [
      'npm run train -- --config <file>',
      'npx changeset',
      'npm login',
      'npm run release',
      'npx wrangler login',
      'npx playwright install chromium',
      'npm run test:docs',
      'DOCS_FULL=1 npm run test:docs',
      'npm run test:docs -w @lstm-adder/docs-tests',
    ]) {
      expect(plan(command), command).toMatchObject({ how: 'not-run' });
    }
  });
});

describe('countWords', () => {
  test('counts as wc -w does: runs of non-space characters', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('  one two\n\nthree\t`four`  — five ')).toBe(6);
  });
});
