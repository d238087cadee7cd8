#!/usr/bin/env node
// Runs the TypeScript CLI in this process through tsx's loader (no build step). The loader is needed anyway:
// tfjs-core's gradient registrations ship only as ES module files with extension-less imports (src/node/backend.ts).
import 'tsx';

await import('../src/cli/index.ts');
