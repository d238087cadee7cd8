// The Train view in real Chromium: train the serial model in the page, check its weights with core,
// let it answer, open good and bad weights files, and keep answering when the API goes down.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAdder, evaluateSerial, parseWeights, WeightsError } from '@lstm-adder/core';
import serialWeights from '@lstm-adder/core/models/serial.json' with { type: 'json' };
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import { chromiumPerFile } from './chromium';
import { type ErrorWatch, watchErrors } from './errors';
import { APP_DIR } from './servers';
import { typingLatencies } from './typing';

const RESULTS = join(APP_DIR, 'test-results');
// Training to exact takes seconds on a quiet machine; a loaded CI runner gets room.
const TRAIN_TIMEOUT = 240_000;

const stack = inject('stack');
const chromium = chromiumPerFile();
let page: Page;
let watch: ErrorWatch;

beforeAll(async () => {
  page = await chromium().context.newPage();
  watch = watchErrors(page);
  mkdirSync(RESULTS, { recursive: true });
});

afterAll(() => {
  expect(watch.errors).toEqual([]);
});

const sum = () => page.getByTestId('sum');
const status = () => page.getByTestId('train-status');
const A40 = '1234567890123456789012345678901234567890';
const B40 = '9876543210987654321098765432109876543210';

/** The WeightsError core's parseWeights throws for `json` (fails the test when it throws none or another). */
function weightsError(json: unknown): WeightsError {
  try {
    parseWeights(json);
  } catch (error) {
    expect(error).toBeInstanceOf(WeightsError);
    return error as WeightsError;
  }
  throw new Error('parseWeights accepted the bad weights');
}

