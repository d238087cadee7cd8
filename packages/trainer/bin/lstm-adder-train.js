#!/usr/bin/env node
// Runs the TypeScript CLI in this process through tsx's loader (no build step). The loader is needed anyway:
// tfjs-core's gradient registrations ship only as ES module files with extension-less imports (src/node/backend.ts).
import 'tsx';

try {
  await import('../src/cli/index.ts');
} catch (error) {
  // Only loading can fail here (src/cli/index.ts reports its own errors): one line, the stack with --verbose.
  process.stderr.write(`error: cannot load lstm-adder-train: ${String(error?.message ?? error).split('\n', 1)[0]}\n`);
  if (process.argv.includes('--verbose')) process.stderr.write(`${error?.stack ?? ''}\n`);
  process.exit(1);
}
