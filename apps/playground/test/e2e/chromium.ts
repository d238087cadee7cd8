// One Chromium per test file: launched before its tests (first, so a missing browser fails at once and says how to
// install one), closed after them.
import { afterAll, beforeAll } from 'vitest';
import { type Chromium, launchChromium } from './servers';

export function chromiumPerFile(): () => Chromium {
  let chromium: Chromium | undefined;
  beforeAll(async () => {
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
  });
  return () => {
    if (!chromium) throw new Error('Chromium did not start: see the error of the file’s first hook');
    return chromium;
  };
}
