// The lstm-adder-train command, run as a user runs it (through bin/, in a child process).
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWeights } from '@lstm-adder/core';
import { describe, expect, test } from 'vitest';
import { cli, tempDir } from './run-cli.js';

/** Exit 2, exactly one line on stderr matching `message`, nothing on stdout. */
function expectUsageError(r: { code: number; stdout: string; stderr: string }, message: RegExp) {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trimEnd()).toMatch(message);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stdout).toBe('');
}

// Every refusal is tested in process (options.test.ts, output-paths.test.ts); these check the wiring end to end.
describe.concurrent('bad input exits 2 with one line, before anything loads or trains', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'a-dir'));
  test.each([
    [['--arch', 'lstm'], /^error: --arch: expected "vector" or "serial", got "lstm"$/],
    [['--arch', 'serial', '--holdout', '0.1'], /^error: --holdout: applies to arch vector only/],
    [['--out', '/proc/nope/x.json'], /^error: --out "\/proc\/nope\/x.json": cannot be written/],
    [['--lr', 'Infinity'], /^error: --lr: expected a positive number, got "Infinity"$/],
    [['--hidden', '0x10'], /^error: --hidden: expected an integer from 1 to 512, got "0x10"$/],
    [['--out', join(dir, 'ok.json'), '--report', join(dir, 'a-dir')], /^error: --report ".*a-dir": is a directory/],
  ])('%j', async (args, message) => {
    expectUsageError(await cli([...args, '--backend', 'cpu']), message);
  });
  test('an --out of 100,000 characters (near the limit of one argument) is quoted, cut to 40', async () => {
    const r = await cli(['--out', 'x'.repeat(100_000)]);
    expectUsageError(r, /^error: --out "x{40}…" \(100000 characters\): cannot be written \(ENAMETOOLONG\)$/);
  });
  test.sequential('and leave nothing behind', () => {
    expect(readdirSync(dir)).toEqual(['a-dir']);
  });
});

describe('a short run that core does not verify', () => {
  test('lowers the loss, is reproducible from its seed, leaves --out byte-identical and exits 3', async () => {
    const dir = tempDir();
    const args = (out: string) => [
      '--arch',
      'vector',
      '--hidden',
      '4',
      '--epochs',
      '4',
      '--batch',
      '2048',
      '--seed',
      '5',
      '--backend',
      'wasm',
      '--json',
      '--out',
      out,
    ];
    writeFileSync(join(dir, 'a.json'), 'a verified model\n');
    const [first, second] = await Promise.all([
      cli(args(join(dir, 'a.json'))),
      cli([...args(join(dir, 'b.json')), '--allow-unverified']),
    ]);
    expect(first.code, first.stderr).toBe(3);
    expect(second.code, second.stderr).toBe(0);

    const lines = first.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            event: string;
            loss?: number;
            backend?: string;
            verdict?: string;
            out?: string;
            message?: string;
          },
      );
    expect(lines[0]).toMatchObject({ event: 'info', backend: 'wasm' }); // first line: which backend and why
    const losses = lines.filter((l) => l.event === 'epoch').map((l) => l.loss!);
    expect(losses).toHaveLength(4);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);
    const summary = lines.at(-1)!;
    expect(summary).toMatchObject({
      event: 'summary',
      verdict: 'unverified',
      out: join(dir, 'a.unverified.json'),
      status: 3,
    });
    expect(summary.message).toMatch(/^NOT verified: vector H=4: 4 epochs \(epoch limit of 4\)/);

    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('a verified model\n'); // byte-identical
    const a = parseWeights(JSON.parse(readFileSync(join(dir, 'a.unverified.json'), 'utf8')));
    const b = parseWeights(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'))); // --allow-unverified: at --out
    expect(existsSync(join(dir, 'b.unverified.json'))).toBe(false);
    expect(a.arch).toBe('vector');
    expect(a.hiddenSize).toBe(4);
    expect(b.lstm).toEqual(a.lstm);
    expect(b.dense).toEqual(a.dense);
    expect(a.meta.history).toHaveLength(4);
    expect(a.meta.verification).toMatchObject({ passed: false });
  }, 240_000); // two training processes at once; slow when other suites train too

  test('the plain output says what it did in words: the verdict, the file written, the one left alone', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'm.json'), 'previous\n');
    const r = await cli(
      ['--hidden', '2', '--epochs', '1', '--batch', '4096', '--backend', 'wasm', '--out', 'm.json'],
      dir,
    );
    expect(r.code, r.stderr).toBe(3);
    expect(r.stdout).toMatch(/^NOT verified: vector H=2: 1 epochs \(epoch limit of 1\)/m);
    expect(r.stdout).toContain('wrote "m.unverified.json"\n');
    expect(r.stdout).toContain(
      '"m.json" left unchanged; the unverified model is in "m.unverified.json" (--allow-unverified writes it to ' +
        '"m.json"); exit 3',
    );
    expect(readFileSync(join(dir, 'm.json'), 'utf8')).toBe('previous\n');
  });
});
