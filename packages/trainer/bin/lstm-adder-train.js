#!/usr/bin/env node
// Runs the TypeScript CLI through tsx (no build step): tsx's loader also resolves tfjs-core's extension-less
// ES module files that hold the gradient registrations.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const cli = fileURLToPath(new URL('../src/cli/index.ts', import.meta.url));
const tsx = require.resolve('tsx');
// Ctrl-C reaches the child too (same process group); the parent just waits for it to stop cleanly.
process.on('SIGINT', () => {});
const { status, signal } = spawnSync(process.execPath, ['--import', tsx, cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = status ?? (signal === 'SIGINT' ? 130 : 1);
