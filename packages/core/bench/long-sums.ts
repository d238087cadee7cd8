// Sums of 10^5 and 10^6 decimal digits: the serial add from decimal strings, the four conversions between decimal
// and bits it and the API rely on (V8's, each timed alone), and a traced add's time and retained memory.
// Each figure is the best of a few runs, in wall and in CPU time (one run each under BENCH_QUICK).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createAdder, mulberry32, type Weights } from '../src/index.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface Timing {
  ms: number;
  cpuMs: number;
}

function time(runs: number, run: () => unknown): Timing {
  let ms = Infinity;
  let cpuMs = Infinity;
  for (let r = 0; r < runs; r++) {
    gc();
    const cpu = process.cpuUsage();
    const start = performance.now();
    run();
    const used = process.cpuUsage(cpu);
    ms = Math.min(ms, performance.now() - start);
    cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000);
  }
  return { ms, cpuMs };
}

/** A decimal string of `digits` seeded random digits, no leading zero. */
function decimal(digits: number, seed: number): string {
  const next = mulberry32(seed);
  const out = new Uint8Array(digits);
  for (let k = 0; k < digits; k++) out[k] = 48 + (next() % 10);
  out[0] = 49 + (next() % 9);
  let text = '';
  for (let k = 0; k < digits; k += 8192) text += String.fromCharCode(...out.subarray(k, k + 8192));
  return text;
}

export interface LongSumRow {
  digits: number;
  what: string;
  ms: number;
  cpuMs: number;
}

/** Bytes held after a full collection (array buffers are swept concurrently: give the sweeper a moment). */
async function retained(): Promise<number> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

export interface LongSums {
  rows: LongSumRow[];
  /** Growth of the heap and array buffers while a 10^5-digit sum's trace is held. */
  traceMB: number;
  /** What the trace's arrays hold. */
  traceArraysMB: number;
}

export async function measureLongSums(serial: Weights, quick: boolean): Promise<LongSums> {
  const runs = quick ? 1 : 3;
  const adder = createAdder(serial);
  const rows: LongSumRow[] = [];
  for (const digits of [100_000, 1_000_000]) {
    const a = decimal(digits, 1);
    const b = decimal(digits, 2);
    const row = (what: string, run: () => unknown) => rows.push({ digits, what, ...time(runs, run) });
    const big = BigInt(a);
    const binary = big.toString(2);
    const sum = big + BigInt(b);
    row('BigInt(decimal string)', () => BigInt(a));
    row('toString(2)', () => big.toString(2));
    row("BigInt('0b…')", () => BigInt(`0b${binary}`));
    row('sum.toString() (decimal)', () => sum.toString());
    row(`serial add, decimal strings in (H = ${serial.hiddenSize})`, () => adder.add(a, b));
  }
  const a = decimal(100_000, 3);
  rows.push({ digits: 100_000, what: 'serial add with trace', ...time(runs, () => adder.add(a, a, { trace: true })) });
  const before = await retained();
  const { trace } = adder.add(a, a, { trace: true });
  const grown = (await retained()) - before;
  if (!trace) throw new Error('no trace');
  return { rows, traceMB: grown / 1e6, traceArraysMB: trace.byteLength / 1e6 };
}
