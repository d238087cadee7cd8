// Benchmark, against `wrangler dev` with wrangler.jsonc as is (rate limiting on):
// 1. load: autocannon on GET /health (the baseline) and GET /add (vector, serial 64-bit) side by side, each request
//    from its own client address (CF-Connecting-IP) so every request pays its limit() call and none is refused; every
//    answer is compared with the expected body (a wrong one counts as a mismatch); then legitimate and hostile
//    requests interleaved on every connection, every answer compared with the one the request got alone;
// 2. requests (bench/cases.ts: the hostile bodies of issue 20 and the dearest legitimate requests): Server-Timing
//    under wrangler dev (total, the waits within it for the body and the limiter, and the Worker's own time: total
//    less those waits), and, in
//    process, CPU µs per request and the tokens the rate limiter charged: the cost per token.
// Prints tables and writes bench/results.json (the README's table: bench/report.ts). BENCH_QUICK=1 runs one short
// round and writes nothing (the docs test uses it).
import serialJson from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import autocannon from 'autocannon';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { startWranglerDev } from '../scripts/wrangler.js';
import { createApp } from '../src/app.js';
import { loadModels } from '../src/models.js';
import vectorJson from '../src/models/vector.json' with { type: 'json' }; // the Worker's
import { type Case, CASES } from './cases.js';
import {
  fillReadme,
  type RequestRow,
  type Results,
  renderTable,
  type Spread,
  worstPerTokenSentence,
} from './report.js';

const QUICK = process.env.BENCH_QUICK === '1';
const DURATION_S = Number(process.env.BENCH_DURATION ?? (QUICK ? 2 : 5));
const CONNECTIONS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 2));
/** In-process timing: at least this long per case, after as long again of warm-up (JIT). */
const CPU_SECONDS = QUICK ? 0.3 : 1.5;
/** Server-Timing samples per case under wrangler dev, after 2 of warm-up. */
const SAMPLES = QUICK ? 3 : 9;
/** Issue 20's bar: each hostile body costs at most this much Worker time. */
const HOSTILE_BAR_MS = 20;
/** The bar: /add keeps at least this share of /health's throughput with rate limiting on. */
const BAR = 0.9;

const serial64 = { a: '18446744073709551615', b: '12345678901234567890' };

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
  /** Answers that differ from the one expected (the route's answer before the load). */
  mismatches: number;
}

/**
 * Each route runs ROUNDS times for DURATION_S, in alternating order (A B C, C B A, A B C…), so that a burst of load
 * from elsewhere on the machine does not land on one route only. req/s = all requests / all seconds.
 */
async function load(base: string): Promise<LoadRow[]> {
  const expected = new Map<string, string>();
  const run = (path: string, duration: number) =>
    autocannon({
      url: base,
      connections: CONNECTIONS,
      duration,
      requests: [fromNewClient(path)],
      verifyBody: (body) => body === expected.get(path),
    });
  for (const target of TARGETS) {
    const check = await fetch(`${base}${target.path}`, { headers: { 'CF-Connecting-IP': nextClient() } });
    if (!check.ok) throw new Error(`${target.path} answered ${check.status}: ${await check.text()}`);
    expected.set(target.path, await check.text());
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
      mismatches: sum((r) => r.mismatches),
    };
  });
}

/**
 * Legitimate and hostile requests interleaved on every connection (the hostile bodies of issue 20 at 1/10 of their
 * size, so the machine's network is not what is measured): every answer must be the one each request got alone.
 */
