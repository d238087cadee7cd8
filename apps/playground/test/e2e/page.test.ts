// The built page in real Chromium against `wrangler dev`: what a visitor sees and does.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { createAdder, evaluateAllPairs, parseWeights } from '@lstm-adder/core';
import vectorWeights from '@lstm-adder/core/models/vector.json' with { type: 'json' };
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_DIR, freePort, launchChromium, startStack, type Stack } from './servers';

const RESULTS = join(APP_DIR, 'test-results');

let stack: Stack | undefined;
let page: Page;
let pageUrl: string;
let browser: { context: BrowserContext; close(): Promise<void> } | undefined;

beforeAll(async () => {
  // Chromium first: without it nothing else is worth starting, and the message says how to install it.
  browser = await launchChromium();
  stack = await startStack();
  pageUrl = stack.pageUrl;
  page = await browser.context.newPage();
  mkdirSync(RESULTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

async function apiAnswer(query: Record<string, string>): Promise<{ status: number; body: any }> {
  const response = await fetch(`${stack!.apiUrl}/add?${new URLSearchParams(query)}`);
  return { status: response.status, body: await response.json() };
}

const sum = () => page.getByTestId('sum');
const badge = () => page.getByTestId('correct');

describe('the playground in Chromium', () => {
  it('adds 57 and 99 typed into the fields: 156, correct', async () => {
    await page.goto(`${pageUrl}/?model=vector&a=1&b=1`);
    await expect.poll(() => sum().textContent()).toBe('2');
    await page.getByTestId('operand-a').fill('57');
    await page.getByTestId('operand-b').fill('99');
    await expect.poll(() => sum().textContent()).toBe('156');
    expect(await badge().textContent()).toContain('correct');
    expect(await badge().isVisible()).toBe(true);
    expect(new URL(page.url()).search).toBe('?a=57&b=99&model=vector');
    // Three aligned rows of 8 bits; the sum row is 10011100.
    const sumRow = await page.locator('#bits tr.row-sum td').allTextContents();
    expect(sumRow.join('')).toBe('10011100');
  });

  it('draws the six heatmaps of the trace, and fills the 128 × 128 map in the browser with what core computes', async () => {
    for (const channel of ['i', 'f', 'g', 'o', 'c', 'h']) {
      const canvas = page.getByTestId(`heatmap-${channel}`);
      await canvas.waitFor();
      // Not blank: the drawn cells have more than a couple of distinct colours.
      const colours = await canvas.evaluate((el: HTMLCanvasElement) => {
        const data = el.getContext('2d')!.getImageData(0, 0, el.width, el.height).data;
        const seen = new Set<number>();
        for (let k = 0; k < data.length; k += 4) seen.add((data[k]! << 16) | (data[k + 1]! << 8) | data[k + 2]!);
        return seen.size;
      });
      expect(colours, `heatmap ${channel}`).toBeGreaterThan(8);
    }
    // The tooltip follows the keyboard.
    await page.getByTestId('heatmap-h').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('tooltip').textContent()).toMatch(/^h, unit 0, step 1 \(reads a\): −?\d\.\d{3}$/);

    const map = page.getByTestId('error-map');
    await expect.poll(() => map.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    const expected = evaluateAllPairs(createAdder(parseWeights(vectorWeights))).correct;
    expect(Number(await map.getAttribute('data-correct'))).toBe(expected);
    expect(await page.getByTestId('error-map-status').textContent()).toContain(`${expected.toLocaleString('en-GB')} of 16,384 pairs right`);

    await page.getByTestId('heatmap-h').blur(); // no tooltip in the picture
    await page.locator('.page-header').hover();
    await page.screenshot({ path: join(RESULTS, 'main-view.png'), fullPage: true });
  });

  it('passes axe-core’s WCAG 2 A/AA checks (labels, contrast, roles) on the main view', async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
  });

  it('shows a 40-digit serial sum exactly as the API gives it', async () => {
    const a = '1234567890123456789012345678901234567890';
    const b = '9876543210987654321098765432109876543210';
    await page.getByTestId('model').selectOption('serial');
    await page.getByTestId('operand-a').fill(a);
    await page.getByTestId('operand-b').fill(b);
    const { status, body } = await apiAnswer({ a, b, model: 'serial' });
    expect(status).toBe(200);
    await expect.poll(() => sum().textContent()).toBe(body.sum);
    expect(await badge().textContent()).toContain(body.correct ? 'correct' : 'wrong');
    // `correct` is the API's claim; check it against arithmetic rather than trusting it.
    expect(body.sum === (BigInt(a) + BigInt(b)).toString()).toBe(body.correct);
    // A model whose own verification passed (the trainer checks 8 to 4096 bits) must get this 133-bit sum right;
    // the untrained stand-in makes no such claim.
    const serialInfo = await (await fetch(`${stack!.apiUrl}/model/serial`)).json();
    if (serialInfo.meta?.verification?.passed === true) expect(await sum().textContent()).toBe((BigInt(a) + BigInt(b)).toString());
    // Serial steps are bits: one heatmap column per bit of the longer operand, plus the final carry step.
    expect(await page.getByTestId('heatmap-c').getAttribute('aria-label')).toContain(`by ${BigInt(b).toString(2).length + 1} steps`);
    await page.screenshot({ path: join(RESULTS, 'serial-view.png'), fullPage: true });
  });

  it('puts the API’s message for a=128 with the vector model next to the a field', async () => {
    await page.getByTestId('model').selectOption('vector');
    await page.getByTestId('operand-b').fill('5');
    await page.getByTestId('operand-a').fill('128');
    const { status, body } = await apiAnswer({ a: '128', b: '5', model: 'vector' });
    expect(status).toBe(400);
    const error = page.locator('#field-a [data-testid="error"]');
    await expect.poll(() => error.textContent()).toBe(body.error.message);
    expect(await page.getByTestId('operand-a').getAttribute('aria-invalid')).not.toBeNull();
    expect(await page.getByTestId('error').count()).toBe(1);
    expect(await badge().isVisible()).toBe(false);
    // Fixing the input clears the message.
    await page.getByTestId('operand-a').fill('12');
    await expect.poll(() => sum().textContent()).toBe('17');
    expect(await page.getByTestId('error').count()).toBe(0);
  });

  it('keeps the state in the URL across a reload', async () => {
    await page.getByTestId('model').selectOption('auto');
    await page.getByTestId('operand-a').fill('300');
    await page.getByTestId('operand-b').fill('45');
    await expect.poll(() => new URL(page.url()).search).toBe('?a=300&b=45&model=auto');
    const { body } = await apiAnswer({ a: '300', b: '45' });
    await expect.poll(() => sum().textContent()).toBe(body.sum);
    await page.reload();
    expect(await page.getByTestId('operand-a').inputValue()).toBe('300');
    expect(await page.getByTestId('operand-b').inputValue()).toBe('45');
    expect(await page.getByTestId('model').inputValue()).toBe('auto');
    await expect.poll(() => sum().textContent()).toBe(body.sum);
    expect(await page.locator('#answered-by').textContent()).toContain(`${body.model} model (auto chose it)`);
  });

  it('draws the training curves from the history in the model’s meta, the held-out experiment first', async () => {
    // The shipped vector model was fine-tuned on all pairs after a held-out experiment: both runs share one epoch axis.
    const meta = vectorWeights.meta as unknown as { holdoutExperiment: { history: unknown[] } };
    const fineTuneFrom = meta.holdoutExperiment.history.length + 1;
    await page.goto(`${pageUrl}/?a=3&b=4&model=vector`);
    for (const chart of ['chart-loss', 'chart-accuracy']) {
      await page.locator(`[data-testid="${chart}"] canvas`).waitFor();
      expect(await page.getByTestId(chart).locator('figcaption').textContent()).toContain(`fine-tune on all pairs from epoch ${fineTuneFrom}`);
    }
    const legend = await page.getByTestId('chart-accuracy').locator('.u-legend').textContent();
    expect(legend).toContain('train accuracy');
    expect(legend).toContain('held out accuracy');
    expect(await page.getByTestId('training-phases').textContent()).toContain(`From epoch ${fineTuneFrom}: fine-tune on all pairs`);
    await page.locator('#model-title').scrollIntoViewIfNeeded();
    await page.locator('section:has(#model-title)').screenshot({ path: join(RESULTS, 'model-view.png') });
  });

  it('draws a single run’s curves without a phase marker, and leaves all-null series out', async () => {
    // A model trained once (no held-out experiment before it), shaped as the trainer writes it.
    const history = Array.from({ length: 30 }, (_, k) => ({
      epoch: k + 1, loss: 0.3 * Math.exp(-k / 6), trainAccuracy: 1 - Math.exp(-k / 5), heldOutAccuracy: 1 - Math.exp(-k / 5.5), allPairsAccuracy: null, lr: 0.01,
    }));
    await page.route('**/model/vector', async (route) => {
      const response = await route.fetch();
      const info = await response.json();
      const { holdoutExperiment: _experiment, ...rest } = info.meta;
      await route.fulfill({ response, json: { ...info, meta: { ...rest, history } } });
    });
    try {
      await page.goto(`${pageUrl}/?a=5&b=6&model=vector`);
      await page.locator('[data-testid="chart-accuracy"] canvas').waitFor();
      const legend = await page.getByTestId('chart-accuracy').locator('.u-legend').textContent();
      expect(legend).toContain('held out accuracy');
      expect(legend).not.toContain('all pairs accuracy'); // all null: nothing to draw
      expect(await page.getByTestId('chart-accuracy').locator('figcaption').textContent()).not.toContain('fine-tune');
      expect(await page.getByTestId('training-phases').count()).toBe(0);
    } finally {
      await page.unroute('**/model/vector');
    }
  });

  it('says which URL it tried when the API cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await page.goto(`${pageUrl}/?a=1&b=2&model=vector&api=${encodeURIComponent(closed)}`);
    const banner = page.getByTestId('api-banner');
    await banner.waitFor({ state: 'visible' });
    expect(await banner.textContent()).toContain(`${closed}/add?a=1&b=2&model=vector`);
    // The answer still comes, from the shipped weights run in the browser, and says so.
    await expect.poll(() => page.getByTestId('answer-source').textContent()).toBe('shipped-local');
    expect(await sum().textContent()).toBe('3');
    const a = '1234567890123456789012345678901234567890', b = '9876543210987654321098765432109876543210';
    await page.getByTestId('model').selectOption('serial');
    await page.getByTestId('operand-a').fill(a);
    await page.getByTestId('operand-b').fill(b);
    await expect.poll(() => sum().textContent()).toBe((BigInt(a) + BigInt(b)).toString());
    expect(await page.getByTestId('answer-source').textContent()).toBe('shipped-local');
  });
});
