// The proof panel in Chromium, on the production build and under `npm start` (Vite dev): the shipped serial model
// proven with its picture in step with the scrubber, a wrong model refuted with a sum core's adder really gets wrong,
// and (build only) Play ending with a model proven in the page, whose proof then shows as the current model's.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAdder, parseWeights } from '@lstm-adder/core';
import serialJson from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import { proveSerial } from '@lstm-adder/core/proof';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { weightsToFragment } from '../../src/yours/link';
import { chromiumPerFile } from './chromium';
import { watchErrors } from './errors';
import { APP_DIR } from './servers';

const { pageUrl, devUrl } = inject('stack');
const chromium = chromiumPerFile();
const RESULTS = join(APP_DIR, 'test-results');
const FIXTURES = join(APP_DIR, '../../packages/core/test/fixtures/proof');
const drifting = parseWeights(JSON.parse(readFileSync(join(FIXTURES, 'drifting-carry.json'), 'utf8')));
const shipped = parseWeights(serialJson);

const status = (page: Page) => page.getByTestId('proof-status');
const picture = (page: Page) => page.getByTestId('proof-picture');
/** Cells drawn, per carry class. */
const cellsDrawn = (page: Page) =>
  picture(page)
    .locator('path.cells')
    .evaluateAll((paths) => paths.map((p) => Number(p.getAttribute('data-cells'))));
const bottomOf = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);

/** The carry into serial step t of a + b. */
const carryInto = (a: bigint, b: bigint, t: number) =>
  Number((((a % (1n << BigInt(t))) + (b % (1n << BigInt(t)))) >> BigInt(t)) & 1n);

describe.each([
  ['the production build', pageUrl],
  ['the Vite dev server', devUrl],
])('the proof panel on %s', (_, base) => {
  it('shows the shipped model proven, its cells and automaton, the sum’s path following the scrubber', async () => {
    const context = await chromium().newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const watch = watchErrors(page);
    await page.goto(`${base}/`);
    await expect.poll(() => page.getByTestId('sum').textContent(), { timeout: 60_000 }).toBe('292');
    await expect.poll(() => status(page).textContent(), { timeout: 60_000 }).toContain('proven exact for every length');
    // Short, on the first screen with the sum, the scrubber and Play.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    for (const testId of ['sum', 'scrubber', 'train-play', 'proof-status'])
      expect(await bottomOf(page, testId), testId).toBeLessThanOrEqual(800);
    // Every certified cell drawn: as many as the shipped meta's proof counts.
    const drawn = await cellsDrawn(page);
    expect(drawn).toHaveLength(2);
    expect(drawn.every((n) => n > 0)).toBe(true);
    expect(drawn[0]! + drawn[1]!).toBe(shipped.meta.verification?.proof?.cells);
    expect(await picture(page).getAttribute('role')).toBe('img');
    expect(await picture(page).locator('desc').textContent()).toMatch(/cells hold the states with carry 0/);
    // The 8 edges: from each carry, bits a b read / the sum bit a ⊕ b ⊕ carry written, and a positive margin.
    const labels = await picture(page)
      .locator('text.edge-label')
      .evaluateAll((els) => els.map((el) => [Number(el.getAttribute('data-edge')), el.firstChild?.textContent ?? '']));
    expect(labels).toHaveLength(8);
    for (const [k, text] of labels as [number, string][]) {
      const [carry, a, b] = [k >> 2, (k >> 1) & 1, k & 1];
      expect(text).toMatch(new RegExp(`^${a}${b}/${a ^ b ^ carry} \\(\\d+\\.\\d\\d\\)$`));
      expect(Number(text.match(/\((.*)\)/)![1])).toBeGreaterThan(0);
    }
    // The path: the zero state and one point per step (183 + 109: 9 steps); the scrubber moves the ring.
    const points = await picture(page).locator('polyline.trajectory').getAttribute('points');
    expect(points?.trim().split(/\s+/)).toHaveLength(10);
    const scrubber = page.getByTestId('scrubber');
    await scrubber.focus();
    for (const step of [1, 2, 3]) {
      await page.keyboard.press('ArrowLeft');
      await expect
        .poll(() => picture(page).locator('circle.state.current').getAttribute('data-step'))
        .toBe(String(step));
      const [a, b] = [183n, 109n];
      const edge = 4 * carryInto(a, b, step) + 2 * Number((a >> BigInt(step)) & 1n) + Number((b >> BigInt(step)) & 1n);
      expect(await picture(page).locator('text.edge-label.current').getAttribute('data-edge')).toBe(String(edge));
    }
    // The ring sits inside the drawn frame of the cells (the path is clipped to it).
    const inFrame = await picture(page).evaluate((svg) => {
      const frame = (svg.querySelector('.proof-frame') as SVGGraphicsElement).getBBox();
      const clip = (svg.querySelector('clipPath rect') as SVGGraphicsElement).getBBox();
      const ring = svg.querySelector('circle.state.current')!;
      const [x, y] = ['cx', 'cy'].map((k) => Number(ring.getAttribute(k)));
      const inside = (r: DOMRect) => x! >= r.x && x! <= r.x + r.width && y! >= r.y && y! <= r.y + r.height;
      return frame.width > 100 && inside(frame) && inside(clip);
    });
    expect(inFrame).toBe(true);
    const name = base === devUrl ? 'dev' : 'build';
    await page.screenshot({ path: join(RESULTS, `proof-${name}.png`), fullPage: true });
    await picture(page).screenshot({ path: join(RESULTS, `proof-picture-${name}.png`) });
    expect(watch.errors).toEqual([]);
    await context.close();
  }, 150_000);

  it('refutes a wrong model that came with the link, with a sum core’s adder really gets wrong', async () => {
    const page = await chromium().context.newPage();
    const watch = watchErrors(page);
    await page.goto(`${base}/?a=5&b=6#${weightsToFragment(drifting)}`);
    await expect
      .poll(() => page.getByTestId('answer-source').getAttribute('data-source'), { timeout: 60_000 })
      .toBe('yours');
    await expect
      .poll(() => status(page).textContent(), { timeout: 60_000 })
      .toMatch(/^not proven: \d+ \+ \d+ is wrong$/);
    const [, a, b] = (await status(page).textContent())!.match(/^not proven: (\d+) \+ (\d+) is wrong$/)!;
    const answer = createAdder(drifting).add(a!, b!);
    expect(answer.sum).not.toBe(BigInt(a!) + BigInt(b!));
    expect(answer.correct).toBe(false);
    expect(await cellsDrawn(page)).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.close();
  }, 120_000);
});

