// Every command the READMEs show, on a fresh clone after `npm ci` alone, in a shuffled order: each runs once, must exit
// 0 and print what its README says it prints; one it cannot run fails (src/plan.ts). DOCS_SEED=n replays an order;
// DOCS_FULL=1 runs the benchmarks in full. The commands run two at a time (CI has 2 cores and most commands use one),
// each on one of two copies of the clone as `npm ci` left it, so two commands never share a working tree (most
// rebuild core's dist).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { mulberry32 } from '@lstm-adder/core';
import { afterAll, beforeAll, describe, type ExpectStatic, expect, test } from 'vitest';
import { checkExpected } from '../src/expected.js';
import { type CodeExample, extractExamples, type ShellExample } from '../src/extract.js';
import { type Context, FULL, type Plan, planFor } from '../src/plan.js';
import { REPO as repo, readmeFiles } from '../src/readmes.js';
import { cleanEnv, freePort, type Lane, Lanes, Lock, run, type Server, serve, waitFor } from '../src/shell.js';

const readmes = readmeFiles();
const examples = readmes.flatMap((file) => extractExamples(file, readFileSync(join(repo, file), 'utf8')));
const shell = examples.filter((e): e is ShellExample => e.kind === 'shell');
const code = examples.filter((e): e is CodeExample => e.kind === 'code');
/** Where turbo keeps the repository's cache: its .turbo/cache, or the main worktree's for a linked worktree. */
const commonDir = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
  cwd: repo,
  encoding: 'utf8',
}).trim();
const context: Context = {
  shown: new Set(shell.map((e) => e.command)),
  scripts: JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).scripts,
  turboCache: process.env.TURBO_CACHE_DIR ?? join(dirname(commonDir), '.turbo/cache'),
};
const plans = new Map<ShellExample, Plan>(shell.map((e) => [e, planFor(e, context)]));
const plan = (e: ShellExample) => plans.get(e)!;
/** Snippets that call the local API run while `npm start` serves it. */
const callsApi = (e: CodeExample) => e.code.includes('127.0.0.1:8787');

const seed = Number(process.env.DOCS_SEED ?? Math.floor(Math.random() * 1e6));
const next = mulberry32(seed);
function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = next() % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const where = (e: { file: string; line: number }) => `${e.file}:${e.line}`;
let root = '';
/** The fresh clone `npm ci` runs in; its copy is made right after. */
let first: Lane;
const lanes = new Lanes();
/** `wrangler dev` takes the first free inspector port from 9229 on: two servers starting at once could both pick it. */
const serving = new Lock();
const MINUTE = 60_000;

async function lane(clone: string): Promise<Lane> {
  const apiPort = await freePort();
  const playgroundPort = await freePort();
  return {
    clone,
    apiPort,
    playgroundPort,
    env: cleanEnv({ API_PORT: String(apiPort), PLAYGROUND_PORT: String(playgroundPort) }),
  };
}

beforeAll(async () => {
  console.log(
    `docs test: ${shell.length} commands and ${code.length} snippets from ${readmes.length} READMEs; ` +
      `order seed ${seed} (DOCS_SEED=${seed} replays it)${FULL ? '; full benchmarks' : ''}`,
  );
  root = mkdtempSync(join(tmpdir(), 'lstm-adder-docs-'));
  const clone = join(root, 'lstm-adder');
  execFileSync('git', ['clone', '--quiet', repo, clone]);
  first = await lane(clone);
}, MINUTE);

afterAll(() => {
  if (root && !process.env.DOCS_KEEP) rmSync(root, { recursive: true, force: true });
});

test('the READMEs show commands to check', () => {
  expect(shell.map((e) => e.command)).toEqual(expect.arrayContaining(['npm ci && npm start', 'npm test']));
  expect(code.length).toBeGreaterThan(0);
});

const installs = shell.filter((e) => plan(e).how === 'install');

