// npm run bench -w @lstm-adder/playground: training in the page (headless Chromium, the built Train view) against
// the trainer's CLI, in one run. Serial seed 1 per backend: seconds from pressing play to core-verified exact, and
// whether the browser's weights equal the CLI's on the same backend; vector seed 1 to 100 % of the pairs; the
// answer's latency to a typed operand while training runs; first-load and Train view sizes (gzip -9).
// Prints a table and writes bench/results.json. Slow (minutes) and noisy on a shared machine: not part of CI.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseWeights, type Weights } from '@lstm-adder/core';
import type { Page } from 'playwright-core';
import { APP_DIR, buildPage, launchChromium, servePage } from '../test/e2e/servers';
import { typingLatencies } from '../test/e2e/typing';

const REPO = resolve(APP_DIR, '../..');
const CLI = resolve(REPO, 'packages/trainer/bin/lstm-adder-train.js');
const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
// BENCH_QUICK=1 (the docs test): wasm only, no vector, and the JSON printed instead of replacing results.json.
const QUICK = process.env.BENCH_QUICK === '1';
if (QUICK) {
  args.set('backends', args.get('backends') ?? 'wasm');
  args.set('vector', 'no');
}
const BROWSER_BACKENDS = (args.get('backends') ?? 'wasm,cpu,webgl').split(',');
const CLI_BACKENDS = BROWSER_BACKENDS.filter((b) => b !== 'webgl'); // Node has no WebGL
const RUN_VECTOR = args.get('vector') !== 'no';
const TIMEOUT_MS = Number(args.get('timeout') ?? 600) * 1000;
const SHIPPED_SERIAL = resolve(REPO, 'packages/core/models/serial.json');
const DEAD_API = 'http://127.0.0.1:9'; // nothing listens: answers come from the shipped weights, and no API noise

const latencies: number[] = [];
const idleLatencies: number[] = [];

interface Run {
  where: 'browser' | 'cli';
  arch: string;
  backend: string;
  seconds: number | null;
  trainSeconds: number | null;
  epochs: number | null;
  exact: boolean;
  note: string;
  weights?: Weights;
}
const runs: Run[] = [];

const tmp = mkdtempSync(join(tmpdir(), 'playground-bench-'));
const outDir = await buildPage(DEAD_API);
const sizes: Record<string, { files: number; raw: number; gzip: number }> = {};
const { server, origin } = await servePage(outDir);
// WebGL stays on (SwiftShader here, as in any GPU-less Chromium), so backend=webgl measures what such a visitor gets.
const browser = await launchChromium({ webgl: true });

/** Which built files a page load fetched, gzipped one by one. */
function gzipOf(urls: string[]): { files: number; raw: number; gzip: number } {
  let raw = 0,
    gzip = 0,
    files = 0;
  for (const url of new Set(urls)) {
    const path = new URL(url).pathname;
    if (!url.startsWith(origin)) continue;
    const file = join(outDir, path === '/' ? 'index.html' : path);
    try {
      const bytes = readFileSync(file);
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
      files++;
    } catch {
      // not a built file (e.g. a query-only URL)
    }
  }
  return { files, raw, gzip };
}

async function openTrain(page: Page, query: string): Promise<void> {
  await page.goto(`${origin}/?view=train&api=${encodeURIComponent(DEAD_API)}&${query}`);
  await page.waitForFunction(
    () => document.querySelector('[data-testid="train-backend"]')?.getAttribute('data-backend'),
    null,
    { timeout: 120_000 },
  );
}

