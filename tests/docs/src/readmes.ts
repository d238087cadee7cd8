// The READMEs the docs test reads: every tracked README.md but test fixtures'.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');

export function readmeFiles(repo = REPO): string[] {
  return execFileSync('git', ['ls-files', '*README.md'], { cwd: repo, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && !f.includes('/fixtures/'));
}