describe('the Train view in Chromium', () => {
  it('loads nothing of TF.js until the visitor reaches for the Train view, and opens it from the header', async () => {
    const loaded: string[] = [];
    page.on('request', (request) => loaded.push(request.url()));
    await page.goto(`${stack.pageUrl}/?a=1&b=2&model=vector`);
    await expect.poll(() => sum().textContent()).toBe('3');
    expect(loaded.filter((url) => /train\.worker|tfjs|\.wasm/.test(url))).toEqual([]);
    // Reaching for Play (the pointer over the view) starts TF.js in its worker.
    await page.getByTestId('train-play').hover();
    await expect
      .poll(() => page.getByTestId('train-backend').getAttribute('data-backend'), { timeout: 60_000 })
      .toMatch(/^(wasm|webgl|cpu)$/);
    expect(loaded.some((url) => /train\.worker/.test(url))).toBe(true);
    // Slow motion: about a second between epochs (a normal epoch of the serial model takes a few tenths).
    await page.getByTestId('train-speed-choice').selectOption('slow');
    await page.evaluate(() => {
      const times: number[] = [];
      (window as unknown as { epochTimes: number[] }).epochTimes = times;
      const epoch = document.querySelector('[data-testid="train-epoch"]')!;
      let shown = epoch.textContent;
      new MutationObserver(() => {
        if (epoch.textContent !== shown) times.push(performance.now());
        shown = epoch.textContent;
      }).observe(epoch, { childList: true, subtree: true, characterData: true });
    });
    await page.getByTestId('train-play').click();
    const epochTimes = () => page.evaluate(() => (window as unknown as { epochTimes: number[] }).epochTimes);
    await expect.poll(async () => (await epochTimes()).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    await page.getByTestId('train-pause').click();
    const times = await epochTimes();
    for (let k = 1; k < 3; k++) expect(times[k]! - times[k - 1]!, `epoch ${k} to ${k + 1}`).toBeGreaterThan(800);
    await page.getByTestId('train-link').click();
    expect(await page.getByTestId('train-details').evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('train');
    // Closing the details is the way back: the address forgets the Train view.
    await page.locator('#train-details > summary').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBeNull();
    page.removeAllListeners('request');
  });

  // After an epoch, with its details open and a bad file shown: light (serial) and dark (vector).
  it('passes axe-core’s WCAG 2 A/AA checks while it trains', async () => {
    const bad = structuredClone(serialWeights) as { lstm: { f: { V: unknown[][] } } };
    bad.lstm.f.V[2]![1] = 'x'; // row 2 exists for any H ≥ 3
    for (const [scheme, arch] of [
      ['light', 'serial'],
      ['dark', 'vector'],
    ] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${stack.pageUrl}/?view=train&arch=${arch}&seed=1&a=5&b=6&model=serial`);
      await expect
        .poll(() => page.getByTestId('train-backend').getAttribute('data-backend'), { timeout: 60_000 })
        .toMatch(/^(wasm|webgl|cpu)$/);
      // One epoch: the curves, the lengths table and the heatmaps are drawn; the open-weights error shows.
      await page.getByTestId('train-step').click();
      await expect.poll(() => status().textContent(), { timeout: 60_000 }).toContain('paused after epoch 1');
      await page.getByTestId('train-heatmap-c').waitFor({ timeout: 30_000 });
      await page.locator('[data-testid="train-chart-accuracy"] canvas').waitFor();
      await page
        .getByTestId('train-open')
        .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
      await page.getByTestId('train-open-error').waitFor();
      // A step ends paused, and what it reached is measured by core: the pair map (vector), the lengths (serial).
      if (arch === 'vector')
        await expect
          .poll(() => page.getByTestId('train-pair-map').getAttribute('aria-label'), { timeout: 30_000 })
          .toContain('after epoch 1');
      else
        await expect
          .poll(() => page.getByTestId('train-lengths').locator('caption').textContent(), { timeout: 30_000 })
          .toContain('weights of epoch 1');
      expect(await axeViolations(page), `${scheme}, ${arch}`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: null });
  }, 180_000);

  it(
    'trains the serial model to exact, and the downloaded weights pass core’s checks and add 40-digit numbers',
    async () => {
      await page.goto(`${stack.pageUrl}/?view=train&seed=1&a=5&b=6&model=serial`);
      expect(await page.getByTestId('train-arch').inputValue()).toBe('serial');
      expect(await page.getByTestId('train-seed').inputValue()).toBe('1');
      await expect
        .poll(() => page.getByTestId('train-backend').getAttribute('data-backend'), { timeout: 60_000 })
        .toBe('wasm');
      await expect.poll(() => sum().textContent()).toBe('11');

      // Your model answers without the API or its debounce: open the shipped weights (an opened file answers at
      // once), so answers are local while training runs.
      await page.getByTestId('train-open').setInputFiles({
        name: 'serial.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(serialWeights)),
      });
      await expect.poll(() => page.getByTestId('answer-source').getAttribute('data-source')).toBe('file');
      expect(await page.getByTestId('model').inputValue()).toBe('yours');

      // One epoch, then it waits: the weights so far can be downloaded.
      const started = Date.now();
      await page.getByTestId('train-step').click();
      await expect.poll(() => status().textContent(), { timeout: 60_000 }).toContain('paused after epoch 1');
      expect(await page.getByTestId('train-epoch').textContent()).toBe('1');
      expect(await page.getByTestId('train-download').getAttribute('aria-disabled')).toBe('false');
      await page.getByTestId('train-play').click();
      await expect.poll(() => status().textContent()).toContain('training');
      // While it trains, typed operands keep getting answers.
      const latencies = await typingLatencies(page);
      expect(await page.getByTestId('train-epoch').textContent()).toMatch(/^\d+$/);

      await expect.poll(() => status().textContent(), { timeout: TRAIN_TIMEOUT, interval: 200 }).toContain('exact');
      const seconds = (Date.now() - started) / 1000;
      const epoch = Number(await page.getByTestId('train-epoch').textContent());
      writeFileSync(
        join(RESULTS, 'train-e2e.json'),
        `${JSON.stringify({ secondsToExact: seconds, answerLatencyMs: latencies, epoch }, null, 2)}\n`,
      );
      console.log(
        `[train e2e] exact after ${seconds.toFixed(1)} s; typed-operand → answer while training: ` +
          `${latencies.map((l) => l.toFixed(0)).join(', ')} ms`,
      );
      expect(await page.getByTestId('train-exact').textContent()).toContain('4,096 bits');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('train-download').click()]);
      const file = await download.path();
      const weights = parseWeights(JSON.parse(readFileSync(file, 'utf8')));
      expect(weights.arch).toBe('serial');
      const adder = createAdder(weights);
      const check = evaluateSerial(adder, { widths: [64, 1024], samples: [500, 50], seed: 777 });
      expect(check.byWidth.map((w) => w.correct)).toEqual([500, 50]);

      await page.getByTestId('train-use').click();
      await expect
        .poll(() => page.getByTestId('model').locator('option:checked').textContent())
        .toMatch(/^your serial model, trained here \(seed 1, epoch \d+\)$/);
      await page.getByTestId('operand-a').fill(A40);
      await page.getByTestId('operand-b').fill(B40);
      await expect.poll(() => sum().textContent()).toBe((BigInt(A40) + BigInt(B40)).toString());
      expect(await page.getByTestId('answer-source').textContent()).toMatch(/^yours: your serial model, trained here/);
      expect(await page.getByTestId('correct').textContent()).toContain('correct');
      await page.screenshot({ path: join(RESULTS, 'train-view.png'), fullPage: true });
    },
    TRAIN_TIMEOUT + 60_000,
  );

  it('shows WeightsError’s message and path for a bad weights file, and says when a file is not JSON', async () => {
    await page.goto(`${stack.pageUrl}/?view=train`);
    const bad = structuredClone(serialWeights) as { lstm: { f: { V: unknown[][] } } };
    bad.lstm.f.V[2]![1] = 'x'; // row 2 exists for any H ≥ 3
    const expected = weightsError(bad);
    expect(expected.path).toBe('lstm.f.V[2][1]');
    await page
      .getByTestId('train-open')
      .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    const error = page.getByTestId('train-open-error');
    await expect.poll(() => error.textContent()).toContain(expected.message);
    expect(await error.textContent()).toContain('lstm.f.V[2][1]');
    expect(await error.getAttribute('data-path')).toBe('lstm.f.V[2][1]');

    await page
      .getByTestId('train-open')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
    await expect.poll(() => error.textContent()).toContain('"notes.txt" is not JSON');
  });

  // A good one answers (yours), a bad one shows WeightsError's message and path.
  it('opens a weights file dropped on the Train view', async () => {
    await page.goto(`${stack.pageUrl}/?view=train&a=20&b=22&model=serial`);
    await expect.poll(() => sum().textContent()).toBe('42');
    const view = page.getByTestId('train-view');
    /**
     * Drags a file over a child of the view and drops it there, as a visitor's drag does; says whether the page
     * took each event.
     */
    const drop = async (name: string, content: string) => {
      const dataTransfer = await page.evaluateHandle(
        ([name, content]) => {
          const transfer = new DataTransfer();
          transfer.items.add(new File([content!], name!, { type: 'application/json' }));
          return transfer;
        },
        [name, content],
      );
      return page.getByRole('heading', { name: 'Train one yourself' }).evaluate((target, transfer) => {
        const fire = (type: string) =>
          target.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
        // dispatchEvent is false when a handler called preventDefault: without it on dragover the browser refuses
        // the drop.
        const view = target.closest('[data-testid="train-view"]')!;
        fire('dragenter');
        const overTaken = !fire('dragover');
        // Moving onto another child of the view is not leaving it.
        target.dispatchEvent(
          new DragEvent('dragleave', { dataTransfer: transfer, bubbles: true, relatedTarget: view.querySelector('p') }),
        );
        const highlighted = view.classList.contains('dropping');
        const dropTaken = !fire('drop');
        return { overTaken, highlighted, dropTaken };
      }, dataTransfer);
    };

    expect(await drop('dropped-serial.json', JSON.stringify(serialWeights))).toEqual({
      overTaken: true,
      highlighted: true,
      dropTaken: true,
    });
    expect(await view.getAttribute('class')).not.toContain('dropping');
    // Beside the view, the page opens a dropped file (yours/open-model.ts), never the browser in place of the page.
    const besideTaken = await page.locator('.page-header').evaluate((header) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File(['{}'], 'x.json', { type: 'application/json' }));
      return !header.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    });
    expect(besideTaken).toBe(true);
    await expect
      .poll(() => page.getByTestId('train-open-status').textContent())
      .toContain('Opened dropped-serial.json: a serial model');
    await expect.poll(() => page.getByTestId('answer-source').getAttribute('data-source')).toBe('file');
    await page.getByTestId('operand-a').fill(A40);
    await page.getByTestId('operand-b').fill(B40);
    await expect.poll(() => sum().textContent()).toBe((BigInt(A40) + BigInt(B40)).toString());
    expect(await page.getByTestId('answer-source').textContent()).toBe(
      'file: your serial model, from "dropped-serial.json", answered in this tab',
    );

    const bad = structuredClone(serialWeights) as { lstm: { g: { b: unknown[] } } };
    bad.lstm.g.b[2] = null;
    const expected = weightsError(bad);
    expect(expected.path).toBe('lstm.g.b[2]');
    expect((await drop('dropped-bad.json', JSON.stringify(bad))).dropTaken).toBe(true);
    const error = page.getByTestId('train-open-error');
    await expect.poll(() => error.textContent()).toContain(expected.message);
    expect(await error.textContent()).toContain('dropped-bad.json');
    expect(await error.getAttribute('data-path')).toBe('lstm.g.b[2]');
    // A file that is not JSON has no path: the one of the file before must not linger.
    await drop('notes.json', 'hello');
    await expect.poll(() => error.textContent()).toContain('"notes.json" is not JSON');
    expect(await error.getAttribute('data-path')).toBeNull();
  });

  it('keeps answering from the shipped weights in the browser when the API stops', async () => {
    await page.goto(`${stack.pageUrl}/?a=20&b=22&model=serial`);
    await expect.poll(() => sum().textContent()).toBe('42');
    expect(await page.getByTestId('answer-source').getAttribute('data-source')).toBe('edge');
    // The API goes away: its requests fail as a stopped server's do.
    watch.allow(/ERR_CONNECTION_REFUSED|ERR_FAILED/);
    await page.route(`${stack.apiUrl}/**`, (route) => route.abort('connectionrefused'));
    await page.getByTestId('operand-a').fill(A40);
    await page.getByTestId('operand-b').fill(B40);
    await expect.poll(() => sum().textContent()).toBe((BigInt(A40) + BigInt(B40)).toString());
    expect(await page.getByTestId('answer-source').getAttribute('data-source')).toBe('shipped-local');
    expect(await page.getByTestId('api-banner').textContent()).toContain('answering from the shipped weights');
  });
});
