// What the browser tests run against: `wrangler dev` for apps/edge-api on a free loopback port, the page twice
// (BUILT and served by `vite preview`, and from source by Vite's dev server, as `npm start` serves it), and
// Debian's Chromium driven by playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium } from 'playwright-core';
import { build, createServer, type PreviewServer, preview, type ViteDevServer } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));
export const APP_DIR = resolve(here, '../..');
const REPO = resolve(APP_DIR, '../..');
const EDGE_API_DIR = resolve(REPO, 'apps/edge-api');

/** A port nobody is listening on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createNetServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

async function waitFor(url: string, child: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`wrangler dev did not answer ${url} within ${timeoutMs / 1000} s:\n${log()}`);
}

export interface RunningApi {
  url: string;
  stop(): Promise<void>;
}

// Process groups still running, killed hard if the test process exits before the harness stops them.
const running = new Set<number>();
process.on('exit', () => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Starts `wrangler dev` (local workerd) for apps/edge-api on `port`, allowing CORS from the pages' origins. */
export async function startApi(port: number, pageOrigins: string[]): Promise<RunningApi> {
  const inspectorPort = await freePort();
  // edge-api's own wrangler (4.86.0, the last for Node 20), wherever npm put it.
  const wrangler = [
    resolve(EDGE_API_DIR, 'node_modules/.bin/wrangler'),
    resolve(REPO, 'node_modules/.bin/wrangler'),
  ].find((p) => existsSync(p));
  if (!wrangler)
    throw new Error('wrangler is not installed: run `npm ci` at the repository root (apps/edge-api depends on it).');
  const persist = mkdtempSync(join(tmpdir(), 'playground-wrangler-'));
  const child = spawn(
    wrangler,
    [
      'dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspectorPort),
      '--show-interactive-dev-session=false',
      '--persist-to',
      persist,
      '--var',
      `CORS_ORIGINS:${pageOrigins.join(',')}`,
    ],
    {
      cwd: EDGE_API_DIR,
      detached: true, // its own process group, so stop() also ends workerd
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        NO_COLOR: '1',
        CI: '1',
      },
    },
  );
  if (child.pid) running.add(child.pid);
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }
    if (child.pid) running.delete(child.pid);
    rmSync(persist, { recursive: true, force: true });
  };
  try {
    await waitFor(`${url}/health`, child, () => output, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** `vite build` of the page with the API's URL baked in (VITE_API_URL), into a temporary folder. */
export async function buildPage(apiUrl: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'playground-dist-'));
  process.env.VITE_API_URL = apiUrl;
  try {
    await build({ root: APP_DIR, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    delete process.env.VITE_API_URL;
  }
  return outDir;
}

/** Serves a built page with `vite preview` on a port the OS picks; returns the server and its origin. */
export async function servePage(outDir: string): Promise<{ server: PreviewServer; origin: string }> {
  const server = await preview({
    root: APP_DIR,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not report its port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/** Vite's dev server for the page, as `npm start` runs it, with the API's URL set (VITE_API_URL) like a build's. */
export async function serveDev(apiUrl: string): Promise<{ server: ViteDevServer; origin: string }> {
  process.env.VITE_API_URL = apiUrl;
  let server: ViteDevServer;
  try {
    server = await createServer({
      root: APP_DIR,
      logLevel: 'warn',
      clearScreen: false,
      server: { host: '127.0.0.1', port: 0, strictPort: false },
    });
  } finally {
    delete process.env.VITE_API_URL;
  }
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('the Vite dev server did not report its port');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/** Where the browser tests find the page and the API (test/e2e/stack.setup.ts starts them once per run). */
export interface StackUrls {
  /** The built page (`vite build`, served by `vite preview`). */
  pageUrl: string;
  /** The page from source, on Vite's dev server (what `npm start` serves). */
  devUrl: string;
  apiUrl: string;
}

export interface Stack extends StackUrls {
  stop(): Promise<void>;
}

/**
 * The page built with the API's URL baked in, the same page on Vite's dev server, and the API (allowing both
 * origins). The API's port is picked before wrangler binds it, so another process may take it in between: then
 * try again with a new one.
 */
export async function startStack(attempts = 3): Promise<Stack> {
  for (let attempt = 1; ; attempt++) {
    const apiUrl = `http://127.0.0.1:${await freePort()}`;
    const outDir = await buildPage(apiUrl);
    const built = await servePage(outDir);
    const dev = await serveDev(apiUrl);
    const cleanPages = async () => {
      await built.server.close();
      await dev.server.close();
      rmSync(outDir, { recursive: true, force: true });
    };
    try {
      const api = await startApi(Number(new URL(apiUrl).port), [built.origin, dev.origin]);
      return {
        pageUrl: built.origin,
        devUrl: dev.origin,
        apiUrl,
        async stop() {
          await api.stop();
          await cleanPages();
        },
      };
    } catch (error) {
      await cleanPages();
      if (attempt >= attempts) throw error;
    }
  }
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export interface Chromium {
  browser: Browser;
  /** A first context, for tests that need only one. */
  context: BrowserContext;
  /** A fresh context: no storage, no history, as another visitor's browser. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Debian's Chromium, headless. Fails with how to install it when it is missing. */
export async function launchChromium(options: { webgl?: boolean } = {}): Promise<Chromium> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `No Chromium at ${CHROMIUM_PATH}. The playground's browser tests need a real Chromium: ` +
        "on Debian/Ubuntu run `sudo apt-get install -y chromium` (CI's .ci/run does), " +
        'or set CHROMIUM_PATH to a Chromium/Chrome binary. Do not use `npx playwright install`.',
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // webgl: keep WebGL, through SwiftShader when there is no GPU (what a GPU-less visitor's Chromium does).
    args: [
      '--no-sandbox',
      ...(options.webgl ? ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'] : ['--disable-gpu']),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const newContext = (options: BrowserContextOptions = {}) =>
    browser.newContext({ viewport: { width: 1200, height: 900 }, ...options });
  return { browser, context: await newContext(), newContext, close: () => browser.close() };
}
