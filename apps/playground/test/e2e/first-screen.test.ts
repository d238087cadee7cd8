// The page's first screen, built, at 1280 × 800 (issue 22): the serial model on a carry chain, the carry stepped
// through, Play training a model right there while the sample sums turn from red to green, and the link that
// carries the trained model to a fresh browser. One browser, one long test: training is the slow part.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAdder, parseWeights } from '@lstm-adder/core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import { chromiumPerFile } from './chromium';
import { watchErrors } from './errors';
import { APP_DIR } from './servers';

const RESULTS = join(APP_DIR, 'test-results');
const { pageUrl } = inject('stack');
const A = '987654321987654321';
const B = '123456789123456789';
const chromium = chromiumPerFile();

beforeAll(() => {
  mkdirSync(RESULTS, { recursive: true });
});

/** Every value each sample sum's data-correct takes, recorded from before the page's scripts run. */
async function recordSamples(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[][] = [];
    (window as unknown as { samplesSeen: string[][] }).samplesSeen = seen;
    new MutationObserver((records) => {
      for (const record of records) {
        const li = record.target as HTMLElement;
        if (record.attributeName !== 'data-correct' || !li.closest('[data-testid="train-samples"]')) continue;
        const k = [...li.parentElement!.children].indexOf(li);
        (seen[k] ??= []).push(li.dataset.correct ?? '');
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-correct'] });
  });
}

/** The bottom edge of an element, in the page (not the viewport). */
const bottomOf = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);

describe('the first screen', () => {
  it('answers a carry chain, steps through it, trains to exact as samples turn green, links the model', async () => {
    const context = await chromium().newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const watch = watchErrors(page);
    await recordSamples(page);
    await page.goto(`${pageUrl}/`);

    // The serial model answers a carry chain: 10110111 + 01101101 carries out of all eight bits.
    await expect.poll(() => page.getByTestId('sum').textContent()).toBe('292');
    expect(await page.getByTestId('model').inputValue()).toBe('serial');
    expect(await page.getByTestId('answer-source').getAttribute('data-source')).toBe('edge');
    expect(await page.getByTestId('answer-source').textContent()).toBe('edge: the edge API’s serial model answered');
    expect(new URL(page.url()).search).toBe('?a=183&b=109&model=serial');
    const scrubber = page.getByTestId('scrubber');
    await scrubber.focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect
      .poll(() => page.getByTestId('scrubber-readout').textContent())
      .toMatch(/^Step 4 of 9 reads bit 3: a = 0, b = 1, carry in 1 → sum bit 3 = 0 ✓, carry out 1\./);
    // The sum, the scrubber and Play on the first screen, without scrolling.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    for (const testId of ['sum', 'scrubber', 'train-play', 'train-status'])
      expect(await bottomOf(page, testId), testId).toBeLessThanOrEqual(800);
    // Nothing of TF.js before the visitor reaches for Play.
    const early = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(early.filter((url) => /train\.worker|tfjs|\.wasm/.test(url))).toEqual([]);
    // The model's section in words and tables: no key paths.
    await page.locator('[data-section="Verification"] table').waitFor();
    expect(await page.locator('main').textContent()).not.toContain('›');
    expect(await axeViolations(page), 'light, before training').toEqual([]);

    // Play: the samples start red (the untrained model), end green, and the model is exact, within 30 s.
    const chartsTop = await page.locator('.train-charts').evaluate((el) => el.getBoundingClientRect().top);
    await page.getByTestId('train-play').click();
    const pressed = Date.now();
    await expect
      .poll(() => page.getByTestId('train-status').textContent(), { timeout: 30_000, interval: 100 })
      .toContain('exact');
    const samples = page.getByTestId('train-samples').locator('li');
    await expect
      .poll(() => samples.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-correct'))))
      .toEqual(Array(10).fill('true'));
    const seconds = (Date.now() - pressed) / 1000;
    expect(seconds).toBeLessThanOrEqual(30);
    const seen = await page.evaluate(() => (window as unknown as { samplesSeen: string[][] }).samplesSeen);
    expect(seen.flat(), 'at least one red sample on the way').toContain('false');
    console.log(`[first screen] exact and all samples green ${seconds.toFixed(1)} s after Play`);
    // Focus stays on Play (not dropped to the page) and the charts kept their place.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('train-play');
    expect(await page.locator('.train-charts').evaluate((el) => el.getBoundingClientRect().top)).toBe(chartsTop);
    expect(await page.getByTestId('train-exact').textContent()).toContain('4,096 bits');
    await page.screenshot({ path: join(RESULTS, 'first-screen.png') });

    // The link follows the sum on screen and carries the weights: a few hundred characters.
    await page.getByTestId('operand-a').fill(A);
    await page.getByTestId('operand-b').fill(B);
    await expect.poll(() => page.getByTestId('sum').textContent()).toBe((BigInt(A) + BigInt(B)).toString());
    const link = page.getByTestId('model-link');
    await expect.poll(() => link.getAttribute('href')).toContain(`a=${A}`);
    const href = (await link.getAttribute('href'))!;
    expect(new URL(href).hash).toMatch(/^#model=serial&hidden=3&output=sigmoid&weights=[-\d.e,]+$/);
    expect(new URL(href).hash.length).toBeLessThan(1000);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('train-download').click()]);
    const file = join(RESULTS, download.suggestedFilename());
    await download.saveAs(file);
    const trained = parseWeights(JSON.parse(readFileSync(file, 'utf8')));
    const expected = createAdder(trained).add(A, B);
    expect(await axeViolations(page), 'light, after training').toEqual([]);
    expect(watch.errors).toEqual([]);
    await context.close();

    // A fresh browser opens the link: the trained model answers, and says it came with the link.
    const fresh = await chromium().newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    const other = await fresh.newPage();
    const otherWatch = watchErrors(other);
    await other.goto(href);
    await expect.poll(() => other.getByTestId('sum').textContent()).toBe(expected.sum.toString());
    const source = other.getByTestId('answer-source');
    expect(await source.getAttribute('data-source')).toBe('yours');
    expect(await source.textContent()).toBe('yours: your serial model, which came with the link, answered in this tab');
    // That model, not the shipped one: its least sure bit is the trained weights' own, as core computes it.
    expect(await other.locator('#answered-by').textContent()).toContain(
      `Its least sure bit was ${expected.margin.toFixed(3)} from the 0.5 threshold.`,
    );
    expect(await other.getByTestId('model').inputValue()).toBe('yours');
    expect(await other.locator('#model option:checked').textContent()).toBe(
      'your serial model, which came with the link',
    );
    expect(await axeViolations(other), 'dark, a linked model').toEqual([]);
    // The downloaded file does the same, and says so by name.
    await other.getByTestId('train-open').setInputFiles(file);
    await expect.poll(() => source.textContent()).toContain(`from "${download.suggestedFilename()}"`);
    expect(await other.getByTestId('sum').textContent()).toBe(expected.sum.toString());
    expect(otherWatch.errors).toEqual([]);
    await fresh.close();
  }, 120_000);
});
