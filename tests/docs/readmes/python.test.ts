// The trainer README's Python snippets (packages/trainer/docs/*.py; the trainer's readme test checks the README shows
// them verbatim), run with PyTorch: the CLI's exports of the shipped models, in both layouts and both dtypes, load
// with strict=True and add right in torch (python/check_snippets.py), and the file the save snippet writes is one the
// CLI imports, with the pairs torch gets right. Without PyTorch this fails: it is never skipped.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { REPO } from '../src/readmes.js';

/** Debian's python3-torch installs into Debian's own python3; a python3 earlier on PATH (pyenv) may not have it. */
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const CLI = join(REPO, 'packages/trainer/dist/cli.js');
const MINUTE = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'lstm-adder-python-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: REPO, timeout: 5 * MINUTE }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr: stderr || String(error?.message ?? '') });
    });
  });
}

test(`PyTorch is importable by ${PYTHON} (apt-get install -y python3-torch; .ci/run installs it)`, async () => {
  const r = await run(PYTHON, ['-c', 'import torch; print(torch.__version__)']);
  expect(r.code, `${PYTHON} cannot import torch: ${r.stderr}`).toBe(0);
});

test(
  "the shipped models' exports load with strict=True and add right in torch; the saved notebook model imports",
  async () => {
    expect(existsSync(CLI), `${CLI} is missing: npm ci builds it`).toBe(true);
    const exports = join(dir, 'exports');
    for (const arch of ['serial', 'vector'])
      for (const layout of ['torch', 'notebook'])
        for (const dtype of ['f64', 'f32']) {
          const out = join(exports, `${arch}.${layout}.${dtype}.safetensors`);
          const model = join(REPO, `packages/core/models/${arch}.json`);
          const e = await run(process.execPath, [
            CLI,
            'export',
            model,
            '--out',
            out,
            '--layout',
            layout,
            '--dtype',
            dtype,
          ]);
          expect(e.code, e.stderr).toBe(0);
        }
    const check = await run(PYTHON, [join(REPO, 'tests/docs/python/check_snippets.py'), exports, dir]);
    expect(check.code, `${check.stdout}\n${check.stderr}`).toBe(0);
    const lines = check.stdout.trimEnd().split('\n');
    expect(
      lines.filter((l) => /strict=True\): (200\/200|16384\/16384) right$/.test(l)),
      check.stdout,
    ).toHaveLength(8);
    expect(lines.filter((l) => l.includes('add_serial.py printed [0, 0, 0, 1]'))).toHaveLength(2);

    // The notebook's class holding the notebook.f32 fixture's weights, saved by the README's snippet: the CLI
    // imports it with the count of right pairs torch recorded for that fixture.
    const reference = JSON.parse(
      readFileSync(join(REPO, 'packages/core/test/fixtures/torch/notebook.f32.json'), 'utf8'),
    );
    const i = await run(process.execPath, [
      CLI,
      'import',
      join(dir, 'notebook.safetensors'),
      '--out',
      join(dir, 'notebook.json'),
      '--json',
    ]);
    expect(i.code, i.stderr).toBe(0);
    expect(JSON.parse(i.stdout)).toMatchObject({
      layout: 'notebook',
      dtypes: ['F32'],
      pairs: { right: reference.right },
    });
  },
  10 * MINUTE,
);
