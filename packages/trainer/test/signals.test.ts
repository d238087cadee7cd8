// Ctrl-C (SIGINT) and SIGTERM at any point of a run, the built programs run as a user runs them: exit 130 (143),
// the previous model file byte for byte as it was, and no temporary file left, whether the signal comes while the
// backend starts, mid-training, after the last epoch (digit choice and verification), or twice.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseWeights } from '@lstm-adder/core';
import { describe, expect, test } from 'vitest';
import { bin, env, tempDir, trainAllScript } from './run-cli.js';

const scratch = fileURLToPath(new URL('../scratch', import.meta.url));

interface Signalled {
  dir: string;
  code: number | null;
  /** How many of the signals were sent while the program still ran (it may leave before a later one). */
  delivered: number;
  stdout: string;
  stderr: string;
  files: string[];
}

/**
 * Runs a program in a folder holding `model.json` ("previous model") and sends `signals` (to its process group, as a
 * terminal's Ctrl-C does) once its output contains `when`, `gapMs` apart, while it still runs.
 */
async function signalled(
  script: string,
  args: string[],
  when: RegExp,
  signals: NodeJS.Signals[],
  gapMs = 100,
): Promise<Signalled> {
  const dir = tempDir();
  writeFileSync(join(dir, 'model.json'), 'previous model\n');
  const child = spawn(process.execPath, [script, ...args], { cwd: dir, env, detached: true });
  let stdout = '',
    stderr = '',
    sent = false,
    delivered = 0;
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => {
    child.stdout.on('data', async (chunk: Buffer) => {
      stdout += chunk.toString();
      if (sent || !when.test(stdout)) return;
      sent = true;
      for (const signal of signals) {
        if (child.exitCode !== null || child.signalCode !== null) return; // it left after an earlier signal
        try {
          process.kill(-child.pid!, signal);
          delivered++;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error; // ESRCH: gone between check and kill
          return;
        }
        await new Promise((wait) => setTimeout(wait, gapMs));
      }
    });
    child.on('exit', (status) => resolve(status));
  });
  expect(sent, `never saw ${when} in: ${stdout}${stderr}`).toBe(true);
  expect(readFileSync(join(dir, 'model.json'), 'utf8')).toBe('previous model\n');
  const files = readdirSync(dir, { recursive: true }).map(String);
  expect(files.filter((f) => /\.tmp$|\.probe$/.test(f))).toEqual([]);
  return { dir, code, delivered, stdout, stderr, files };
}

const cli = (args: string[]) => ['--backend', 'wasm', '--out', 'model.json', ...args];
const serial = cli(['--arch', 'serial', '--epochs', '1000', '--max-seconds', '60']);
/** A vector run whose one epoch ends in a second; the digit choice and verification after it take longer. */
const vector = cli(['--hidden', '4', '--epochs', '1', '--batch', '4096', '--allow-unverified']);

describe.concurrent('lstm-adder-train', () => {
  test('Ctrl-C mid-training: 130, the best weights so far kept aside as a model core reads', async () => {
    const r = await signalled(bin, serial, /epoch 1\//, ['SIGINT']);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).toMatch(/^interrupted: "model.json" left unchanged; the best weights so far \(epoch \d+ of \d+/m);
    expect(r.stdout).toContain('are in "model.interrupted.json"');
    const weights = parseWeights(JSON.parse(readFileSync(join(r.dir, 'model.interrupted.json'), 'utf8')));
    expect([weights.arch, weights.meta.stopReason]).toEqual(['serial', 'interrupted']);
  });

  test('SIGTERM mid-training: 143', async () => {
    const r = await signalled(bin, serial, /epoch 1\//, ['SIGTERM']);
    expect(r.code, r.stderr).toBe(143);
    expect(r.stdout).toMatch(/^interrupted: "model.json" left unchanged/m);
  });

  test('Ctrl-C after the last epoch, while the digits are chosen and core verifies: 130, nothing written', async () => {
    const r = await signalled(bin, vector, /epoch 1\/1 /, ['SIGINT']);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).not.toMatch(/^wrote /m);
    expect(r.stdout).toMatch(/^interrupted: "model.json" left unchanged; /m);
  });

  test('SIGTERM as soon as the backend is up: 143', async () => {
    const r = await signalled(bin, serial, /^backend: /m, ['SIGTERM']);
    expect(r.code, r.stderr).toBe(143);
    expect(r.stdout).toMatch(/^interrupted: "model.json" left unchanged; /m);
  });

  test('a second Ctrl-C leaves at once: 130, before the first is acted on', async () => {
    // Both come within the first epoch (about a second), and the first is acted on only after it: the second leaves
    // at once, so the interrupted run's summary is never printed.
    const r = await signalled(
      bin,
      cli(['--hidden', '4', '--epochs', '3', '--batch', '4096']),
      /^backend: /m,
      ['SIGINT', 'SIGINT'],
      20,
    );
    expect(r.delivered, 'the program left before the second Ctrl-C').toBe(2);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stdout).not.toMatch(/^interrupted: /m);
  });
});

test('npm run train: SIGTERM mid-training leaves every model file as it was (143)', async () => {
  const dir = tempDir();
  const config = join(dir, 'train.config.json');
  const tiny = { hidden: 2, epochs: 1000, batchesPerEpoch: 5, maxSeconds: 60 };
  const models = [{ arch: 'serial', out: 'model.json', report: 'r.svg', overrides: tiny }];
  writeFileSync(config, JSON.stringify({ models }));
  const side = join(scratch, 'model.interrupted.json');
  try {
    const r = await signalled(trainAllScript, ['--config', config], /epoch 2\//, ['SIGTERM']);
    expect(r.code, r.stderr).toBe(143);
    expect(r.stdout).toMatch(/^interrupted: the model files were left unchanged; the best weights so far .* are in /m);
    expect(r.files).not.toContain('r.svg');
    expect(parseWeights(JSON.parse(readFileSync(side, 'utf8'))).meta.stopReason).toBe('interrupted');
  } finally {
    rmSync(side, { force: true });
  }
});
