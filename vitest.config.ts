// `npx vitest run` at the root runs every package's tests in one process, each package as a project with its own
// config (which extends vitest.shared.ts). `npm test` runs them package by package through turbo instead.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tests/*'],
  },
});