describe.sequential('a fresh clone', () => {
  test(
    `\`npm ci\` installs quietly: no warning a newcomer cannot act on (${installs.map(where).join(', ')})`,
    async () => {
      const { code: exit, output } = await run('npm ci', first.clone, first.env, 8 * MINUTE);
      expect(exit, output).toBe(0);
      expect(output.split('\n').filter((l) => /\bwarn|WARN/.test(l))).toEqual([]);
    },
    9 * MINUTE,
  );

  // Children of a concurrent suite run side by side, at most maxConcurrency (2, vitest.config.ts) at a time: each
  // takes a free copy for its whole run. The `npm start` suite is one such child; its own tests run in order.
  describe('the README commands, two at a time', { concurrent: true }, () => {
    beforeAll(async () => {
      lanes.add(first);
      // The second copy is the first as `npm ci` left it, copied in full (not hardlinked): a file one command
      // rewrites in place must not change under the other.
      const copy = join(root, 'copy', 'lstm-adder');
      mkdirSync(resolve(copy, '..'));
      execFileSync('cp', ['-a', first.clone, copy]);
      lanes.add(await lane(copy));
    }, MINUTE);

    // The server starts in beforeAll, so the requests (tests of a concurrent suite, which may start together) all
    // find it up; the first test checks how it came up.
    describe('`npm start` and the requests the READMEs make to it', { concurrent: true }, () => {
      let server: Server | undefined;
      let at: Lane | undefined;
      let unlock: (() => void) | undefined;
      let up = false;
      const requests = shell.filter((e) => plan(e).how === 'request');
      const mustBeUp = (expect: ExpectStatic) =>
        expect(up, `npm start did not come up:\n${server?.output()}`).toBe(true);

      beforeAll(async () => {
        at = await lanes.take();
        unlock = await serving.take();
        const { clone, env, apiPort, playgroundPort } = at;
        server = serve('npm start', clone, env);
        const alive = () => server!.child.exitCode === null;
        up =
          (await waitFor(`http://127.0.0.1:${apiPort}/health`, 4 * MINUTE, alive)) &&
          (await waitFor(`http://127.0.0.1:${playgroundPort}/`, MINUTE, alive));
      }, 6 * MINUTE);

      afterAll(async () => {
        await server?.stop();
        unlock?.();
        if (at) lanes.give(at);
      });

      test(
        'npm start serves the API and the playground and prints their URLs last',
        async ({ expect }) => {
          mustBeUp(expect);
          const api = `http://127.0.0.1:${at!.apiPort}`;
          const page = `http://127.0.0.1:${at!.playgroundPort}`;
          const end = Date.now() + 30_000;
          while (!server!.output().includes(`${page}/`) || !server!.output().includes(`${api}/`)) {
            if (Date.now() > end) break;
            await new Promise((r) => setTimeout(r, 250));
          }
          await new Promise((r) => setTimeout(r, 1_000));
          const output = server!.output();
          const last = output
            .trimEnd()
            .split('\n')
            .filter((l) => l.trim())
            .slice(-6)
            .join('\n');
          expect(last, output).toContain(`${page}/`);
          expect(last, output).toContain(`${api}/`);
          expect(output).not.toMatch(/update available|--dry-run|Total Upload/i);
        },
        MINUTE,
      );

      for (const example of code.filter(callsApi)) {
        test(
          `${where(example)}: the TypeScript example runs against the API and prints what it says`,
          async ({ expect }) => {
            mustBeUp(expect);
            await runSnippet(
              at!,
              example,
              example.code.replaceAll('127.0.0.1:8787', `127.0.0.1:${at!.apiPort}`),
              expect,
            );
          },
          2 * MINUTE,
        );
      }

      for (const example of requests) {
        test(
          `${where(example)}: ${example.command}`,
          async ({ expect }) => {
            mustBeUp(expect);
            const command = example.command.replaceAll('127.0.0.1:8787', `127.0.0.1:${at!.apiPort}`);
            const {
              code: exit,
              output,
              stdout,
            } = await run(`${command} --silent --show-error`, at!.clone, at!.env, MINUTE);
            expect(exit, output).toBe(0);
            if (example.expected) expect(checkExpected(example.expected, stdout), stdout).toBeNull();
          },
          2 * MINUTE,
        );
      }
    });

    // A command runs once: under the first place that shows it, with every other place that shows it, and with the
    // `npm run X -w P` commands that run inside it (plan.ts: `part`). The few that take a minute or more start first
    // (plan.ts: `long`), in shuffled order, so that the two copies end together, after the few that read the working
    // tree (`pristine`), which go first; the rest follow.
    const groups = new Map<string, ShellExample[]>();
    for (const example of shell) {
      const p = plan(example);
      if (p.how === 'install' || p.how === 'request') continue; // run by the tests above
      const key = p.how === 'part' ? p.of : example.command;
      groups.set(key, [...(groups.get(key) ?? []), example]);
    }
    const order = shuffled([...groups]);
    const has = (key: 'pristine' | 'long') => (entry: [string, ShellExample[]]) =>
      entry[1].some((e) => {
        const p = plan(e);
        return p.how === 'run' && p[key] === true;
      });
    const pristine = order.filter(has('pristine'));
    const long = order.filter((entry) => !pristine.includes(entry) && has('long')(entry));
    const rest = order.filter((entry) => !pristine.includes(entry) && !long.includes(entry));
    for (const [command, all] of [...pristine, ...long, ...rest]) {
      const places = [...all.filter((e) => e.command === command), ...all.filter((e) => e.command !== command)];
      const example = places[0]!;
      const own = plan(example);
      const also = places.slice(1).map((e) => (e.command === command ? where(e) : `${where(e)}: ${e.command}`));
      // `npm start` itself is checked above, with the requests the READMEs make to it.
      if (/^npm (ci && npm )?start$/.test(example.command)) continue;
      const name = `${where(example)}: ${example.command}${also.length ? ` (also ${also.join(', ')})` : ''}`;
      if (own.how === 'not-run' || own.how === 'part') {
        // Not a skip: a command the READMEs show and this test cannot run is a failure of the README.
        const why = own.how === 'not-run' ? own.why : `it is part of \`${own.of}\`, which no README shows`;
        test(`${name} cannot run here: ${why}`, () => {
          expect.fail(
            `${name}: the docs test cannot run it (${why}). Show it as text (a \`\`\`text block, or prose without ` +
              'backticks), not as a command to run, or make it one the test can run.',
          );
        });
        continue;
      }
      if (own.how === 'serve') {
        test(
          `${name} serves until stopped`,
          ({ expect }) =>
            onLane(async ({ clone, env, apiPort, playgroundPort }) => {
              const unlock = await serving.take();
              const server = serve(own.command, clone, env);
              try {
                const alive = () => server.child.exitCode === null;
                for (const what of own.serves) {
                  const url =
                    what === 'api' ? `http://127.0.0.1:${apiPort}/health` : `http://127.0.0.1:${playgroundPort}/`;
                  expect(await waitFor(url, 3 * MINUTE, alive), server.output()).toBe(true);
                }
              } finally {
                await server.stop();
                unlock();
              }
            }),
          8 * MINUTE,
        );
        continue;
      }
      if (own.how !== 'run') throw new Error(`${name}: no way to run a ${own.how} plan here`);
      test(
        `${name}${own.note ? ` (${own.note})` : ''}`,
        ({ expect }) =>
          onLane(async ({ clone, env }) => {
            if (own.pristine) {
              const changed = execFileSync('git', ['status', '--porcelain'], { cwd: clone, encoding: 'utf8' });
              expect(changed, 'a command that reads the tree ran after others wrote to it').toBe('');
            }
            const { code: exit, output, stdout } = await run(own.command, clone, { ...env, ...own.env }, own.timeoutMs);
            expect(exit, output.slice(-4000)).toBe(0);
            for (const place of places) {
              const p = plan(place);
              // A part's output is the lines turbo prints for its task; it must have run (or replayed) there.
              const printed = p.how === 'part' ? taskLines(stdout, p.task) : stdout;
              if (p.how === 'part') expect(printed, `${where(place)}: turbo ran no ${p.task}\n${stdout}`).not.toBe('');
              if (place.expected)
                expect(checkExpected(place.expected, printed), `${where(place)}\n${printed}`).toBeNull();
            }
          }),
        own.timeoutMs + MINUTE,
      );
    }

    for (const example of code.filter((e) => !callsApi(e))) {
      test(
        `${where(example)}: the TypeScript example runs and prints what it says`,
        ({ expect }) => onLane((at) => runSnippet(at, example, example.code, expect)),
        2 * MINUTE,
      );
    }
  });
});

