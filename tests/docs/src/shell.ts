// Child processes for the docs test: run a command to its end, or keep a server running and stop it with its group.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** The test runner's own variables (VITEST, NODE_ENV=test…) would change what the commands do: drop them. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(VITEST|NODE_ENV$|TEST$|npm_|INIT_CWD$|TURBO_HASH$|TURBO_INVOCATION_DIR$)/.test(key)) env[key] = value;
  }
  return {
    ...env,
    TURBO_TELEMETRY_DISABLED: '1',
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    ...extra,
  };
}

export interface Outcome {
  code: number | null;
  output: string;
  stdout: string;
  ms: number;
}

/** Runs `command` with bash in `cwd`; resolves when it ends (killing its whole group after `timeoutMs`). */
export function run(command: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn('bash', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d;
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => (output += d));
    const timer = setTimeout(() => {
      output += `\n[docs test: killed after ${timeoutMs / 1000} s]`;
      stop(child);
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, stdout, ms: performance.now() - started });
    });
  });
}

export interface Server {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export function serve(command: string, cwd: string, env: NodeJS.ProcessEnv): Server {
  const child = spawn('bash', ['-c', command], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return {
    child,
    output: () => output,
    async stop() {
      stop(child);
      await Promise.race([closed, new Promise((r) => setTimeout(r, 10_000))]);
      stop(child, 'SIGKILL');
    },
  };
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Polls `url` until it answers 200 or `timeoutMs` passes. */
export async function waitFor(url: string, timeoutMs: number, alive: () => boolean): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end && alive()) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

/** A copy of the fresh clone with its own ports: the commands that run at the same time each get their own. */
export interface Lane {
  clone: string;
  env: NodeJS.ProcessEnv;
  apiPort: number;
  playgroundPort: number;
}

/** The copies not in use; `take` waits for one. */
export class Lanes {
  private free: Lane[] = [];
  private waiting: ((lane: Lane) => void)[] = [];

  add(lane: Lane): void {
    this.give(lane);
  }

  take(): Promise<Lane> {
    const lane = this.free.shift();
    return lane ? Promise.resolve(lane) : new Promise((resolve) => this.waiting.push(resolve));
  }

  give(lane: Lane): void {
    const next = this.waiting.shift();
    if (next) next(lane);
    else this.free.push(lane);
  }
}

/** One holder at a time: `take` resolves to the function that releases it. */
export class Lock {
  private tail: Promise<void> = Promise.resolve();

  take(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const turn = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return turn;
  }
}
