// The benchmark's results as the README shows them: one table, rendered from bench/results.json (test/node/readme
// checks the README holds exactly this table and the worst case per token).

export interface Spread {
  median: number;
  max: number;
}

export interface RequestRow {
  name: string;
  hostile: boolean;
  inReadme: boolean;
  status: number;
  code: string | null;
  bodyBytes: number;
  /** Rate-limit tokens the Worker charged (counted at the binding). */
  tokens: number;
  /** CPU time of the whole handler, in-process (Node's V8, as in workerd), µs per request. */
  cpuUs: number;
  /** Server-Timing under `wrangler dev`: total, the I/O waits within it (`upload`: the body, `limit`: the rate
   * limiter) and total less those (the Worker's own time). */
  server: { totalMs: Spread; waitMs: Spread; workerMs: Spread };
}

export interface Results {
  requests: { rows: RequestRow[] };
  perToken: { worstUs: number; request: string };
  hostileBar: { workerMsAtMost: number; worstMedianMs: number; worstMaxMs: number; met: boolean };
}

const en = (n: number) => n.toLocaleString('en-US');

/** The README's results table. */
export function renderTable(results: Results): string {
  const lines = [
    '| request | answer | tokens | CPU µs per token | Worker ms, median (max) |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const r of results.requests.rows.filter((row) => row.inReadme)) {
    const worker = `${r.server.workerMs.median} (${r.server.workerMs.max})`;
    const perToken = en(Math.round(r.cpuUs / r.tokens));
    lines.push(`| ${r.name} | ${r.code ?? r.status} | ${r.tokens} | ${perToken} | ${worker} |`);
  }
  return lines.join('\n');
}

/** The README's sentence on the worst case per token. */
export const worstPerTokenSentence = (results: Results): string =>
  `The worst case per token is **${en(results.perToken.worstUs)} µs of CPU** (${results.perToken.request}).`;

/** The README with its results blocks (between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`) rendered anew. */
export function fillReadme(readme: string, results: Results): string {
  const blocks: Record<string, string> = { table: renderTable(results), 'per-token': worstPerTokenSentence(results) };
  return readme.replace(
    /(<!-- bench:([\w-]+) -->\n)[\s\S]*?(<!-- \/bench:\2 -->)/g,
    (_all, open: string, name: string, close: string) => `${open}${blocks[name] ?? ''}\n${close}`,
  );
}
