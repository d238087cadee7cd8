// The package as npm users get it: packed, linted (publint, attw), installed into a project outside the repo, where the
// README's example must run as written under ESM import and CJS require, and type-check under node16 and bundler.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatMessage } from 'publint/utils';
import { publint } from 'publint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const bin = (name: string, path: string) => join(require.resolve(`${name}/package.json`), '..', path);
const tsc = bin('typescript', 'bin/tsc');
const attw = bin('@arethetypeswrong/cli', 'dist/index.js');

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });

/** The README's first ```ts block: the example a user copies. */
function readmeExample(): string {
  const block = /```ts\n([\s\S]*?)```/.exec(readFileSync(join(pkgDir, 'README.md'), 'utf8'))?.[1];
  if (!block) throw new Error('README.md has no ```ts example');
  return block;
}

/** The same example in CommonJS: each `import … from` becomes a `require`, nothing else changes. */
function asCommonJs(example: string): string {
  return example
    .replace(/^import \{([^}]*)\} from ('[^']+');$/gm, 'const {$1} = require($2);')
    .replace(/^import (\w+) from ('[^']+') with \{ type: 'json' \};$/gm, 'const $1 = require($2);');
}

// What the example must print when it ends with `console.log(JSON.stringify(result))`: 57 + 99 from arithmetic.
const EXPECTED = {
  a: '57',
  b: '99',
  sum: '156',
  bits: { a: '00111001', b: '01100011', sum: '10011100' },
  correct: true,
};

let scratch = '';
let tarball = '';

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'lstm-adder-core-pack-'));
  // Run alone, npm pack's `prepare` builds the current sources into the tarball. Under turbo, core#build has just
  // done that (turbo.json: test depends on build) and other packages' tests may be reading dist while this runs:
  // a second build would delete and rewrite it under them, so the tarball takes turbo's build as it is.
  const scripts = process.env.TURBO_HASH ? ['--ignore-scripts'] : [];
  run('npm', ['pack', '--silent', ...scripts, '--pack-destination', scratch], pkgDir); // stdout may hold the build log
  tarball = join(scratch, readdirSync(scratch).find((f) => f.endsWith('.tgz'))!);
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], scratch);
}, 120_000);

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('the packed @lstm-adder/core', () => {
  it('holds the build, the models, README and LICENSE, and no sources or tests', () => {
    const files = run('tar', ['-tzf', tarball], scratch)
      .trim()
      .split('\n')
      .map((f) => f.replace(/^package\//, ''))
      .sort();
    expect(files).toEqual([
      'LICENSE',
      'README.md',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/index.js.map',
      'dist/proof.d.ts',
      'dist/proof.js',
      'dist/proof.js.map',
      'dist/shared.d.ts',
      'dist/shared.js',
      'dist/shared.js.map',
      'models/serial.certificate.json',
      'models/serial.json',
      'models/vector.json',
      'package.json',
    ]);
    for (const name of ['index', 'proof', 'shared']) {
      const file = join(scratch, `node_modules/@lstm-adder/core/dist/${name}.js.map`);
      const map = JSON.parse(readFileSync(file, 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      // The maps name ../src files the package does not ship, so they must carry the sources themselves.
      expect(map.sourcesContent?.length).toBe(map.sources.length);
      expect(map.sourcesContent?.every((s) => s.length > 0)).toBe(true);
    }
  });

  it('passes publint with no message at all', async () => {
    const { messages, pkg } = await publint({
      pack: { tarball: new Uint8Array(readFileSync(tarball)).buffer },
      strict: true,
    });
    expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
  });

  it('passes attw (are the types wrong), ESM-only profile: require() reaches the ESM build by require(esm)', () => {
    run(process.execPath, [attw, tarball, '--profile', 'esm-only', '--format', 'ascii'], pkgDir);
  });

  it('runs the README example as written under ESM import', () => {
    writeFileSync(join(scratch, 'example.mjs'), `${readmeExample()}\nconsole.log(JSON.stringify(result));\n`);
    expect(JSON.parse(run(process.execPath, ['example.mjs'], scratch))).toMatchObject(EXPECTED);
  });

  it("runs the README's proof example from @lstm-adder/core/proof: the shipped serial model proven and checked", () => {
    const text = readFileSync(join(pkgDir, 'README.md'), 'utf8');
    const block = /```ts\n([\s\S]*?)```/.exec(text.slice(text.indexOf('## Proofs')))?.[1];
    expect(block).toMatch(/@lstm-adder\/core\/proof/);
    const report = 'console.log(JSON.stringify({ proven: proof.proven, valid: check.valid, wrong }));';
    writeFileSync(join(scratch, 'prove.mjs'), `${block}\n${report}\n`);
    expect(JSON.parse(run(process.execPath, ['prove.mjs'], scratch))).toEqual({
      proven: true,
      valid: true,
      wrong: null,
    });
  });

  it('runs the README example under CommonJS require (require(esm), Node ≥ 20.19)', () => {
    writeFileSync(
      join(scratch, 'example.cjs'),
      `${asCommonJs(readmeExample())}\nconsole.log(JSON.stringify(result));\n`,
    );
    expect(JSON.parse(run(process.execPath, ['--no-warnings', 'example.cjs'], scratch))).toMatchObject(EXPECTED);
  });

  // module node18 is the first to accept the example's import attributes (`with { type: 'json' }`) with node16
  // resolution.
  // skipLibCheck as most projects set it: checking valibot's own declarations would take the test's whole budget.
  it.each([
    ['node16', { module: 'node18', moduleResolution: 'node16' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])('type-checks the README example with moduleResolution %s', (name, options) => {
    writeFileSync(join(scratch, `example-${name}.ts`), readmeExample());
    const compilerOptions = {
      ...options,
      target: 'es2022',
      strict: true,
      noEmit: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      types: [],
    };
    writeFileSync(
      join(scratch, `tsconfig.${name}.json`),
      JSON.stringify({ compilerOptions, files: [`example-${name}.ts`] }),
    );
    run(process.execPath, [tsc, '-p', `tsconfig.${name}.json`], scratch);
  });
});
