// The page as `npm start` serves it: Vite's dev server, from source, with its dependency pre-bundling (a different
// module graph from the production build's, which once broke the Train view on every load).
import { describe, expect, inject, it } from 'vitest';
import { chromiumPerFile } from './chromium';
import { watchErrors } from './errors';

const { devUrl } = inject('stack');
const chromium = chromiumPerFile();

describe('the page under npm start (Vite dev server)', () => {
  it('answers on /, then trains the serial model to exact in 20 s of Play, with no page or console error', async () => {
    const page = await chromium().context.newPage();
    const watch = watchErrors(page);
    await page.goto(`${devUrl}/`);
    // The first load pre-bundles the dependencies: give it room.
    await expect.poll(() => page.getByTestId('sum').textContent(), { timeout: 60_000 }).toBe('292');
    expect(await page.getByTestId('answer-source').getAttribute('data-source')).toBe('edge');

    await page.goto(`${devUrl}/?view=train&seed=1`);
    expect(await page.getByTestId('train-details').evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    const status = page.getByTestId('train-status');
    // Ready, or failed on load (as it did when the pre-bundle ran tfjs-core's gradients before its flags).
    await expect.poll(() => status.textContent(), { timeout: 60_000 }).toMatch(/ready|failed/);
    expect(await status.textContent()).toContain('ready');
    await page.getByTestId('train-play').click();
    const pressed = Date.now();
    await expect.poll(() => status.textContent(), { timeout: 20_000, interval: 100 }).toContain('exact');
    console.log(`[dev e2e] exact ${((Date.now() - pressed) / 1000).toFixed(1)} s after Play`);
    await expect.poll(() => page.locator('[data-testid="train-samples"] li[data-correct="true"]').count()).toBe(10);
    expect(watch.errors).toEqual([]);
    await page.close();
  }, 150_000);
});
