// How long a visitor waits for an answer: type operand a (b stays), time the keystroke → the right sum shown.
import type { Page } from 'playwright-core';

/** Milliseconds from setting operand a to the sum a + b appearing; rejects after 10 s without it. */
export function typeAndTime(page: Page, a: string): Promise<number> {
  return page.evaluate(
    (a) =>
      new Promise<number>((done, fail) => {
        const input = document.querySelector<HTMLInputElement>('[data-testid="operand-a"]')!;
        const b = document.querySelector<HTMLInputElement>('[data-testid="operand-b"]')!.value;
        const out = document.querySelector('[data-testid="sum"]')!;
        const expected = (BigInt(a) + BigInt(b)).toString();
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (out.textContent === expected) {
            observer.disconnect();
            done(performance.now() - started);
          }
        });
        observer.observe(out, { childList: true, subtree: true, characterData: true });
        input.value = a;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        setTimeout(() => fail(new Error(`no answer ${expected} within 10 s`)), 10_000);
      }),
    a,
  );
}

/** `count` typed operands, a pause between them; the latency of each. */
export async function typingLatencies(page: Page, count = 5): Promise<number[]> {
  const out: number[] = [];
  for (let k = 0; k < count; k++) {
    out.push(await typeAndTime(page, String(1000 + 7919 * k)));
    await page.waitForTimeout(150);
  }
  return out;
}
