// The CLI's tests run the built programs (dist/), as the package ships them: build first when a source is newer
// than the build (turbo builds before testing; a direct `vitest` after an edit would otherwise test stale code).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsdown';

const root = fileURLToPath(new URL('..', import.meta.url));
const mtime = (path: string) => statSync(join(root, path), { throwIfNoEntry: false })?.mtimeMs ?? -Infinity;

export default async function setup(): Promise<void> {
  const sources = readdirSync(join(root, 'src'), { recursive: true }).map((f) => join('src', String(f)));
  const newest = Math.max(...[...sources, 'package.json', 'tsdown.config.ts'].map(mtime));
  const built = Math.min(
    ...['cli.js', 'train-all.js', 'verify-worker.js', 'browser.js'].map((f) => mtime(`dist/${f}`)),
  );
  if (built < newest) await build({ cwd: root, config: join(root, 'tsdown.config.ts'), logLevel: 'warn' });
}