async function mixedLoad(base: string) {
  const json = { 'Content-Type': 'application/json' };
  const requests = [
    { name: 'serial 64-bit sum', method: 'GET', path: TARGETS[2]?.path ?? '/add?a=1&b=2' },
    {
      name: '100 vector pairs',
      method: 'POST',
      path: '/add',
      headers: json,
      body: JSON.stringify({ pairs: Array.from({ length: 100 }, (_, k) => ({ a: String(k), b: String(127 - k) })) }),
    },
    {
      name: 'nested brackets',
      method: 'POST',
      path: '/add',
      headers: json,
      body: `${'['.repeat(1.5e5)}${']'.repeat(1.5e5)}`,
    },
    { name: '10^5 arrays', method: 'POST', path: '/add', headers: json, body: `[${Array(1e5).fill('[]').join(',')}]` },
    { name: 'spaces', method: 'POST', path: '/add', headers: json, body: ' '.repeat(300_000) },
    {
      name: 'text/plain',
      method: 'POST',
      path: '/add',
      headers: { 'Content-Type': 'text/plain' },
      body: 'x'.repeat(50_000),
    },
  ];
  const expected = new Map<string, string>();
  for (const r of requests) {
    const res = await fetch(`${base}${r.path}`, { ...r, headers: { ...r.headers, 'CF-Connecting-IP': nextClient() } });
    expected.set(r.name, `${res.status} ${await res.text()}`);
  }
  const answers: Record<string, number> = {};
  let wrong = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION_S * 2,
    requests: requests.map((r) => ({
      ...r,
      setupRequest: (req) => ({ ...req, headers: { ...req.headers, 'CF-Connecting-IP': nextClient() } }),
      onResponse: (status, body) => {
        const key = `${r.name}: ${status}`;
        answers[key] = (answers[key] ?? 0) + 1;
        if (`${status} ${body}` !== expected.get(r.name)) wrong++;
      },
    })),
  });
  return { requests: result.requests.total, errors: result.errors + result.timeouts, wrong, answers };
}

const sent = (c: Case, ip: string): RequestInit => ({
  method: c.body === undefined ? 'GET' : 'POST',
  headers: {
    'CF-Connecting-IP': ip,
    ...(c.body !== undefined && {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(c.body)),
    }),
  },
  body: c.body,
});

const spread = (xs: number[]): Spread => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 };
};
const timing = (header: string | null, name: string) =>
  Number(new RegExp(`${name};dur=([\\d.]+)`).exec(header ?? '')?.[1] ?? 0);

/** Server-Timing of each case under wrangler dev, each request from a new address (a 3 MiB body costs 49 tokens). */
async function serverTiming(base: string) {
  const rows = new Map<string, { status: number; code: string | null; server: RequestRow['server'] }>();
  for (const c of CASES) {
    const total: number[] = [];
    const waits: number[] = [];
    let answer = { status: 0, code: null as string | null };
    for (let k = -2; k < SAMPLES; k++) {
      const res = await fetch(`${base}${c.path}`, sent(c, nextClient()));
      const text = await res.text();
      answer = {
        status: res.status,
        code: res.ok ? null : (JSON.parse(text) as { error: { code: string } }).error.code,
      };
      if (k < 0) continue; // warm-up
      total.push(timing(res.headers.get('Server-Timing'), 'total'));
      // The waits for the body and for the rate limiter are I/O, not the Worker's work.
      const header = res.headers.get('Server-Timing');
      waits.push(timing(header, 'upload') + timing(header, 'limit'));
    }
    const worker = total.map((t, k) => t - (waits[k] ?? 0));
    rows.set(c.name, {
      ...answer,
      server: { totalMs: spread(total), waitMs: spread(waits), workerMs: spread(worker) },
    });
  }
  return rows;
}

/** CPU µs per request of the whole handler in this process (app.request), and the tokens a counting limiter saw. */
async function cpuPerRequest(c: Case) {
  let calls = 0;
  const limit = async () => {
    calls++;
    return { success: true };
  };
  const env = { RATE_LIMITER: { limit } };
  const app = createApp({ models: loadModels({ vector: vectorJson, serial: serialJson }) });
  const once = async () => {
    const res = await app.request(c.path, sent(c, '192.0.2.1'), env);
    await res.text();
  };
  calls = 0;
  await once();
  const tokens = calls;
  const warmUntil = performance.now() + CPU_SECONDS * 1000;
  for (let k = 0; performance.now() < warmUntil || k < 3; k++) await once();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let runs = 0;
  for (; performance.now() - t0 < CPU_SECONDS * 1000 || runs < 5; runs++) await once();
  const cpu = process.cpuUsage(cpu0);
  return { tokens, cpuUs: Math.round((cpu.user + cpu.system) / runs), runs };
}

