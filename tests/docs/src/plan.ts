// How the docs test runs each README command. Everything runs as written unless a rule here says otherwise, and
// every exception says why, so a reader can judge it.
import type { ShellExample } from './extract.js';

export type Plan =
  /**
   * Run to the end; it must exit 0 (and print what the README shows, if it shows anything). `long`: it takes a
   * minute or more, so it starts before the others (two run at a time: started last, it would run alone at the end).
   */
  | { how: 'run'; command: string; env: Record<string, string>; timeoutMs: number; note?: string; long?: boolean }
  /** A server: start it, wait until it answers, keep it for the curl examples, stop it. */
  | { how: 'serve'; command: string; serves: ('api' | 'playground')[] }
  /** A request to the server `npm start` runs. */
  | { how: 'request'; command: string }
  | { how: 'not-run'; why: string };

/** Full runs every command exactly as written; the default (CI) shortens the few that take minutes. */
export const FULL = process.env.DOCS_FULL === '1';

const MINUTE = 60_000;

/** `A=1 B=2 cmd`: the variables and the command. */
export function splitEnv(command: string): { env: Record<string, string>; rest: string } {
  const env: Record<string, string> = {};
  let rest = command;
  for (let m = /^([A-Z_]+)=(\S+) /.exec(rest); m; m = /^([A-Z_]+)=(\S+) /.exec(rest)) {
    env[m[1]!] = m[2]!;
    rest = rest.slice(m[0].length);
  }
  return { env, rest };
}

export function planFor(example: ShellExample): Plan {
  const { env, rest: bare } = splitEnv(example.command);
  if ((env.API_PORT || env.PLAYGROUND_PORT) && bare === 'npm start') {
    // The README's ports may be taken on this machine: the test gives free ones through the same variables.
    return { how: 'serve', command: bare, serves: ['api', 'playground'] };
  }
  const { command } = example;
  if (/^npm (ci && npm )?start$/.test(command))
    return { how: 'serve', command: 'npm start', serves: ['api', 'playground'] };
  const start = /^npm run start -w @lstm-adder\/(edge-api|playground)$/.exec(command);
  if (start) return { how: 'serve', command, serves: [start[1] === 'edge-api' ? 'api' : 'playground'] };
  if (/^curl\s/.test(command)) return { how: 'request', command };
  if (/<[^>]+>/.test(command)) return { how: 'not-run', why: 'a template: <…> stands for a value of yours' };
  if (/^npm (test|run test)\b/.test(bare)) {
    return { how: 'not-run', why: 'CI runs `npm test` itself, and this docs test is part of it' };
  }
  if (/^npx changeset$/.test(command)) return { how: 'not-run', why: 'it asks which packages to bump, interactively' };
  if (/^npm login\b/.test(command)) return { how: 'not-run', why: 'it logs in to the npm registry, interactively' };
  if (/^npm run release\b/.test(command)) {
    return {
      how: 'not-run',
      why: 'it publishes to npm; the `npm publish --dry-run` commands check what it would publish',
    };
  }
  if (command === 'npm ci')
    return { how: 'not-run', why: 'it is the first step on the fresh clone, checked in its own test' };
  if (/^npx wrangler login\b/.test(command))
    return { how: 'not-run', why: 'it opens a browser to log in to a Cloudflare account' };
  if (/^npx playwright install\b/.test(command))
    return { how: 'not-run', why: 'the README names it as what never to run' };
  if (/^npx wrangler deploy\b/.test(command) && !/--dry-run/.test(command)) {
    return {
      how: 'run',
      command: `${command} --dry-run`,
      env: {},
      timeoutMs: 5 * MINUTE,
      note: 'with --dry-run: a real deploy needs a Cloudflare account',
    };
  }
  if (/^npm run deploy\b/.test(command)) {
    return {
      how: 'run',
      command: `${command}${command.includes(' -- ') ? '' : ' --'} --dry-run`,
      env: {},
      timeoutMs: 5 * MINUTE,
      note: 'with --dry-run: a real deploy needs a Cloudflare account',
    };
  }
  // Every package's benchmarks, the browser's training benchmark, and every model's training take the longest.
  const long = /^npm run (bench|bench -w @lstm-adder\/playground|train|train -w @lstm-adder\/trainer)$/.test(command);
  if (/^npm run bench\b/.test(command) && !FULL) {
    return {
      how: 'run',
      command,
      env: { BENCH_QUICK: '1' },
      timeoutMs: 8 * MINUTE,
      note: 'BENCH_QUICK=1 (fewer rounds and seeds; DOCS_FULL=1 runs the full benchmarks)',
      long,
    };
  }
  if (/--preset seed\b/.test(command) && !FULL) {
    return {
      how: 'run',
      command: `${command} --epochs 2`,
      env: {},
      timeoutMs: 5 * MINUTE,
      note: '--epochs 2 (the notebook recipe takes ~3 minutes; DOCS_FULL=1 runs all 50 epochs)',
    };
  }
  return { how: 'run', command, env: {}, timeoutMs: (FULL ? 20 : 6) * MINUTE, long };
}
