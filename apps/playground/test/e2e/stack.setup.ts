// Vitest's global setup for the browser tests: one API, one build of the page and one Vite dev server for the
// whole run, shared by every e2e file (each opens its own browser); stopped when the run ends.
import type { TestProject } from 'vitest/node';
import { type StackUrls, startStack } from './servers';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackUrls;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stack = await startStack();
  project.provide('stack', { pageUrl: stack.pageUrl, devUrl: stack.devUrl, apiUrl: stack.apiUrl });
  return () => stack.stop();
}
