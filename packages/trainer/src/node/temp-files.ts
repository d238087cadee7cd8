// Temporary files this process has made and not yet renamed or removed. Any exit removes them (process.exit after a
// second Ctrl-C, an uncaught error), so an interrupted run leaves none behind.
import { rmSync } from 'node:fs';

const live = new Set<string>();
process.on('exit', () => {
  for (const path of live)
    try {
      rmSync(path, { force: true });
    } catch {
      // not removable (never made: its name was too long, its folder is gone): nothing is left behind either way
    }
});

export const tempFiles = {
  add: (path: string): void => {
    live.add(path);
  },
  delete: (path: string): void => {
    live.delete(path);
  },
};
