// A PyTorch model file on the main view (issue 19), built and under `vite` dev: the notebook's model, picked with
// the keyboard, answers as torch does and its map of every pair is its own; an nn.LSTM model dropped anywhere on
// the page answers next; a truncated file is one alert line and the model before keeps answering. The files are
// core's torch fixtures, each with torch's own answers beside it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { axeViolations } from './axe';
import { chromiumPerFile } from './chromium';
import { watchErrors } from './errors';
import { APP_DIR } from './servers';

const FIXTURES = join(APP_DIR, '../../packages/core/test/fixtures/torch');
const fixture = (name: string) => join(FIXTURES, name);
const reference = (name: string) => JSON.parse(readFileSync(fixture(name), 'utf8'));
const notebook = reference('notebook.f32.json') as { pairs: [number, number][]; outputs: number[][]; right: number };
const serial = reference('serial.f32.json') as { cases: { a: string; b: string; right: boolean }[] };

/** A pair of the notebook's fixture that torch gets wrong, and torch's sum: its outputs' bits (1 at 0.5 or above). */
const wrongPair = notebook.pairs
  .map(([a, b], k) => ({ a, b, sum: notebook.outputs[k]!.reduce((s, y) => s * 2 + (y >= 0.5 ? 1 : 0), 0) }))
  .find(({ a, b, sum }) => sum !== a + b)!;

const { pageUrl, devUrl } = inject('stack');
const chromium = chromiumPerFile();

/** Drops a file on the answer's card, as a visitor's drag does; says whether the page took the drop. */
async function drop(page: Page, name: string, bytes: Buffer): Promise<boolean> {
  const transfer = await page.evaluateHandle(
    ([name, data]) => {
      const t = new DataTransfer();
      t.items.add(new File([new Uint8Array(data as number[])], name as string));
      return t;
    },
    [name, [...bytes]] as const,
  );
  return page.locator('#answer-title').evaluate((target, dataTransfer) => {
    const fire = (type: string) =>
      target.dispatchEvent(new DragEvent(type, { dataTransfer, bubbles: true, cancelable: true }));
    fire('dragenter');
    fire('dragover');
    return !fire('drop');
  }, transfer);
}

describe.each([
  ['the production build', pageUrl],
  ['vite dev', devUrl],
])('a model file on the main view, %s', (_, url) => {
  it('answers with the file picked or dropped, shows its map, and keeps the model before on a bad file', async () => {
    const page = await chromium().context.newPage();
    const watch = watchErrors(page);
    const source = page.getByTestId('answer-source');
    const sum = page.getByTestId('sum');
    /** The sum on screen, once the answer to a + b is up. */
    const shown = async (a: string, b: string) => {
      const operands = page.locator('#equation-operands');
      await expect.poll(async () => (await operands.textContent())?.replace(/\s/g, '')).toBe(`${a}+${b}=`);
      return (await sum.textContent())?.replace(/\s/g, '');
    };
    await page.goto(`${url}/`);
    await expect.poll(() => sum.textContent(), { timeout: 60_000 }).toBe('292');

    // The keyboard opens the file chooser from the visible button. (Playwright takes the chooser only once told to
    // before the key press, which a round trip to the page makes sure of.)
    const chooser = page.waitForEvent('filechooser');
    const button = page.getByRole('button', { name: 'Open a model file' });
    expect(await button.isVisible()).toBe(true);
    await button.focus();
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(fixture('notebook.f32.safetensors'));
    await expect.poll(() => source.getAttribute('data-source')).toBe('file');
    expect(await source.textContent()).toBe(
      'file: your vector model, from "notebook.f32.safetensors", answered in this tab',
    );
    expect(await page.getByTestId('model-file-status').textContent()).toContain('the notebook’s layout (F32)');
    expect(await page.getByTestId('model').inputValue()).toBe('yours');

    // The answer is the model's: a pair torch gets wrong gets torch's wrong sum.
    await page.getByTestId('operand-a').fill(String(wrongPair.a));
    await page.getByTestId('operand-b').fill(String(wrongPair.b));
    expect(await shown(String(wrongPair.a), String(wrongPair.b))).toBe(String(wrongPair.sum));
    expect(await page.getByTestId('correct').textContent()).toBe('✗ wrong');

    // Its map of every pair: as many right as torch gets.
    const map = page.getByTestId('errormap');
    await expect.poll(() => map.getAttribute('data-state'), { timeout: 30_000 }).toBe('done');
    expect(await map.getAttribute('data-correct')).toBe(String(notebook.right));
    expect(await page.getByTestId('error-map-status').textContent()).toContain(
      'from your vector model, from "notebook.f32.safetensors"',
    );
    expect(await axeViolations(page), 'a model file opened').toEqual([]);

    // torch.nn.LSTM's model dropped on the page answers next, its logit read through σ unless told otherwise.
    expect(await drop(page, 'serial.f32.safetensors', readFileSync(fixture('serial.f32.safetensors')))).toBe(true);
    await expect.poll(() => source.textContent()).toContain('your serial model, from "serial.f32.safetensors"');
    expect(await page.getByTestId('model-file-status').textContent()).toContain('torch.nn.LSTM’s layout (F32)');
    expect(await page.getByTestId('model-file-output').textContent()).toBe('Read it as it is (identity) instead');
    const wrongCase = serial.cases.find((c) => !c.right)!;
    await page.getByTestId('operand-a').fill(wrongCase.a);
    await page.getByTestId('operand-b').fill(wrongCase.b);
    const answered = await shown(wrongCase.a, wrongCase.b);
    expect(await page.getByTestId('correct').textContent()).toBe('✗ wrong');

    // A truncated file: one alert line; the serial model keeps answering.
    const alert = page.getByRole('alert').filter({ hasText: 'truncated.safetensors' });
    await page.getByTestId('model-file').setInputFiles({
      name: 'truncated.safetensors',
      mimeType: 'application/octet-stream',
      buffer: readFileSync(fixture('notebook.f32.safetensors')).subarray(0, 1000),
    });
    await expect.poll(() => alert.textContent()).toMatch(/^"truncated\.safetensors" is not a safetensors model: /);
    expect(await alert.textContent()).toContain('The model before keeps answering.');
    expect(await alert.textContent()).not.toContain('\n');
    expect(await source.textContent()).toContain('from "serial.f32.safetensors"');
    expect(await shown(wrongCase.a, wrongCase.b)).toBe(answered);
    expect(watch.errors).toEqual([]);
    await page.close();
  }, 120_000);
});
