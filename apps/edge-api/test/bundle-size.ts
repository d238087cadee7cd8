// What `wrangler deploy` would upload, measured with --dry-run: fails above 100 KiB gzipped (weights included).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const LIMIT_KIB = 100;
const GOAL_KIB = 32;

const wrangler = createRequire(import.meta.url).resolve('wrangler/bin/wrangler.js');
const outdir = mkdtempSync(join(tmpdir(), 'edge-api-bundle-'));
try {
  const run = spawnSync(process.execPath, [wrangler, 'deploy', '--dry-run', '--outdir', outdir], {
    cwd: new URL('..', import.meta.url),
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  });
  if (run.status !== 0) {
    console.error(run.stdout, run.stderr);
    throw new Error(`wrangler deploy --dry-run failed with exit code ${run.status}`);
  }
  const modules = readdirSync(outdir).filter((f) => !f.endsWith('.map') && f !== 'README.md');
  let raw = 0;
  let gzip = 0;
  for (const file of modules) {
    const bytes = readFileSync(join(outdir, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const kib = (n: number) => (n / 1024).toFixed(2);
  const reported = /Total Upload: .*/.exec(run.stdout)?.[0] ?? '(wrangler printed no total)';
  console.log(`bundle: ${modules.join(', ')}: ${kib(raw)} KiB, ${kib(gzip)} KiB gzipped (limit ${LIMIT_KIB} KiB, goal ${GOAL_KIB} KiB)`);
  console.log(`wrangler: ${reported}`);
  if (gzip > LIMIT_KIB * 1024) {
    console.error(`bundle too large: ${kib(gzip)} KiB gzipped > ${LIMIT_KIB} KiB`);
    process.exitCode = 1;
  } else if (gzip > GOAL_KIB * 1024) {
    console.log(`within the limit, above the ${GOAL_KIB} KiB goal (the weights as JSON decimals are most of it)`);
  }
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
