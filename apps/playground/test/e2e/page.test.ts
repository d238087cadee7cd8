// The built page in real Chromium against `wrangler dev`: what a visitor sees and does. Every test opens
// its own page at its own URL, so none depends on another's state or order.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createAdder, evaluateAllPairs, parseWeights } from '@lstm-adder/core';
import vectorWeights from '@lstm-adder/core/models/vector.json' with { type: 'json' };
import type { Page } from 'playwright-core';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import { chromiumPerFile } from './chromium';
import { type ErrorWatch, watchErrors } from './errors';
import { APP_DIR, freePort } from './servers';

const RESULTS = join(APP_DIR, 'test-results');

const stack = inject('stack');
const chromium = chromiumPerFile();
let page: Page;
let watch: ErrorWatch;

beforeAll(() => {
  mkdirSync(RESULTS, { recursive: true });
});

beforeEach(async () => {
  page = await chromium().context.newPage();
  watch = watchErrors(page);
});

afterEach(async () => {
  await page.close();
  expect(watch.errors).toEqual([]);
});

async function apiAnswer(
  query: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> & { error?: Record<string, unknown> } }> {
  const response = await fetch(`${stack.apiUrl}/add?${new URLSearchParams(query)}`);
  return { status: response.status, body: await response.json() };
}

const open = async (query: string) => {
  await page.goto(`${stack.pageUrl}/?${query}`);
};
const sum = () => page.getByTestId('sum');
const badge = () => page.getByTestId('correct');
const mapDone = () =>
  expect.poll(() => page.getByTestId('errormap').getAttribute('data-state'), { timeout: 30_000 }).toBe('done');

/** The colour of one CSS pixel of a canvas, as [r, g, b]. */
const pixel = (testId: string, x: number, y: number) =>
  page.getByTestId(testId).evaluate(
    (el: HTMLCanvasElement, [px, py]) => {
      const ratio = el.width / el.getBoundingClientRect().width;
      const d = el.getContext('2d')!.getImageData(Math.floor(px! * ratio), Math.floor(py! * ratio), 1, 1).data;
      return [d[0], d[1], d[2]];
    },
    [x, y],
  );

