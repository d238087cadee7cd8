// The lstm-adder-train command, run as a user runs it (through bin/, in a child process).
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseWeights } from '@lstm-adder/core';
import { describe, expect, test } from 'vitest';

const bin = fileURLToPath(new URL('../bin/lstm-adder-train.js', import.meta.url));
const run = promisify(execFile);
const env = { ...process.env };
delete env.TRAIN_BACKEND; // the flag's default may come from this variable; tests pass --backend explicitly

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe.concurrent('bad input exits 2 with a message naming the flag and what it accepts', () => {
  test.each([
    [['--arch', 'lstm'], /--arch.*'lstm' is invalid.*vector, serial/s],
    [['--loss', 'hinge'], /--loss.*mse, bce/s],
    [['--backend', 'gpu'], /--backend.*auto, tensorflow, wasm, cpu/s],
    [['--preset', 'fast'], /--preset.*seed, default/s],
    [['--lr', '-1'], /--lr accepts a positive number/],
    [['--hidden', '2.5'], /--hidden accepts an integer from 1 to 512/],
    [['--epochs', 'ten'], /--epochs accepts an integer/],
    [['--holdout', '1.5'], /--holdout accepts a fraction from 0 to 0.9/],
    [['--train-widths', '9-3'], /--train-widths accepts a width or a range/],
    [['--max-seconds', '0'], /--max-seconds accepts a positive number/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['--preset', 'seed', '--arch', 'serial'], /--preset seed is the notebook's vector recipe/],
    [['--arch', 'serial', '--holdout', '0.1'], /--holdout applies to --arch vector only/],
  ])('%j', async (args, message) => {
    const { code, stderr, stdout } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });
});

describe('a short serial run', () => {
  test('lowers the loss, exports a valid model, and a second run with the seed gives identical weights', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstm-adder-train-'));
    const args = (out: string) => ['--arch', 'serial', '--hidden', '4', '--epochs', '4', '--seed', '5', '--train-widths', '1-8', '--backend', 'wasm', '--json', '--out', out];
    const [first, second] = await Promise.all([cli(args(join(dir, 'a.json'))), cli(args(join(dir, 'b.json')))]);
    expect(first.code, first.stderr).toBe(0);
    expect(second.code, second.stderr).toBe(0);

    const lines = first.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; loss?: number; backend?: string });
    expect(lines[0]).toMatchObject({ event: 'info', backend: 'wasm' }); // first line: which backend and why
    const losses = lines.filter((l) => l.event === 'epoch').map((l) => l.loss!);
    expect(losses).toHaveLength(4);
    expect(losses.at(-1)!).toBeLessThan(losses[0]!);

    const a = parseWeights(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')));
    const b = parseWeights(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8')));
    expect(a.arch).toBe('serial');
    expect(a.hiddenSize).toBe(4);
    expect(b.lstm).toEqual(a.lstm);
    expect(b.dense).toEqual(a.dense);
    expect((a.meta as { history: unknown[] }).history).toHaveLength(4);
  });
});

describe('Ctrl-C', () => {
  test('stops cleanly with status 130 and leaves the previous model file intact', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lstm-adder-train-'));
    const out = join(dir, 'model.json');
    writeFileSync(out, 'previous model\n');
    const child = spawn(process.execPath, [bin, '--arch', 'serial', '--epochs', '1000', '--max-seconds', '60', '--backend', 'wasm', '--json', '--out', out], { env, detached: true });
    let stdout = '';
    let sent = false;
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        // once training is under way, interrupt the process group, as Ctrl-C in a terminal does
        if (stdout.includes('"event":"epoch"') && !sent) { sent = true; process.kill(-child.pid!, 'SIGINT'); }
      });
      child.on('exit', (status) => resolve(status));
    });
    expect(code).toBe(130);
    expect(stdout).toMatch(/interrupted: .* left unchanged/);
    expect(readFileSync(out, 'utf8')).toBe('previous model\n');
  });
});
