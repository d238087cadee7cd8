// api.html in Chromium: the built page renders the edge API's OpenAPI document (the playground's own copy, no CDN),
// every route and error code of it, and the main page links to it. One page load: the reference is static.
import openapi from '@lstm-adder/edge-api/openapi.json' with { type: 'json' };
import { describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import { chromiumPerFile } from './chromium';

const { pageUrl } = inject('stack');
const chromium = chromiumPerFile();

const operations = Object.entries(openapi.paths).flatMap(([path, ops]) =>
  Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
);

describe('the API reference page', () => {
  it('is linked from the page, renders every operation, parameter and error code, and links its document', async () => {
    const page = await chromium().context.newPage();
    await page.goto(`${pageUrl}/?api=${encodeURIComponent('http://127.0.0.1:9')}`);
    const external: string[] = [];
    page.on('request', (request) => {
      const fromReference = new URL(request.frame().url()).pathname === '/api.html';
      if (fromReference && !request.url().startsWith(pageUrl) && !request.url().startsWith('data:'))
        external.push(request.url());
    });
    await page.getByTestId('api-reference-link').click();
    await page.waitForSelector('#reference:not([aria-busy])');
    expect(new URL(page.url()).pathname).toBe('/api.html');
    expect(external).toEqual([]); // no CDN, no API call

    const headings = await page.getByTestId('operation').locator('h2 code').allTextContents();
    expect(headings).toEqual(operations);
    const text = (await page.locator('main').textContent()) ?? '';
    for (const code of openapi.components.schemas.Error.properties.error.properties.code.enum)
      expect(text, code).toContain(code);
    for (const name of ['a', 'b', 'model', 'trace', 'weights', 'name']) {
      expect(
        await page.locator('table.params code', { hasText: new RegExp(`^${name}$`) }).count(),
        name,
      ).toBeGreaterThan(0);
    }
    await expect.poll(() => page.title()).toContain('API reference');

    // The document it links is byte for byte the one the API serves.
    const href = await page.locator('#api-document').getAttribute('href');
    const response = await fetch(new URL(href ?? '', pageUrl));
    expect(await response.json()).toEqual(openapi);

    // Parameter names never break inside a word ("mode/l"), at 1280 px or on a phone, and nothing scrolls sideways.
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 800 });
      const broken = await page
        .locator('table.params td:first-child code')
        .evaluateAll((codes) => codes.filter((c) => c.getClientRects().length > 1).map((c) => c.textContent));
      expect(broken, `${width} px`).toEqual([]);
      const sideways = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(sideways, `${width} px`).toBeLessThanOrEqual(0);
    }
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});
