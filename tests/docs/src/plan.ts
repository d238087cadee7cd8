// How the docs test runs each README command. Everything runs as written, once, unless a rule here says otherwise,
// and every exception says why, so a reader can judge it. A command the test cannot run fails: a README shows such a
// command as text (a ```text block, or prose without backticks), not as one to run.
import type { ShellExample } from './extract.js';

export type Plan =
  /**
   * Run to the end; it must exit 0 (and print what the README shows, if it shows anything). `pristine`: it reads the
   * working tree, so it runs first, on a copy no other command has written to. `long`: it takes a minute or more, so
   * it starts before the rest (two run at a time: started last, it would run alone at the end).
   */
  | {
      how: 'run';
      command: string;
      env: Record<string, string>;
      timeoutMs: number;
      note?: string;
      pristine?: boolean;
      long?: boolean;
    }
  /** A server: start it, wait until it answers, keep it for the curl examples, stop it. */
  | { how: 'serve'; command: string; serves: ('api' | 'playground')[] }
  /** A request to the server `npm start` runs. */
  | { how: 'request'; command: string }
  /** `npm ci`: the first step on the fresh clone, which its own test runs and checks. */
  | { how: 'install' }
  /**
   * `npm run X -w P` where the README also shows `npm run X`, which is `turbo run X`: turbo runs P's script X as part
   * of it, so it runs there, once; its output is the lines turbo prefixes with `task` (`P:X: `).
   */
  | { how: 'part'; of: string; task: string }
  /** Cannot run here: its test fails with this reason. */
  | { how: 'not-run'; why: string };

/** What a plan depends on beyond the command itself. */
export interface Context {
  /** Every command the READMEs show. */
  shown: ReadonlySet<string>;
  /** The root package.json's scripts. */
  scripts: Readonly<Record<string, string>>;
  /** The turbo cache of the repository under test (the clone's origin). */
  turboCache: string;
}

/** Full runs the benchmarks and the notebook recipe in full; the default runs their smoke runs. */
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

/** `npm test -w P` or `npm run X -w P` (no arguments) inside the root's `npm run X` = `turbo run X`, if shown. */
function partOf(command: string, { shown, scripts }: Context): { of: string; task: string } | null {
  const m = /^npm (?:run )?([\w:-]+) -w (@lstm-adder\/[\w-]+)$/.exec(command);
  if (!m) return null;
  const [, script, pkg] = m as unknown as [string, string, string];
  if (!new RegExp(`^turbo run ${script}\\b`).test(scripts[script] ?? '')) return null;
  const of = [`npm run ${script}`, ...(script === 'test' ? ['npm test'] : [])].find((c) => shown.has(c));
  return of ? { of, task: `${pkg}:${script}` } : null;
}

export function planFor(example: ShellExample, context: Context): Plan {
  const { env, rest: bare } = splitEnv(example.command);
  const { command } = example;
  if (command === 'npm ci') return { how: 'install' };
  if ((env.API_PORT || env.PLAYGROUND_PORT) && bare === 'npm start') {
    // The README's ports may be taken on this machine: the test gives free ones through the same variables.
    return { how: 'serve', command: bare, serves: ['api', 'playground'] };
  }
  if (/^npm (ci && npm )?start$/.test(command))
    return { how: 'serve', command: 'npm start', serves: ['api', 'playground'] };
  const start = /^npm run start -w @lstm-adder\/(edge-api|playground)$/.exec(command);
  if (start) return { how: 'serve', command, serves: [start[1] === 'edge-api' ? 'api' : 'playground'] };
  if (/^curl\s/.test(command)) return { how: 'request', command };
  if (/<[^>]+>/.test(command)) return { how: 'not-run', why: 'a template: <…> stands for a value of yours' };
  if (/^npm run test:docs\b/.test(bare) || /\bnpm (run )?test\b.* -w @lstm-adder\/docs-tests/.test(bare))
    return { how: 'not-run', why: 'it is this test: it would run itself' };
  if (/^npx changeset$/.test(command)) return { how: 'not-run', why: 'it asks which packages to bump, interactively' };
  if (/^npm login\b/.test(command)) return { how: 'not-run', why: 'it logs in to the npm registry, interactively' };
  if (/^npm run release\b/.test(command)) return { how: 'not-run', why: 'it publishes to npm' };
  if (/^npx wrangler login\b/.test(command))
    return { how: 'not-run', why: 'it opens a browser to log in to a Cloudflare account' };
  if (/^npx playwright install\b/.test(command))
    return { how: 'not-run', why: 'it downloads browsers, which the project never does' };
  const part = partOf(command, context);
  if (part) return { how: 'part', ...part };
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
  if (/^npm (test|run test)$/.test(command)) {
    // The same commit's `npm test` (in CI, the step before this test) left its results in the repository's turbo
    // cache, under the hashes of their inputs: the clone's tasks have the same inputs, so turbo replays them, and runs
    // any whose inputs differ (all of them when the cache is empty). Read-only: the test never writes to the repo.
    return {
      how: 'run',
      command,
      env: { TURBO_CACHE_DIR: context.turboCache, TURBO_CACHE: 'local:r' },
      timeoutMs: 15 * MINUTE,
      note: "with the repository's turbo cache, read-only",
      pristine: true, // a file another command wrote would change the hashes of the tasks that read the whole tree
      long: true,
    };
  }
  // Biome checks every file git does not ignore: the files other commands write (models, reports) are not its.
  if (/^npm run lint$/.test(command)) return { how: 'run', command, env: {}, timeoutMs: 2 * MINUTE, pristine: true };
  // Every package's benchmarks, the browser's training benchmark, and every model's training take the longest.
  const long = /^npm run (bench|bench -w @lstm-adder\/playground|train|train -w @lstm-adder\/trainer)$/.test(command);
  if (/^npm run bench\b/.test(command) && !FULL) {
    return {
      how: 'run',
      command,
      env: { BENCH_QUICK: '1' },
      timeoutMs: 8 * MINUTE,
      note: "BENCH_QUICK=1: each benchmark's smoke run (DOCS_FULL=1 runs them in full)",
      long,
    };
  }
  if (/--preset seed\b/.test(command) && !FULL) {
    return {
      how: 'run',
      command: `${command} --epochs 2`,
      env: {},
      timeoutMs: 5 * MINUTE,
      note: "--epochs 2: the notebook recipe's smoke run (its 50 epochs take 3 minutes; DOCS_FULL=1 runs them all)",
    };
  }
  return { how: 'run', command, env: {}, timeoutMs: (FULL ? 20 : 6) * MINUTE, long };
}
