// Runs the trainer's commands as a user does (node + the script, in a child process) and collects the result.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built programs, as the package ships them (test/global-setup.ts builds them when src/ is newer). */
export const bin = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
export const trainAllScript = fileURLToPath(new URL('../dist/train-all.js', import.meta.url));
export const env = { ...process.env };
delete env.TRAIN_BACKEND; // the flag's default may come from this variable; tests pass --backend explicitly
delete env.FORCE_COLOR;

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
}

export function run(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      args,
      { env: options.env ?? env, cwd: options.cwd, timeout: 300_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000 });
      },
    );
  });
}

/** lstm-adder-train with these flags. */
export const cli = (args: string[], cwd?: string) => run([bin, ...args], { cwd });
/** `npm run train`'s script with these flags. */
export const trainAll = (args: string[], cwd?: string) => run([trainAllScript, ...args], { cwd });

export const tempDir = () => mkdtempSync(join(tmpdir(), 'lstm-adder-train-'));