const server = await startWranglerDev();
console.log(`wrangler dev on ${server.url} (wrangler.jsonc as is: rate limiting on)`);
process.once('SIGINT', () => {
  server.stop();
  process.exit(130);
});
let rows: LoadRow[];
let limiter: Awaited<ReturnType<typeof limiterCheck>>;
let timings: Awaited<ReturnType<typeof serverTiming>>;
let mixed: Awaited<ReturnType<typeof mixedLoad>>;
try {
  limiter = await limiterCheck(server.url);
  rows = await load(server.url);
  mixed = await mixedLoad(server.url);
  timings = await serverTiming(server.url);
} finally {
  server.stop();
}
const print = console.log;
// The request log line is built and handed to console.log as in the Worker, but not written to this terminal.
console.log = () => {};
const requests: RequestRow[] = [];
for (const c of CASES) {
  const { tokens, cpuUs } = await cpuPerRequest(c);
  const served = timings.get(c.name);
  if (!served) throw new Error(`no Server-Timing for ${c.name}`);
  requests.push({
    name: c.name,
    hostile: c.hostile ?? false,
    inReadme: !c.notInReadme,
    bodyBytes: c.body === undefined ? 0 : Buffer.byteLength(c.body),
    tokens,
    cpuUs,
    ...served,
  });
}
console.log = print;

const baseline = rows[0]?.reqPerSec ?? 1;
const ratio = (row: LoadRow | undefined) => (row ? row.reqPerSec / baseline : null);
console.log(
  `\nlimiter check: ${limiter.refused} of ${limiter.burst} GET /health from one address refused with 429 ` +
    '(so the limiter is on)',
);
console.log(
  `autocannon: ${CONNECTIONS} connections, ${ROUNDS} × ${DURATION_S} s per route, alternating order, each request ` +
    'from a new address, every answer compared with the expected one; wrangler dev (local workerd)',
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
    wrong: r.mismatches,
  })),
);
console.log(
  `mixed load (legitimate and hostile requests on every connection, ${DURATION_S * 2} s): ${mixed.requests} ` +
    `requests, ${mixed.errors} errors, ${mixed.wrong} answers other than the request's own`,
);
console.table(mixed.answers);
const worst = requests.reduce((a, b) => (b.cpuUs / b.tokens > a.cpuUs / a.tokens ? b : a));
const hostile = requests.filter((r) => r.hostile);
const hostileBar = {
  workerMsAtMost: HOSTILE_BAR_MS,
  worstMedianMs: Math.max(...hostile.map((r) => r.server.workerMs.median)),
  worstMaxMs: Math.max(...hostile.map((r) => r.server.workerMs.max)),
  met: hostile.every((r) => r.server.workerMs.median <= HOSTILE_BAR_MS),
};
const report: Results = {
  requests: { rows: requests },
  perToken: { worstUs: Math.round(worst.cpuUs / worst.tokens), request: worst.name },
  hostileBar,
};
console.log(
  `\nrequests: CPU µs in-process (Node ${process.version}, ${CPU_SECONDS} s per case after as long of warm-up), ` +
    `tokens as the limiter counted them; Worker ms = Server-Timing total less upload and limit under wrangler dev, ` +
    `${SAMPLES} samples after 2 of warm-up`,
);
console.log(renderTable(report));
console.log(worstPerTokenSentence(report));
console.log(
  `hostile bodies: worst median ${hostileBar.worstMedianMs} ms, worst max ${hostileBar.worstMaxMs} ms of Worker time ` +
    `(bar ${HOSTILE_BAR_MS} ms: ${hostileBar.met ? 'met' : 'NOT met'})`,
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
  mixedLoad: mixed,
  vectorVsHealth: ratio(rows[1]),
  serial64VsHealth: ratio(rows[2]),
  bar: { addVsHealthAtLeast: BAR, worst: addVsHealth, met: addVsHealth >= BAR },
  requests: {
    method:
      'CPU: app.request in-process, process.cpuUsage delta / runs; tokens: limit() calls; server: Server-Timing ' +
      'under wrangler dev (workerMs = total - waitMs, waitMs = upload + limit)',
    cpuSeconds: CPU_SECONDS,
    samples: SAMPLES,
    rows: requests,
  },
  perToken: report.perToken,
  hostileBar,
  loadAverage: loadavg(),
};
const percent = (x: number | null) => `${(100 * (x ?? 0)).toFixed(0)}%`;
console.log(
  `/add vs /health: vector ${percent(results.vectorVsHealth)}, serial 64-bit ${percent(results.serial64VsHealth)} ` +
    `(bar ${100 * BAR}%: ${results.bar.met ? 'met' : 'NOT met'})`,
);
console.log(JSON.stringify(results));
if (!QUICK) {
  writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
  const readme = new URL('../README.md', import.meta.url);
  writeFileSync(readme, fillReadme(readFileSync(readme, 'utf8'), report));
  console.log('wrote bench/results.json and its table in README.md');
}
