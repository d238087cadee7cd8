// The requests the benchmark prices: the hostile bodies of issue 20 (each must cost ≤ 20 ms of Worker time) and the
// most expensive legitimate requests per token (a token is the rate limit's unit, src/http/rate-limit.ts).

export interface Case {
  name: string;
  path: string;
  /** A JSON body to POST (sent with its Content-Length, as clients do). */
  body?: string;
  /** One of the hostile bodies: held to the 20 ms bar. */
  hostile?: boolean;
  /** Measured, but left out of the README's table (a baseline). */
  notInReadme?: boolean;
}

const nines = (n: number) => '9'.repeat(n);
/** A pseudo-random n-digit decimal (no leading zero), the same for the same seed. */
export const digits = (n: number, seed: number) => {
  let s = String(1 + (seed % 9));
  for (let x = seed; s.length < n; x = (x * 1103515245 + 12345) % 2 ** 31) s += String(x % 10);
  return s;
};

export const CASES: Case[] = [
  { name: '3 MB of `[`, then `]`', path: '/add', body: `${'['.repeat(1.5e6)}${']'.repeat(1.5e6)}`, hostile: true },
  { name: '10^6 arrays', path: '/add', body: `[${Array(1e6).fill('[]').join(',')}]`, hostile: true },
  { name: '5×10^5 objects', path: '/add', body: `[${Array(5e5).fill('{}').join(',')}]`, hostile: true },
  {
    name: '1,000 pairs of 1,000 digits',
    path: '/add',
    body: JSON.stringify({ pairs: Array.from({ length: 1000 }, () => ({ a: nines(1000), b: nines(1000) })) }),
    hostile: true,
  },
  { name: '3 MiB of spaces', path: '/add', body: ' '.repeat(3 * 1024 * 1024), hostile: true },
  { name: '65,535 spaces', path: '/add', body: ' '.repeat(65_535), notInReadme: true },
  { name: 'GET /health', path: '/health', notInReadme: true },
  { name: 'GET /add?a=57&b=99', path: '/add?a=57&b=99' },
  { name: 'GET 300-digit sum', notInReadme: true, path: `/add?a=${digits(300, 3)}&b=${digits(300, 4)}` },
  { name: 'GET 1,000-digit sum', path: `/add?a=${digits(1000, 1)}&b=${digits(1000, 2)}` },
  {
    name: '1,000 vector pairs',
    path: '/add?model=vector',
    body: JSON.stringify({ pairs: Array.from({ length: 1000 }, (_, k) => ({ a: String(k % 128), b: '127' })) }),
  },
  {
    name: '30 pairs of 1,000 digits',
    path: '/add',
    body: JSON.stringify({
      pairs: Array.from({ length: 30 }, (_, k) => ({ a: digits(1000, k), b: digits(1000, 99) })),
    }),
  },
];
