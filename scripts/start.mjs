#!/usr/bin/env node
// `npm start`: the edge API (wrangler dev) and the playground (vite) through `turbo run start`, without update
// notices or build logs in the way, and the two URLs printed last, once both answer.
import { spawn } from 'node:child_process';

const apiPort = process.env.API_PORT ?? '8787';
const playgroundPort = process.env.PLAYGROUND_PORT ?? '5173';
const api = `http://127.0.0.1:${apiPort}/`;
const playground = `http://127.0.0.1:${playgroundPort}/`;

const turbo = spawn('npx', ['turbo', 'run', 'start', '--output-logs=new-only'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    TURBO_NO_UPDATE_NOTIFIER: '1',
    WRANGLER_HIDE_BANNER: 'true',
    API_PORT: apiPort,
    PLAYGROUND_PORT: playgroundPort,
  },
});
turbo.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
// Ctrl-C reaches turbo through the terminal's process group; wait for it to stop both servers.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => turbo.kill('SIGTERM'));

async function answers(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

const deadline = Date.now() + 5 * 60_000;
while (!(await answers(`${api}health`)) || !(await answers(playground))) {
  if (Date.now() > deadline) {
    console.error(`npm start: the servers did not answer within 5 minutes (${api}health, ${playground})`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 300));
}
console.log(`
  lstm-adder is running (Ctrl-C stops both)
    playground  ${playground}
    API         ${api}   try ${api}add?a=57&b=99
`);
