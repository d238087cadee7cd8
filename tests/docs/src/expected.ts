// Compares what a README says a command prints with what it printed.
//
// JSON examples may elide with `…`: `{…}` or `[…]` stands for any value, a string ending in `…` for any string
// with that start, and a bare `…` as the last member of an object for any further keys. A number is checked to
// the digits it shows: `0.43` accepts anything that rounds to 0.43. Everything else must be equal.

const ANY = '\u2026any';
const REST = '\u2026rest';

function parseExample(text: string): unknown {
  const json = text
    .replace(/\{\s*…\s*\}|\[\s*…\s*\]/g, JSON.stringify(ANY))
    .replace(/,\s*…\s*}/g, `,${JSON.stringify(REST)}:true}`);
  return JSON.parse(json);
}

function decimals(n: number): number {
  const text = String(n);
  const exp = /e-(\d+)$/.exec(text);
  if (exp) return Number(exp[1]) + (text.split('e')[0]!.split('.')[1]?.length ?? 0);
  return text.split('.')[1]?.length ?? 0;
}

function compare(want: unknown, got: unknown, path: string): string | null {
  if (want === ANY) return got === undefined ? `${path}: missing` : null;
  if (typeof want === 'string' && want.endsWith('…')) {
    return typeof got === 'string' && got.startsWith(want.slice(0, -1))
      ? null
      : `${path}: expected a string starting ${JSON.stringify(want.slice(0, -1))}, got ${JSON.stringify(got)}`;
  }
  if (typeof want === 'number') {
    if (typeof got !== 'number') return `${path}: expected a number, got ${JSON.stringify(got)}`;
    const d = decimals(want);
    return Math.abs(got - want) <= 0.5 * 10 ** -d + 1e-15
      ? null
      : `${path}: the README shows ${want}, the command printed ${got}`;
  }
  if (Array.isArray(want)) {
    if (!Array.isArray(got)) return `${path}: expected an array, got ${JSON.stringify(got)}`;
    if (got.length !== want.length) return `${path}: expected ${want.length} items, got ${got.length}`;
    for (let i = 0; i < want.length; i++) {
      const problem = compare(want[i], got[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (want && typeof want === 'object') {
    if (!got || typeof got !== 'object' || Array.isArray(got))
      return `${path}: expected an object, got ${JSON.stringify(got)}`;
    const wantObj = want as Record<string, unknown>;
    const gotObj = got as Record<string, unknown>;
    const keys = Object.keys(wantObj).filter((k) => k !== REST);
    for (const key of keys) {
      const problem = compare(wantObj[key], gotObj[key], path ? `${path}.${key}` : key);
      if (problem) return problem;
    }
    if (!(REST in wantObj)) {
      const extra = Object.keys(gotObj).filter((k) => !(k in wantObj));
      if (extra.length) return `${path || 'the answer'}: the README does not show ${extra.join(', ')}`;
    }
    return null;
  }
  return Object.is(want, got)
    ? null
    : `${path || 'the output'}: the README shows ${JSON.stringify(want)}, the command printed ${JSON.stringify(got)}`;
}

/** null when `actual` is what the README shows, else what differs. */
export function checkExpected(expected: string, actual: string): string | null {
  const text = expected.trim();
  if (/^[[{]/.test(text)) {
    let got: unknown;
    try {
      got = JSON.parse(actual);
    } catch {
      return `the README shows JSON, the command printed ${JSON.stringify(actual.slice(0, 200))}`;
    }
    return compare(parseExample(text), got, '');
  }
  // Plain text: every line the README shows must be printed, in order (a line may end in … to match a prefix).
  const lines = actual.split('\n').map((l) => l.trimEnd());
  let at = 0;
  for (const want of text.split('\n').map((l) => l.trimEnd())) {
    const prefix = want.endsWith('…') ? want.slice(0, -1) : null;
    const found = lines.findIndex((l, i) => i >= at && (prefix === null ? l === want : l.startsWith(prefix)));
    if (found < 0)
      return `the README shows the line ${JSON.stringify(want)}, which the command did not print (in that order)`;
    at = found + 1;
  }
  return null;
}