describe('the playground in Chromium', () => {
  it('adds 57 and 99 typed into the fields: 156, correct', async () => {
    await open('model=vector&a=1&b=1');
    await expect.poll(() => sum().textContent()).toBe('2');
    await page.getByTestId('operand-a').fill('57');
    await page.getByTestId('operand-b').fill('99');
    await expect.poll(() => sum().textContent()).toBe('156');
    expect(await badge().textContent()).toContain('correct');
    expect(await badge().isVisible()).toBe(true);
    expect(new URL(page.url()).search).toBe('?a=57&b=99&model=vector');
    // Three aligned rows of 8 bits; the sum row is 10011100, each bit with its confidence written below it.
    expect((await page.locator('#bits tr.row-sum td').allTextContents()).join('')).toBe('10011100');
    const sure = await page.locator('#bits tr.row-sure td').allTextContents();
    expect(sure).toHaveLength(8);
    for (const value of sure) expect(Number(value)).toBeGreaterThanOrEqual(0);
    expect(await page.locator('#bits tr.row-sum td').first().getAttribute('aria-label')).toMatch(
      /^sum bit 7 = 1, \d+ % sure$/,
    );
    expect(await page.getByTestId('bit-wrong').count()).toBe(0);
  });

  it('draws the six heatmaps of the trace, and fills the 128 × 128 map with what core computes', async () => {
    await open('a=57&b=99&model=vector');
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

    await mapDone();
    const expected = evaluateAllPairs(createAdder(parseWeights(vectorWeights))).correct;
    expect(Number(await page.getByTestId('errormap').getAttribute('data-correct'))).toBe(expected);
    expect(await page.getByTestId('error-map-status').textContent()).toContain(
      `${expected.toLocaleString('en-GB')} of 16,384 pairs right`,
    );
    // One orientation, said in the legend: a across, b down.
    expect(await page.getByTestId('error-map').locator('figcaption').textContent()).toContain(
      'a across (0 → 127, left to right), b down (0 → 127, top to bottom)',
    );
    expect(await page.getByTestId('scrubber').count()).toBe(0); // the vector model has no carry to step through

    await page.getByTestId('heatmap-h').blur(); // no tooltip in the picture
    await page.locator('.page-header').hover();
    await page.screenshot({ path: join(RESULTS, 'desktop.png'), fullPage: true });
  });

  it('passes axe-core’s WCAG 2 A/AA checks in the light and the dark theme (vector model, its maps)', async () => {
    // The serial model's first screen is checked in first-screen.test.ts, light and dark.
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await open('a=57&b=99&model=vector');
      await page.getByTestId('heatmap-c').waitFor();
      await page.locator('[data-testid="chart-accuracy"] canvas').waitFor();
      await mapDone();
      expect(await axeViolations(page), scheme).toEqual([]);
    }
    // The dark theme is dark: the page background and the map are not the light ones.
    const [r, g, b] = await page.evaluate(() =>
      getComputedStyle(document.documentElement).backgroundColor.match(/\d+/g)!.map(Number),
    );
    expect(r! + g! + b!).toBeLessThan(150);
    await page.locator('.page-header').hover();
    await page.screenshot({ path: join(RESULTS, 'dark.png'), fullPage: true });
  });

  it('never scrolls sideways at 320, 390 and 1280 px, for either model', async () => {
    const long = '9'.repeat(60);
    const load = async (query: string) => {
      await open(query);
      await expect.poll(() => sum().textContent()).toMatch(/^\d+$/);
      await page.locator('[data-testid="chart-accuracy"] canvas').waitFor();
      await page.getByTestId('heatmap-c').waitFor();
    };
    const sideways = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const width of [320, 390, 1280]) {
      await page.setViewportSize({ width, height: 844 });
      await load('a=57&b=99&model=vector');
      expect(await sideways(), `${width} px, vector`).toBeLessThanOrEqual(0);
      await load(`a=${long}&b=${long}&model=serial`);
      expect(await sideways(), `${width} px, serial`).toBeLessThanOrEqual(0);
      // A long sum wraps between groups of three digits, never inside one, and its bits open on bit 0.
      const broken = await page
        .locator('#sum .digits')
        .evaluateAll((groups) => groups.filter((g) => g.getClientRects().length !== 1).length);
      expect(broken, `${width} px`).toBe(0);
      const bit0 = await page.locator('#bits tr.row-sum td[data-position="0"]').boundingBox();
      expect(bit0!.x + bit0!.width, `${width} px: bit 0 in view`).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 390, height: 844 });
    await load('a=57&b=99&model=vector');
    await mapDone();
    await page.screenshot({ path: join(RESULTS, 'phone.png'), fullPage: true });
  });

  // Rendered once: its sum, bit table and heatmaps are not replaced after they first appear.
  it('shows a 40-digit serial sum exactly, with exact answers by length, and renders it once', async () => {
    // Counts, from before the page's own scripts run, every render of the answer's parts and keeps the first nodes.
    await page.addInitScript(() => {
      const seen = { sum: [] as Node[], bits: [] as Node[], heatmaps: [] as Node[] };
      (window as unknown as { renders: typeof seen }).renders = seen;
      new MutationObserver((records) => {
        for (const record of records) {
          const target = record.target as Element;
          const added = [...record.addedNodes].filter((n): n is Element => n instanceof Element);
          if (target.id === 'sum' && added.some((n) => n.classList.contains('digits'))) seen.sum.push(added[0]!);
          if (target.id === 'bits') seen.bits.push(...added.filter((n) => n.nodeName === 'TBODY'));
          if (target.id === 'heatmaps' && added.some((n) => n.classList.contains('heatmap')))
            seen.heatmaps.push(added[0]!);
        }
      }).observe(document, { childList: true, subtree: true });
    });
    const renders = () =>
      page.evaluate(() => {
        const { renders } = window as unknown as { renders: Record<'sum' | 'bits' | 'heatmaps', Node[]> };
        return Object.fromEntries(
          Object.entries(renders).map(([part, nodes]) => [
            part,
            { count: nodes.length, firstStillShown: nodes[0]?.isConnected ?? false },
          ]),
        );
      });
    const once = { count: 1, firstStillShown: true };
    const a = '1234567890123456789012345678901234567890';
    const b = '9876543210987654321098765432109876543210';
    await open(`a=${a}&b=${b}&model=serial`);
    const { status, body } = await apiAnswer({ a, b, model: 'serial' });
    expect(status).toBe(200);
    await expect.poll(() => sum().textContent()).toBe(body.sum);
    // The shipped serial model is verified exact up to 4,096 bits, and this sum has 133.
    expect(body.sum).toBe((BigInt(a) + BigInt(b)).toString());
    expect(await badge().textContent()).toContain('correct');
    // Serial steps are bits: one heatmap column per bit of the longer operand, plus the final carry step.
    const steps = BigInt(b).toString(2).length + 1;
    expect(await page.getByTestId('heatmap-c').getAttribute('aria-label')).toContain(`by ${steps} steps`);
    // No 128 × 128 map here: it describes the vector model.
    expect(await page.getByTestId('errormap').count()).toBe(0);
    const table = page.getByTestId('length-accuracy');
    await expect.poll(() => table.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => r[0])).toEqual(['8', '16', '32', '64', '128', '256', '512', '1,024', '2,048', '3,322']);
    // Exact on every sum, as its verification says.
    for (const row of rows) expect(row[3], `${row[0]} bits`).toBe(row[2]);
    expect(await page.getByTestId('carry-units').textContent()).toMatch(
      /^The carry lives in u\d+ \(r = −?[01]\.\d\d\)/,
    );
    await page.screenshot({ path: join(RESULTS, 'serial-view.png'), fullPage: true });
    // Scrolled sideways, the bit table keeps its row labels in view, and the heatmaps scroll with it, each bit's
    // column over the same step's (the serial maps draw step t in column steps − 1 − t, 26 px wide behind 58 px).
    await page.locator('.bits-scroller').evaluate((el) => {
      el.scrollLeft = 300;
      el.dispatchEvent(new Event('scroll'));
    });
    await expect.poll(() => page.getByTestId('heatmap-c').evaluate((c) => c.parentElement!.scrollLeft)).toBe(300);
    const place = await page.evaluate((steps) => {
      const left = (selector: string) => document.querySelector(selector)!.getBoundingClientRect().left;
      return {
        scroller: left('.bits-scroller'),
        label: left('#bits tr.row-sum th'),
        bit: left('#bits tr.row-sum td[data-position="100"]'),
        step: left('[data-testid="heatmap-c"]') + 58 + (steps - 1 - 100) * 26,
      };
    }, steps);
    expect(place.label).toBe(place.scroller);
    expect(place.bit).toBe(place.step);

    // Everything that arrives after the answer: the model's description and curves, its exact answers by length,
    // its carry units.
    await expect
      .poll(() => page.getByTestId('length-accuracy').getAttribute('data-state'), { timeout: 30_000 })
      .toBe('done');
    await expect.poll(() => page.getByTestId('carry-units').textContent()).toContain('The carry lives in');
    await page.locator('[data-testid="chart-accuracy"] canvas').waitFor();
    // The carry units are named where the answer is shown, without drawing it again.
    await expect.poll(() => page.getByTestId('scrubber-readout').textContent()).toMatch(/Carry units?: u\d+ c = /);
    const units = (await page.getByTestId('carry-units').textContent())!.match(/u\d+(?= \(r =)/g)!.join(' ');
    expect(await page.getByTestId('heatmap-c').getAttribute('data-named')).toBe(units);
    expect(await page.getByTestId('heatmap-h').getAttribute('data-named')).toBe(units);
    expect(await page.getByTestId('heatmap-i').getAttribute('data-named')).toBe('');
    expect(await renders()).toEqual({ sum: once, bits: once, heatmaps: once });

    await open('a=57&b=99&model=vector');
    await expect.poll(() => sum().textContent()).toBe('156');
    await mapDone();
    await page.locator('[data-testid="chart-accuracy"] canvas').waitFor();
    expect(await renders()).toEqual({ sum: once, bits: once, heatmaps: once });
  });

  it('steps through the carry with the arrow keys, the same step lit in the bit table and every heatmap', async () => {
    await open('a=11&b=3&model=serial'); // 1011 + 0011: carries out of bits 0, 1, 2 and 3
    const scrubber = page.getByTestId('scrubber');
    await scrubber.waitFor();
    await expect
      .poll(() => page.getByTestId('carry-units').textContent(), { timeout: 30_000 })
      .toContain('The carry lives in');
    const highlighted = async () => ({
      bits: await page.getByTestId('bits').getAttribute('data-step'),
      maps: await Promise.all(
        ['i', 'f', 'g', 'o', 'c', 'h'].map((c) => page.getByTestId(`heatmap-${c}`).getAttribute('data-step')),
      ),
      columns: await page
        .locator('#bits tr.row-sum td.current')
        .evaluateAll((tds) => tds.map((td) => td.getAttribute('data-position'))),
    });
    await scrubber.focus();
    expect(await highlighted()).toEqual({ bits: '0', maps: Array(6).fill('0'), columns: ['0'] });
    // Steps run right to left like the bits, so ← goes to the next (more significant) step.
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await scrubber.inputValue()).toBe('2');
    expect(await highlighted()).toEqual({ bits: '2', maps: Array(6).fill('2'), columns: ['2'] });
    const readout = await page.getByTestId('scrubber-readout').textContent();
    expect(readout).toMatch(
      new RegExp(
        '^Step 3 of 5 reads bit 2: a = 0, b = 0, carry in 1 → sum bit 2 = 1 ✓, carry out 0\\. ' +
          'Carry units?: u\\d+ c = −?\\d\\.\\d\\d',
      ),
    );
    await page.keyboard.press('ArrowRight');
    expect(await highlighted()).toEqual({ bits: '1', maps: Array(6).fill('1'), columns: ['1'] });
    await page.locator('.page-header').hover();
    await page.screenshot({ path: join(RESULTS, 'scrubbing.png'), fullPage: true });
  });

  it('loads a pair clicked on a weak model’s map, and marks the bits it gets wrong', async () => {
    // A weak model: the shipped weights with one output bias pushed, served in place of the API's weights.
    const weak = structuredClone(vectorWeights) as typeof vectorWeights;
    weak.dense.b[1]! += 3;
    const wrong = evaluateAllPairs(createAdder(parseWeights(weak))).wrong;
    expect(wrong.length).toBeGreaterThan(0);
    await page.route(
      (url) => url.pathname === '/model/vector',
      async (route) => {
        const response = await route.fetch();
        const info = await response.json();
        await route.fulfill({ response, json: { ...info, weights: { ...info.weights, dense: weak.dense } } });
      },
    );
    const pick = wrong[Math.floor(wrong.length / 2)]!;
    // The API's answer for that pair, as the weak model would give it.
    await page.route(
      (url) => url.pathname === '/add',
      async (route) => {
        const url = new URL(route.request().url());
        const response = await route.fetch();
        const body = await response.json();
        if (url.searchParams.get('a') === String(pick.a) && url.searchParams.get('b') === String(pick.b)) {
          body.sum = String(pick.got);
          body.bits.sum = pick.got.toString(2).padStart(8, '0');
          body.correct = false;
        }
        await route.fulfill({ response, json: body });
      },
    );
    await open('a=1&b=2&model=vector');
    await mapDone();
    const map = page.getByTestId('errormap');
    // The cell is drawn in the wrong colour, at a across and b down (3 px per pair).
    const wrongColour = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue('--map-wrong').trim(),
    );
    const [r, g, b] = await pixel('errormap', pick.a * 3 + 1, pick.b * 3 + 1);
    expect(`#${[r, g, b].map((v) => v!.toString(16).padStart(2, '0')).join('')}`).toBe(wrongColour);
    await map.click({ position: { x: pick.a * 3 + 1, y: pick.b * 3 + 1 } });
    await expect.poll(() => page.getByTestId('operand-a').inputValue()).toBe(String(pick.a));
    expect(await page.getByTestId('operand-b').inputValue()).toBe(String(pick.b));
    await expect.poll(() => sum().textContent()).toBe(String(pick.got));
    expect(await badge().textContent()).toContain('wrong');
    // Each wrong bit is marked: exactly the bits where the answer differs from the true sum.
    const differing = [...Array(8).keys()].filter((p) => ((pick.got >> p) & 1) !== (((pick.a + pick.b) >> p) & 1));
    const marked = await page
      .getByTestId('bit-wrong')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-position'))));
    expect(marked.sort((x, y) => x - y)).toEqual(differing);
    // The keyboard does the same: focus, move right (a + 1) and down (b + 1), Enter.
    await map.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('operand-a').inputValue()).toBe(String(Math.min(127, pick.a + 1)));
    expect(await page.getByTestId('operand-b').inputValue()).toBe(String(Math.min(127, pick.b + 1)));
  });

  it('says what is wrong with the input in plain words, next to it, and keeps what was typed', async () => {
    watch.allow(/status of 400/); // the API's refusals
    await open('a=128&b=5&model=vector');
    const { status, body } = await apiAnswer({ a: '128', b: '5', model: 'vector' });
    expect(status).toBe(400);
    const error = page.locator('#field-a [data-testid="error"]');
    await expect
      .poll(() => error.textContent())
      .toBe(
        'The vector model adds numbers from 0 to 127 only, and a is “128”. ' +
          'Type a smaller number, or choose the serial model for bigger ones.',
      );
    expect(await error.textContent()).not.toBe(body.error?.message);
    expect(await page.getByTestId('operand-a').inputValue()).toBe('128');
    expect(await page.locator('#a-range').inputValue()).toBe('127'); // the slider goes to its end, not mid-track
    expect(await page.getByTestId('operand-a').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('error').count()).toBe(1);
    expect(await badge().isVisible()).toBe(false);
    // Fixing the input clears the message.
    await page.getByTestId('operand-a').fill('12');
    await expect.poll(() => sum().textContent()).toBe('17');
    expect(await page.getByTestId('error').count()).toBe(0);
    // Letters stay in the box, and both boxes are flagged at once: the letters and the empty one.
    await open('a=abc&b=&model=vector');
    await expect.poll(() => page.locator('#field-b [data-testid="error"]').textContent()).toBe('Type a number for b.');
    expect(await page.locator('#field-a [data-testid="error"]').textContent()).toBe(
      '“abc” is not a whole number: type a with the digits 0 to 9, such as 57.',
    );
    expect(await page.getByTestId('operand-a').inputValue()).toBe('abc');
    expect(await page.locator('#b-range').inputValue()).toBe('0');
    // What does not depend on the sum stays: the model's section, and a word where the insides would be.
    await expect.poll(() => page.locator('#model-summary').textContent()).toContain('The edge API’s vector model');
    expect(await page.locator('#network-intro').textContent()).toContain('Once a and b are whole numbers');
    await page.getByTestId('operand-b').fill('1');
    await expect.poll(() => page.getByTestId('error').count()).toBe(1);
    expect(await page.locator('#field-a [data-testid="error"]').textContent()).toBe(
      '“abc” is not a whole number: type a with the digits 0 to 9, such as 57.',
    );
    // The serial model's message says nothing about the vector model's range.
    await open('a=-5&b=1&model=serial');
    await expect
      .poll(() => page.locator('#field-a [data-testid="error"]').textContent())
      .toBe('a is negative: this adder takes whole numbers of 0 or more.');
  });

  it('keeps the state in the URL across a reload', async () => {
    await open('a=1&b=1&model=vector');
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
    // The select says which model answered.
    expect(await page.locator('#model option:checked').textContent()).toBe(`auto (${body.model} answered)`);
  });

  it('draws the training curves from the model’s meta: one run, held-out accuracy every epoch', async () => {
    // The shipped vector model trained once with 10% of the pairs held out, and was shipped as it was (no fine-tune).
    await open('a=3&b=4&model=vector');
    for (const chart of ['chart-loss', 'chart-accuracy'])
      await page.locator(`[data-testid="${chart}"] canvas`).waitFor();
    const legend = await page.getByTestId('chart-accuracy').locator('.u-legend').textContent();
    expect(legend).toContain('training data');
    expect(legend).toContain('held out');
    // Values are shown without hovering: the last epoch's, not uPlot's "--" placeholders.
    expect(legend).not.toContain('--');
    expect(legend).toContain(`epoch${vectorWeights.meta.history.length}`);
    expect(await page.getByTestId('chart-accuracy').locator('figcaption').textContent()).not.toContain('fine-tune');
    await page.locator('#model-title').scrollIntoViewIfNeeded();
    await page.locator('section:has(#model-title)').screenshot({ path: join(RESULTS, 'model-view.png') });
  });

  it('draws a single run’s curves without a phase marker, and leaves all-null series out', async () => {
    // A model trained once (no held-out experiment before it), shaped as the trainer writes it.
    const history = Array.from({ length: 30 }, (_, k) => ({
      epoch: k + 1,
      loss: 0.3 * Math.exp(-k / 6),
      trainAccuracy: 1 - Math.exp(-k / 5),
      heldOutAccuracy: 1 - Math.exp(-k / 5.5),
      allPairsAccuracy: null,
      lr: 0.01,
    }));
    await page.route(
      (url) => url.pathname === '/model/vector',
      async (route) => {
        const response = await route.fetch();
        const info = await response.json();
        const { holdoutExperiment: _experiment, ...rest } = info.meta;
        await route.fulfill({ response, json: { ...info, meta: { ...rest, history } } });
      },
    );
    await open('a=5&b=6&model=vector');
    await page.locator('[data-testid="chart-accuracy"] canvas').waitFor();
    const legend = await page.getByTestId('chart-accuracy').locator('.u-legend').textContent();
    expect(legend).toContain('held out');
    expect(legend).not.toContain('all pairs'); // all null: nothing to draw
    expect(await page.getByTestId('chart-accuracy').locator('figcaption').textContent()).not.toContain('fine-tune');
    expect(await page.getByTestId('training-phases').count()).toBe(0);
  });

  it('says which URL it tried when the API cannot be reached', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    watch.allow(/ERR_CONNECTION_REFUSED/);
    await open(`a=1&b=2&model=vector&api=${encodeURIComponent(closed)}`);
    const note = page.getByTestId('api-banner');
    await note.waitFor({ state: 'visible' });
    // A quiet note, not an alarm: the page answers anyway; what it tried is folded away for the developer.
    expect(await note.textContent()).toContain('answering from the shipped weights');
    expect(await note.getAttribute('role')).toBeNull();
    expect(await note.locator('details').textContent()).toContain(`${closed}/add?a=1&b=2&model=vector`);
    // The answer still comes, from the shipped weights run in the browser, and says so.
    await expect.poll(() => page.getByTestId('answer-source').getAttribute('data-source')).toBe('shipped-local');
    expect(await sum().textContent()).toBe('3');
    const a = '1234567890123456789012345678901234567890',
      b = '9876543210987654321098765432109876543210';
    await page.getByTestId('model').selectOption('serial');
    await page.getByTestId('operand-a').fill(a);
    await page.getByTestId('operand-b').fill(b);
    await expect.poll(() => sum().textContent()).toBe((BigInt(a) + BigInt(b)).toString());
    expect(await page.getByTestId('answer-source').getAttribute('data-source')).toBe('shipped-local');
    // On a phone the note fits the screen.
    await page.setViewportSize({ width: 320, height: 700 });
    expect(await note.evaluate((el) => el.getBoundingClientRect().right)).toBeLessThanOrEqual(320);
  });
});
