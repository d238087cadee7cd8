// Running this package's wrangler from Node scripts and tests: one-shot commands (`deploy --dry-run`) and a
// `wrangler dev` server on a free loopback port, stopped with its whole process group (workerd included).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
export const HOST = '127.0.0.1';
const WRANGLER = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
const ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  NO_COLOR: '1',
  CI: '1',
};

/** Runs `wrangler <args>` in apps/edge-api to the end; throws with its output when it fails. */
export function runWrangler(args: string[]): { stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [WRANGLER, ...args], { cwd: APP_DIR, encoding: 'utf8', env: ENV });
  if (run.status !== 0)
    throw new Error(`wrangler ${args.join(' ')} failed with exit code ${run.status}:\n${run.stdout}\n${run.stderr}`);
  return { stdout: run.stdout, stderr: run.stderr };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export interface DevServer {
  url: string;
  stop(): void;
}

/** Starts `wrangler dev <args>` on a free port and waits until GET /health answers 200. */
export async function startWranglerDev(args: string[] = []): Promise<DevServer> {
  const [port, inspector] = [await freePort(), await freePort()];
  const child: ChildProcess = spawn(
    process.execPath,
    [
      WRANGLER,
      'dev',
      '--ip',
      HOST,
      '--port',
      String(port),
      '--inspector-port',
      String(inspector),
      '--log-level',
      'warn',
      '--show-interactive-dev-session=false',
      ...args,
    ],
    { cwd: APP_DIR, env: ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const stop = () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  process.once('exit', stop);
  const url = `http://${HOST}:${port}`;
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log}`);
    try {
      if ((await fetch(`${url}/health`)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop();
  throw new Error(`wrangler dev did not answer on ${url} within 90 s:\n${log}`);
}