/** The lines turbo printed for `task` (`pkg:script`), without their `pkg:script: ` prefix. */
function taskLines(stdout: string, task: string): string {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith(`${task}:`))
    .map((line) => line.slice(task.length + 1).replace(/^ /, ''))
    .join('\n');
}

/** Runs `fn` on a copy no other command is using, and frees it after. */
async function onLane(fn: (lane: Lane) => Promise<void>): Promise<void> {
  const at = await lanes.take();
  try {
    await fn(at);
  } finally {
    lanes.give(at);
  }
}

/** Runs a README's TypeScript snippet from the clone's root and compares its output with its `// → …` comments. */
async function runSnippet(
  { clone, env }: Lane,
  example: CodeExample,
  source: string,
  expect: ExpectStatic,
): Promise<void> {
  // Under node_modules: it resolves the workspace packages from there, and neither git nor Biome sees it.
  const dir = join(clone, 'node_modules/.docs-test');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `readme-example-${example.file.replaceAll('/', '-')}-${example.line}.mts`);
  writeFileSync(file, source);
  const { code: exit, output, stdout } = await run(`npx tsx ${JSON.stringify(file)}`, clone, env, MINUTE);
  expect(exit, output).toBe(0);
  const printed = stdout.trimEnd().split('\n').filter(Boolean);
  expect(printed).toEqual(example.prints);
}