describe('the proof follows the current model (production build)', () => {
  it('ends a proof when the model changes, proves a linked exact model, and hides for the vector model', async () => {
    const exact = parseWeights(JSON.parse(readFileSync(join(FIXTURES, 'exact.json'), 'utf8')));
    const expected = proveSerial(exact, { falsify: false });
    expect(expected.proven).toBe(true);
    const page = await chromium().context.newPage();
    const watch = watchErrors(page);
    await page.goto(`${pageUrl}/?a=5&b=6#${weightsToFragment(exact)}`);
    await expect.poll(() => status(page).getAttribute('data-state'), { timeout: 60_000, interval: 20 }).toBe('proving');
    // Switched to the shipped model while the linked one is proved (the falsifier alone takes a good part of a
    // second): only the shipped proof shows.
    await page.getByTestId('model').selectOption('serial');
    await expect
      .poll(() => status(page).textContent(), { timeout: 60_000 })
      .toBe(`proven exact for every length (${shipped.meta.verification?.proof?.cells} cells)`);
    await page.waitForTimeout(4000); // a proof left running would land by now
    expect(await status(page).textContent()).toContain(`(${shipped.meta.verification?.proof?.cells} cells)`);
    // Back to the linked model: proved in the page, every one of its cells drawn.
    await page.getByTestId('model').selectOption('yours');
    await expect
      .poll(() => status(page).textContent(), { timeout: 60_000 })
      .toBe(`proven exact for every length (${expected.cells.toLocaleString('en-GB')} cells)`);
    expect(await cellsDrawn(page)).toEqual(expected.cellsByCarry);
    await page.getByTestId('model').selectOption('vector');
    await expect.poll(() => page.locator('#proof-line').isHidden()).toBe(true);
    expect(await page.locator('#proof').isHidden()).toBe(true);
    expect(watch.errors).toEqual([]);
    await page.close();
  }, 180_000);
});

describe('a model trained in the page (production build)', () => {
  it('ends proven after Play, and its proof shows once it answers', async () => {
    const context = await chromium().newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const watch = watchErrors(page);
    await page.goto(`${pageUrl}/?seed=1`);
    await expect.poll(() => status(page).textContent(), { timeout: 60_000 }).toContain('proven exact for every length');
    const seen: string[] = [];
    await page.getByTestId('train-play').click();
    const pressed = Date.now();
    const train = page.getByTestId('train-status');
    await expect
      .poll(
        async () => {
          const text = (await train.textContent()) ?? '';
          if (seen.at(-1) !== text) seen.push(text);
          return text;
        },
        { timeout: 180_000, interval: 100 },
      )
      .toContain('and proven for every length');
    const seconds = (Date.now() - pressed) / 1000;
    const pageClock = await train.getAttribute('data-seconds-from-play');
    console.log(`[proof e2e] Play → proven in ${seconds.toFixed(1)} s (page clock: ${pageClock} s)`);
    expect(await train.textContent()).toMatch(
      /^exact and proven for every length after epoch \d+ \([\d.]+ s from play\)$/,
    );
    expect(await train.getAttribute('data-proven')).toBe('true');
    // The proving… status between them is too brief to catch every time (a proof of 390 cells takes 0.3 s); the
    // reducer's handling of proof progress is tested in train-state.test.ts.
    expect(seen.some((text) => /sampled sums right|proving/.test(text)) || seen.length >= 2).toBe(true);
    expect(await page.getByTestId('train-exact').textContent()).toMatch(/Proven for every length: .* [\d,]+ cells/);
    // The trained weights, as the page downloads them: core proves them here too.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('train-download').click()]);
    const file = join(RESULTS, `proof-${download.suggestedFilename()}`);
    await download.saveAs(file);
    const trained = parseWeights(JSON.parse(readFileSync(file, 'utf8')));
    expect(proveSerial(trained).proven).toBe(true);
    // Answering with it: the panel shows its proof (its certificate re-checked), all its cells drawn.
    await page.getByTestId('train-use').click();
    await expect.poll(() => page.getByTestId('answer-source').getAttribute('data-source')).toBe('yours');
    await expect.poll(() => status(page).textContent(), { timeout: 60_000 }).toContain('proven exact for every length');
    const drawn = await cellsDrawn(page);
    expect(drawn[0]! + drawn[1]!).toBe(trained.meta.verification?.proof?.cells);
    expect(watch.errors).toEqual([]);
    await context.close();
  }, 300_000);
});