async function trainInBrowser(arch: 'serial' | 'vector', backend: string, measureLatency: boolean): Promise<Run> {
  const page = await browser.context.newPage();
  try {
    await openTrain(page, `arch=${arch}&seed=1&backend=${backend}`);
    const started = await page.getByTestId('train-backend').getAttribute('data-backend');
    if (measureLatency) {
      // Your model answers in this tab (no request, no debounce): what is left is the page's own responsiveness.
      await page.getByTestId('train-open').setInputFiles(SHIPPED_SERIAL); // an opened file answers at once
      idleLatencies.push(...(await typingLatencies(page))); // the same, before training starts: the machine's own share
    }
    await page.getByTestId('train-play').click();
    let latency: number[] = [];
    if (measureLatency) latency = await typingLatencies(page);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="train-status"]')?.hasAttribute('data-passed'),
      null,
      { timeout: TIMEOUT_MS, polling: 100 },
    );
    const status = page.getByTestId('train-status');
    const seconds = Number(await status.getAttribute('data-seconds-from-play'));
    const exact = (await status.getAttribute('data-passed')) === 'true';
    const epochs = Number(await page.getByTestId('train-epoch').textContent());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('train-download').click()]);
    const weights = parseWeights(JSON.parse(readFileSync(await download.path(), 'utf8')));
    const note =
      `verification ${await status.getAttribute('data-verify-ms')} ms after training` +
      (latency.length ? `; typed operand → answer ${latency.map((l) => l.toFixed(0)).join('/')} ms` : '');
    if (latency.length) latencies.push(...latency);
    return {
      where: 'browser',
      arch,
      backend: started ?? backend,
      seconds,
      trainSeconds: weights.meta.trainSeconds ?? null,
      epochs,
      exact,
      note,
      weights,
    };
  } finally {
    await page.close();
  }
}

function trainWithCli(arch: 'serial' | 'vector', backend: string): Promise<Run> {
  const out = join(tmp, `cli-${arch}-${backend}.json`);
  // The page trains without a time limit (the CLI's default stops serial at 30 s, which a loaded machine can reach).
  const extra = arch === 'vector' ? ['--holdout', '0'] : [];
  return new Promise((done) => {
    const t0 = performance.now();
    const child = spawn(
      process.execPath,
      [
        CLI,
        '--arch',
        arch,
        '--seed',
        '1',
        '--backend',
        backend,
        '--out',
        out,
        '--allow-unverified',
        '--max-seconds',
        '3600',
        ...extra,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGINT'), TIMEOUT_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const seconds = (performance.now() - t0) / 1000;
      try {
        const weights = parseWeights(JSON.parse(readFileSync(out, 'utf8')));
        const meta = weights.meta;
        runs.push({
          where: 'cli',
          arch,
          backend,
          seconds,
          trainSeconds: meta.trainSeconds ?? null,
          epochs: meta.epochsRun ?? null,
          exact: meta.verification?.passed === true,
          note: `whole process (exit ${code})`,
          weights,
        });
      } catch (error) {
        runs.push({
          where: 'cli',
          arch,
          backend,
          seconds,
          trainSeconds: null,
          epochs: null,
          exact: false,
          note: `failed (exit ${code}): ${stderr.trim().split('\n').at(-1) ?? String(error)}`,
        });
      }
      done(runs.at(-1)!);
    });
  });
}

/** Largest |difference| over every weight of two files with the same shapes, or null when the shapes differ. */
function maxWeightDiff(x: Weights, y: Weights): number | null {
  const flat = (w: Weights) => [
    ...Object.values(w.lstm).flatMap((g) => [...g.U.flat(), ...g.V.flat(), ...g.b]),
    ...w.dense.W.flat(),
    ...w.dense.b,
  ];
  const a = flat(x),
    b = flat(y);
  if (a.length !== b.length) return null;
  return a.reduce((m, v, k) => Math.max(m, Math.abs(v - b[k]!)), 0);
}

/** From navigation to the default sum on screen (`/`: 183 + 109 = 292), in the page's own clock, ms. */
const firstAnswerMs: number[] = [];

