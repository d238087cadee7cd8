// One deploy for the page and the API: `npm run deploy` builds the playground and uploads it as the Worker's static
// assets. Here a small stand-in page takes the built one's place (the docs test runs the real `npm run deploy --
// --dry-run` on a fresh clone): wrangler must accept the combined Worker, and on one origin the page's files must
// come from the assets while the API's routes reach the Worker.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_DIR, runWrangler, startWranglerDev, type DevServer } from '../../scripts/wrangler.js';

const page = mkdtempSync(join(tmpdir(), 'edge-api-assets-'));
mkdirSync(join(page, 'assets'));
const html = '<!doctype html><title>lstm-adder stand-in</title><script type="module" src="/assets/main.js"></script>';
writeFileSync(join(page, 'index.html'), html);
writeFileSync(join(page, 'assets/main.js'), 'console.log("page");\n');
afterAll(() => rmSync(page, { recursive: true, force: true }));

const deployScript =
  (JSON.parse(readFileSync(join(APP_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts
    .deploy ?? '';

describe('npm run deploy', () => {
  it('builds the playground first, then deploys the Worker with apps/playground/dist as its assets', () => {
    expect(deployScript).toBe(
      'turbo run build --filter=@lstm-adder/playground && wrangler deploy --assets ../playground/dist',
    );
  });

  it('wrangler deploy --dry-run accepts the combined Worker: the assets, the rate limiter, the vars', () => {
    const { stdout } = runWrangler(['deploy', '--dry-run', '--assets', page]);
    expect(stdout).toContain(`files from the assets directory ${page}`);
    expect(stdout).toMatch(/env\.RATE_LIMITER \(200 requests\/10s\)\s+Rate Limit/);
    expect(stdout).toContain('env.RATE_LIMIT_STEPS_PER_TOKEN ("1000")');
    expect(stdout).toContain('--dry-run: exiting now.');
  });
});

describe('one origin (wrangler dev --assets, as deployed)', () => {
  let server: DevServer | undefined;
  afterAll(() => server?.stop());

  it('serves the page from the assets and the API from the Worker, with no CORS needed', async () => {
    server = await startWranglerDev(['--assets', page]);
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toBe(html);
    expect(await (await fetch(`${server.url}/assets/main.js`)).text()).toContain('console.log("page")');

    const sum = await fetch(`${server.url}/add?a=57&b=99`);
    expect(sum.status).toBe(200);
    expect(await sum.json()).toMatchObject({ a: '57', b: '99', model: 'vector' });
    expect(sum.headers.get('Server-Timing')).toMatch(/^model;dur=/);

    // Unknown paths are neither a file nor a route: the Worker's JSON 404, not an HTML page.
    const missing = await fetch(`${server.url}/no-such-thing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});
