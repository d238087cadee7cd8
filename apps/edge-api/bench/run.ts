// Benchmark: `wrangler dev` with wrangler.jsonc as is, rate limiting on, under autocannon: GET /health (the
// baseline) and GET /add (vector, serial 64-bit) side by side in one run, each request from its own client address
// (CF-Connecting-IP) so every request pays its limit() call and none is refused; then CPU time per request of the
// handler in-process, up to a 1,000-digit serial sum. Prints tables and writes bench/results.json.
// BENCH_QUICK=1 runs one short round (the docs test uses it).
import serialJson from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import vectorJson from '@lstm-adder/core/models/vector.json' with { type: 'json' };
import autocannon from 'autocannon';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { startWranglerDev } from '../scripts/wrangler.js';
import { createApp } from '../src/app.js';
import { loadModels } from '../src/models.js';

const QUICK = process.env.BENCH_QUICK === '1';
const DURATION_S = Number(process.env.BENCH_DURATION ?? (QUICK ? 2 : 5));
const CONNECTIONS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 2));
/** In-process timing: at least this long per case, after as long again of warm-up (JIT). */
const CPU_SECONDS = QUICK ? 0.3 : 1.5;
/** The bar: /add keeps at least this share of /health's throughput with rate limiting on. */
const BAR = 0.9;

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

/** A new client address per request (10.x.y.z), so the limiter counts each request and refuses none. */
let clients = 0;
const nextClient = () => {
  const n = clients++;
  return `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
};
const fromNewClient = (path: string) => ({
  method: 'GET' as const,
  path,
  setupRequest: (req: { headers?: Record<string, string> }) => ({
    ...req,
    headers: { ...req.headers, 'CF-Connecting-IP': nextClient() },
  }),
});

/**
 * Proves the limiter is on in the server being measured: a burst from one address must meet a 429. The binding's
 * window is fixed (10 s), so a slow sequential burst can straddle a boundary and never exceed one window's budget:
 * send in concurrent waves and stop at the first refusal, up to several windows' worth.
 */
async function limiterCheck(url: string) {
  const wave = 25;
  const cap = 2000;
  let sent = 0;
  let refused = 0;
  while (refused === 0 && sent < cap) {
    const statuses = await Promise.all(
      Array.from({ length: wave }, async () => {
        const res = await fetch(`${url}/health`, { headers: { 'CF-Connecting-IP': '203.0.113.250' } });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    sent += wave;
    refused += statuses.filter((s) => s === 429).length;
  }
  if (refused === 0) throw new Error(`rate limiting is off: ${sent} requests from one address met no 429`);
  return { burst: sent, refused };
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
async function load(base: string): Promise<LoadRow[]> {
  const run = (path: string, duration: number) =>
    autocannon({ url: base, connections: CONNECTIONS, duration, requests: [fromNewClient(path)] });
  for (const target of TARGETS) {
    const check = await fetch(`${base}${target.path}`, { headers: { 'CF-Connecting-IP': nextClient() } });
    if (!check.ok) throw new Error(`${target.path} answered ${check.status}: ${await check.text()}`);
    await run(target.path, 1); // warm-up
  }
  const runs: Awaited<ReturnType<typeof autocannon>>[][] = TARGETS.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const order = TARGETS.map((_, k) => k);
    if (round % 2 === 1) order.reverse();
    for (const k of order) runs[k]?.push(await run(TARGETS[k]?.path as string, DURATION_S));
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
  // The request log line is built and handed to console.log as in the Worker, but not written to this terminal.
  console.log = () => {};
  const cases = [
    { name: 'GET /health (baseline)', urls: ['/health'] },
    { name: 'vector 57+99', urls: ['/add?a=57&b=99'] },
    { name: 'serial 64-bit', urls: [`/add?a=${serial64.a}&b=${serial64.b}`] },
    {
      name: 'serial 1000-digit',
      urls: Array.from({ length: 8 }, (_, k) => `/add?a=${digits1000(k + 1)}&b=${digits1000(k + 101)}`),
    },
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
    while (performance.now() - t0 < CPU_SECONDS * 1000 || runs < 20)
      await once(c.urls[runs++ % c.urls.length] as string);
    const wallUs = ((performance.now() - t0) * 1000) / runs;
    const cpu = process.cpuUsage(cpu0);
    rows.push({
      name: c.name,
      runs,
      cpuUsPerRequest: Math.round((cpu.user + cpu.system) / runs),
      wallUsPerRequest: Math.round(wallUs),
    });
  }
  return rows;
}

const server = await startWranglerDev();
console.log(`wrangler dev on ${server.url} (wrangler.jsonc as is: rate limiting on)`);
process.once('SIGINT', () => {
  server.stop();
  process.exit(130);
});
let rows: LoadRow[];
let limiter: Awaited<ReturnType<typeof limiterCheck>>;
try {
  limiter = await limiterCheck(server.url);
  rows = await load(server.url);
} finally {
  server.stop();
}
const print = console.log;
const cpu = await cpuPerRequest();
console.log = print;

const baseline = rows[0]?.reqPerSec ?? 1;
const ratio = (row: LoadRow | undefined) => (row ? row.reqPerSec / baseline : null);
console.log(
  `\nlimiter check: ${limiter.refused} of ${limiter.burst} GET /health from one address refused with 429 (so the limiter is on)`,
);
console.log(
  `autocannon: ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION_S} s per route, alternating order, each request from a new address; wrangler dev (local workerd)`,
);
console.table(
  rows.map((r) => ({
    route: r.name,
    'req/s': r.reqPerSec,
    'vs /health': `${((100 * r.reqPerSec) / baseline).toFixed(0)}%`,
    'p50 ms': r.p50ms,
    'p99 ms': r.p99ms,
    requests: r.requests,
    errors: r.errors,
    non2xx: r.non2xx,
  })),
);
console.log(
  `handler CPU per request: app.request in-process (Node ${process.version}), ${CPU_SECONDS} s per case after ${CPU_SECONDS} s of warm-up`,
);
console.table(
  cpu.map((c) => ({ request: c.name, runs: c.runs, 'CPU µs': c.cpuUsPerRequest, 'wall µs': c.wallUsPerRequest })),
);

const addVsHealth = Math.min(ratio(rows[1]) ?? 0, ratio(rows[2]) ?? 0);
const results = {
  date: new Date().toISOString(),
  quick: QUICK,
  machine: { node: process.version, cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length },
  rateLimiting: { on: true, ...limiter, clientsPerLoadRequest: 'one new CF-Connecting-IP per request' },
  load: {
    tool: 'autocannon 8',
    connections: CONNECTIONS,
    rounds: ROUNDS,
    durationSeconds: DURATION_S,
    server: 'wrangler dev 4.86.0 (workerd) on loopback',
    rows,
  },
  vectorVsHealth: ratio(rows[1]),
  serial64VsHealth: ratio(rows[2]),
  bar: { addVsHealthAtLeast: BAR, worst: addVsHealth, met: addVsHealth >= BAR },
  cpuPerRequest: { method: 'app.request in-process, process.cpuUsage delta / runs', seconds: CPU_SECONDS, rows: cpu },
  loadAverage: loadavg(),
};
console.log(
  `/add vs /health: vector ${(100 * (results.vectorVsHealth ?? 0)).toFixed(0)}%, serial 64-bit ${(100 * (results.serial64VsHealth ?? 0)).toFixed(0)}% (bar ${100 * BAR}%: ${results.bar.met ? 'met' : 'NOT met'})`,
);
console.log(JSON.stringify(results));
if (!QUICK) {
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  console.log('wrote bench/results.json');
}