try {
  // The first answer on the default page, three cold loads (the API unreachable: the shipped weights answer).
  for (let k = 0; k < 3; k++) {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${origin}/?api=${encodeURIComponent(DEAD_API)}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="sum"]')?.textContent === '292', null, {
      timeout: 30_000,
      polling: 'raf',
    });
    firstAnswerMs.push(await page.evaluate(() => performance.now()));
    await page.context().close();
  }
  // Sizes: what the first load fetches, and what opening the Train view adds (until its backend has started).
  {
    const page = await browser.context.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${origin}/?a=57&b=99&model=vector&api=${encodeURIComponent(DEAD_API)}`);
    await page.waitForLoadState('networkidle');
    // First load: index.html and what it links (script, styles, module preloads); the rest comes after, on demand.
    const html = readFileSync(join(outDir, 'index.html'), 'utf8');
    const linked = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => `${origin}${m[1]}`);
    Object.assign(sizes, {
      firstLoad: gzipOf([`${origin}/`, ...linked]),
      afterLoadOnDemand: gzipOf(urls.filter((u) => !linked.includes(u) && u !== `${origin}/` && !u.includes('?'))),
    });
    urls.length = 0;
    await page.getByTestId('train-link').click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="train-backend"]')?.getAttribute('data-backend'),
      null,
      { timeout: 120_000 },
    );
    await page.waitForLoadState('networkidle');
    Object.assign(sizes, { trainView: gzipOf(urls) });
    await page.close();
  }
  for (const backend of BROWSER_BACKENDS) {
    console.log(`… browser serial ${backend}`);
    runs.push(await trainInBrowser('serial', backend, backend === 'wasm'));
    if (CLI_BACKENDS.includes(backend)) {
      console.log(`… cli serial ${backend}`);
      await trainWithCli('serial', backend);
    }
  }
  if (RUN_VECTOR) {
    console.log('… browser vector wasm');
    runs.push(await trainInBrowser('vector', 'wasm', false));
    console.log('… cli vector wasm');
    await trainWithCli('vector', 'wasm');
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
}

const same = CLI_BACKENDS.flatMap((backend) =>
  (['serial', 'vector'] as const).flatMap((arch) => {
    const b = runs.find((r) => r.where === 'browser' && r.arch === arch && r.backend === backend)?.weights;
    const c = runs.find((r) => r.where === 'cli' && r.arch === arch && r.backend === backend)?.weights;
    if (!b || !c) return [];
    const diff = maxWeightDiff(b, c);
    return [{ arch, backend, identical: diff === 0, maxAbsDiff: diff }];
  }),
);

const table = runs.map(({ weights: _w, ...r }) => ({
  ...r,
  seconds: r.seconds === null ? null : Number(r.seconds.toFixed(2)),
}));
console.table(table);
console.table(same);
console.table(
  Object.entries(sizes).map(([part, s]) => ({
    part,
    files: s.files,
    rawKB: +(s.raw / 1024).toFixed(1),
    gzipKB: +(s.gzip / 1024).toFixed(1),
  })),
);
const list = (xs: number[]) => `${xs.map((l) => l.toFixed(0)).join(', ')} ms (max ${Math.max(...xs).toFixed(0)})`;
console.log(`first answer on / (built, shipped weights answering): ${list(firstAnswerMs)}`);
if (latencies.length)
  console.log(
    `typed operand → answer (your model, wasm run): before play ${list(idleLatencies)}; ` +
      `while training ${list(latencies)}`,
  );
const results = {
  when: new Date().toISOString(),
  cpus: cpus().length,
  loadavg: loadavg().map((l) => +l.toFixed(2)),
  chromium: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  runs: table,
  sameWeights: same,
  sizes,
  firstAnswerMs,
  typedOperandLatencyMs: { beforePlay: idleLatencies, whileTraining: latencies },
};
rmSync(tmp, { recursive: true, force: true });
if (QUICK) console.log(JSON.stringify(results));
else {
  writeFileSync(join(APP_DIR, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results.json');
}
