// `npm run test:docs`: the READMEs' word budgets, then every README command on a fresh clone (readmes/).
import { defineConfig } from 'vitest/config';
import shared from '../../vitest.shared.js';

// Spread, not mergeConfig: that would add the shared `include` (the unit tests, test/**) to this one.
export default defineConfig({
  test: {
    ...shared.test,
    include: ['readmes/**/*.test.ts'],
    // One line per command as it ends, with its time: the run takes minutes, and CI's log shows where it is.
    reporters: ['verbose'],
    // One clone, one port pair: the files must not run at the same time.
    fileParallelism: false,
    // The README commands run two at a time, one on each copy of the clone (readmes/commands.test.ts).
    maxConcurrency: 2,
  },
});
