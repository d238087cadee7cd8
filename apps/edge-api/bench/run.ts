// Benchmark: `wrangler dev` on a loopback port under autocannon (GET /health as the baseline, vector and
// serial 64-bit GET /add), then CPU time per request of the handler in-process for a 1,000-digit serial sum.
// Prints a table and writes bench/results.json.
import serialJson from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import vectorJson from '@lstm-adder/core/models/vector.json' with { type: 'json' };
import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { createApp } from '../src/app.js';
import { loadModels } from '../src/models.js';

const HOST = '127.0.0.1';
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const CONNECTIONS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** In-process timing: at least this long per case, after as long again of warm-up (JIT). */
const CPU_SECONDS = 1.5;

const serial64 = { a: '18446744073709551615', b: '12345678901234567890' };
const digits1000 = (seed: number) => {
  let s = String(1 + (seed % 9));
  let x = seed;
  while (s.length < 1000) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    s += String(x % 10);
  }
  return s;
};

const TARGETS = [
  { name: 'GET /health (baseline)', path: '/health' },
  { name: 'GET /add vector 57+99', path: '/add?a=57&b=99' },
  { name: 'GET /add serial 64-bit', path: `/add?a=${serial64.a}&b=${serial64.b}` },
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function startWrangler(port: number): Promise<ChildProcess> {
  const wrangler = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
  const child = spawn(process.execPath, [wrangler, 'dev', '--ip', HOST, '--port', String(port), '--log-level', 'warn'], {
    cwd: new URL('..', import.meta.url),
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false', CI: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stopping it also stops workerd
  });
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited early:\n${log}`);
    try {
      if ((await fetch(`http://${HOST}:${port}/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stopWrangler(child);
  throw new Error(`wrangler dev did not answer on ${HOST}:${port} within 60 s:\n${log}`);
}

function stopWrangler(child: ChildProcess) {
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
}

interface LoadRow {
  name: string;
  path: string;
  reqPerSec: number;
  p50ms: number;
  p99ms: number;
  requests: number;
  errors: number;
  non2xx: number;
}

/**
 * Each route runs ROUNDS times for DURATION_S, in alternating order (A B C, C B A, A B C…), so that a burst of load
 * from elsewhere on the machine does not land on one route only. req/s = all requests / all seconds.
 */
async function load(port: number): Promise<LoadRow[]> {
  const urls = TARGETS.map((t) => `http://${HOST}:${port}${t.path}`);
  for (const [k, url] of urls.entries()) {
    const check = await fetch(url);
    if (!check.ok) throw new Error(`${TARGETS[k]?.path} answered ${check.status}: ${await check.text()}`);
    await autocannon({ url, connections: CONNECTIONS, duration: 1 }); // warm-up
  }
  const runs: Awaited<ReturnType<typeof autocannon>>[][] = TARGETS.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const order = TARGETS.map((_, k) => k);
    if (round % 2 === 1) order.reverse();
    for (const k of order) runs[k]?.push(await autocannon({ url: urls[k] as string, connections: CONNECTIONS, duration: DURATION_S }));
  }
  return TARGETS.map((target, k) => {
    const rs = runs[k] ?? [];
    const sum = (f: (r: (typeof rs)[number]) => number) => rs.reduce((acc, r) => acc + f(r), 0);
    return {
      name: target.name,
      path: target.path.length > 60 ? `${target.path.slice(0, 57)}...` : target.path,
      reqPerSec: Math.round(sum((r) => r.requests.total) / sum((r) => r.duration)),
      p50ms: Math.round((10 * sum((r) => r.latency.p50)) / rs.length) / 10,
      p99ms: Math.max(...rs.map((r) => r.latency.p99)),
      requests: sum((r) => r.requests.total),
      errors: sum((r) => r.errors + r.timeouts),
      non2xx: sum((r) => r.non2xx),
    };
  });
}

/** CPU µs per request of the whole Hono handler (validation, model, JSON), measured in this process. */
async function cpuPerRequest() {
  const app = createApp({ models: loadModels({ vector: vectorJson, serial: serialJson }) });
  const cases = [
    { name: 'GET /health (baseline)', urls: ['/health'] },
    { name: 'vector 57+99', urls: ['/add?a=57&b=99'] },
    { name: 'serial 64-bit', urls: [`/add?a=${serial64.a}&b=${serial64.b}`] },
    { name: 'serial 1000-digit', urls: Array.from({ length: 8 }, (_, k) => `/add?a=${digits1000(k + 1)}&b=${digits1000(k + 101)}`) },
  ];
  const rows = [];
  const once = async (url: string) => {
    const res = await app.request(url);
    if (res.status !== 200) throw new Error(`${url.slice(0, 40)}: status ${res.status}`);
    await res.text();
  };
  for (const c of cases) {
    const warmUntil = performance.now() + CPU_SECONDS * 1000;
    for (let k = 0; performance.now() < warmUntil || k < 20; k++) await once(c.urls[k % c.urls.length] as string);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let runs = 0;
    while (performance.now() - t0 < CPU_SECONDS * 1000 || runs < 20) await once(c.urls[runs++ % c.urls.length] as string);
    const wallUs = ((performance.now() - t0) * 1000) / runs;
    const cpu = process.cpuUsage(cpu0);
    rows.push({ name: c.name, runs, cpuUsPerRequest: Math.round((cpu.user + cpu.system) / runs), wallUsPerRequest: Math.round(wallUs) });
  }
  return rows;
}

const port = await freePort();
console.log(`starting wrangler dev on http://${HOST}:${port} ...`);
const wrangler = await startWrangler(port);
const cleanup = () => stopWrangler(wrangler);
process.once('SIGINT', () => {
  cleanup();
  process.exit(130);
});
let rows: LoadRow[];
try {
  rows = await load(port);
} finally {
  cleanup();
}
const cpu = await cpuPerRequest();

const baseline = rows[0]?.reqPerSec ?? 1;
console.log(`\nautocannon: ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION_S} s per route, wrangler dev (local workerd) on ${HOST}`);
console.table(rows.map((r) => ({ route: r.name, 'req/s': r.reqPerSec, 'vs /health': `${((100 * r.reqPerSec) / baseline).toFixed(0)}%`, 'p50 ms': r.p50ms, 'p99 ms': r.p99ms, requests: r.requests, errors: r.errors, non2xx: r.non2xx })));
console.log(`handler CPU per request: app.request in-process (Node ${process.version}), ${CPU_SECONDS} s per case after ${CPU_SECONDS} s of warm-up`);
console.table(cpu.map((c) => ({ request: c.name, runs: c.runs, 'CPU µs': c.cpuUsPerRequest, 'wall µs': c.wallUsPerRequest })));

const vectorRow = rows[1];
const results = {
  date: new Date().toISOString(),
  machine: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length },
  load: { tool: 'autocannon 8', connections: CONNECTIONS, rounds: ROUNDS, durationSeconds: DURATION_S, server: 'wrangler dev 4.86.0 (workerd) on loopback', rows },
  vectorVsHealth: vectorRow ? vectorRow.reqPerSec / baseline : null,
  cpuPerRequest: { method: 'app.request in-process, process.cpuUsage delta / runs', seconds: CPU_SECONDS, rows: cpu },
  loadAverage: loadavg(),
};
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote bench/results.json');
