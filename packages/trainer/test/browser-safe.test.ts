// The training loop must run in a browser later: outside src/node and src/cli, no module may import Node built-ins
// or touch `process`.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, relative } from 'node:path';
import { expect, test } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
const nodeOnly = /^(node|cli)\//;
const NODE_BUILTINS = /from '(node:[^']+|fs|path|os|child_process|url|module|util)'|\bprocess\.|\brequire\(/;

test('training, data, export and verification modules use no Node built-ins', () => {
  const checked = files(src)
    .map((f) => relative(src, f))
    .filter((f) => f.endsWith('.ts') && !nodeOnly.test(f));
  expect(checked).toEqual(
    expect.arrayContaining([
      'loop.ts',
      'train-vector.ts',
      'train-serial.ts',
      'lstm.ts',
      'pipeline.ts',
      'verify.ts',
      'data/vector-pairs.ts',
    ]),
  );
  const offenders = checked.filter((f) => NODE_BUILTINS.test(readFileSync(join(src, f), 'utf8')));
  expect(offenders).toEqual([]);
});
