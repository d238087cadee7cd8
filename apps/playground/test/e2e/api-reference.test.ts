// api.html in Chromium: the built page renders the edge API's OpenAPI document (the playground's own copy, no CDN),
// every route and error code of it, and the main page's footer links to it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import openapi from '@lstm-adder/edge-api/openapi.json' with { type: 'json' };
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Chromium, launchChromium } from './servers';

const served = { origin: inject('stack').pageUrl };
let browser: Chromium | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function open(path: string): Promise<Page> {
  const page = await browser!.context.newPage();
  const external: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(served.origin) && !request.url().startsWith('data:')) external.push(request.url());
  });
  await page.goto(`${served.origin}${path}`);
  await page.waitForSelector('#reference:not([aria-busy])');
  expect(external).toEqual([]); // no CDN, no API call
  return page;
}

const operations = Object.entries(openapi.paths).flatMap(([path, ops]) =>
  Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
);

describe('the API reference page', () => {
  it('renders one section per operation of the document, with its parameters and every error code', async () => {
    const page = await open('/api.html');
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
    await page.close();
  });

  it('links the document it renders, byte for byte the one the API serves', async () => {
    const page = await open('/api.html');
    const href = await page.locator('#api-document').getAttribute('href');
    const response = await fetch(new URL(href ?? '', served.origin));
    expect(await response.json()).toEqual(openapi);
    await page.close();
  });

  it('is reached from the main page’s footer', async () => {
    const page = await browser!.context.newPage();
    await page.goto(`${served.origin}/`);
    await page.getByTestId('api-reference-link').click();
    await page.waitForSelector('#reference:not([aria-busy])');
    expect(new URL(page.url()).pathname).toBe('/api.html');
    await page.close();
  });

  it('passes axe-core’s WCAG 2 A/AA checks', async () => {
    const page = await open('/api.html');
    await page.addScriptTag({
      content: readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'),
    });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(ctx: Document, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    await page.close();
  });
});
