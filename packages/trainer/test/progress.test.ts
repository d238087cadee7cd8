// The progress bar ends where the run ended: a run stopped by the target or the time limit shows a full bar.
import { Writable } from 'node:stream';
import { expect, test } from 'vitest';
import { DEFAULTS } from '../src/config.js';
import { createReporter } from '../src/cli/progress.js';
import type { EpochRecord } from '../src/train-types.js';

test('a run that stops at epoch 3 of 400 ends on a full bar at 3/3', () => {
  let screen = '';
  const stream = Object.assign(
    new Writable({
      write: (chunk, _enc, done) => {
        screen += String(chunk);
        done();
      },
    }),
    { isTTY: true, columns: 200, cursorTo: () => true, clearLine: () => true, moveCursor: () => true },
  );
  const reporter = createReporter(
    { ...DEFAULTS.vector, epochs: 400 },
    { json: false, tty: true, barStream: stream },
    () => true,
  );
  const record = (epoch: number): EpochRecord => ({
    epoch,
    loss: 0.1,
    trainAccuracy: 0.5,
    heldOutAccuracy: null,
    allPairsAccuracy: 0.5,
    lr: 0.08,
    samples: 100,
    seconds: epoch,
  });
  for (const epoch of [1, 2, 3]) reporter.epoch(record(epoch));
  reporter.stop(3);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the terminal's escape sequences are what this test strips
  const frames = screen.split(/\r|\u001b\[[0-9;]*[A-Za-z]/).filter((f) => f.includes('epoch'));
  expect(frames.at(-1)).toMatch(/█{20,}.*epoch 3\/3 .*ETA 0s/); // full bar, stopped where the run stopped
  expect(frames.some((f) => f.includes('epoch 1/400'))).toBe(true); // while running: out of the epoch limit
});
