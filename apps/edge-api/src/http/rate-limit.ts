// Per-client rate limiting with the Workers Rate Limiting binding, weighted by the work a request asks for.
//
// The binding counts calls: `limit({ key })` spends one token of the key's budget (`simple.limit` per `simple.period`
// seconds in wrangler.jsonc) and answers { success: false } once it is spent. It has no weight argument, so a request
// worth n tokens calls it n times, at once, and is refused if any call is. Tokens per request:
//   RATE_LIMIT_REQUEST_TOKENS                          every request, before routing
//   + floor(body bytes / RATE_LIMIT_BYTES_PER_TOKEN)   a POST body, once read and before it is scanned or parsed
//   + floor(model steps / RATE_LIMIT_STEPS_PER_TOKEN)  /add, after validation and before the model runs
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv, Bindings } from '../env.js';
import { ApiError } from '../errors.js';
import { refuses } from '../refusals.js';
import { type PlannedPair, totalSteps } from '../work.js';

/** wrangler.jsonc ratelimits[0].simple.period (the binding allows 10 or 60); a node test checks they agree. */
export const RATE_LIMIT_PERIOD_SECONDS = 10;
export const DEFAULT_REQUEST_TOKENS = 1;
export const DEFAULT_STEPS_PER_TOKEN = 1000;
export const DEFAULT_BYTES_PER_TOKEN = 65_536;
const en = (n: number) => n.toLocaleString('en-US');

export interface TokenPrice {
  requestTokens: number;
  stepsPerToken: number;
  bytesPerToken: number;
}

/** A whole number of at least `min` from a var (default when unset); a malformed var is the operator's bug, so it
 * throws (a logged 500), never silently unlimits. */
function count(env: Record<string, string | undefined>, name: keyof TokenVars, fallback: number, min: number): number {
  const text = env[name]?.trim() ?? String(fallback);
  if (!/^\d+$/.test(text) || Number(text) < min)
    throw new Error(`rate limit vars: ${name} must be a whole number ≥ ${min}, got ${JSON.stringify(text)}`);
  return Number(text);
}

type TokenVars = Pick<
  Bindings,
  'RATE_LIMIT_REQUEST_TOKENS' | 'RATE_LIMIT_STEPS_PER_TOKEN' | 'RATE_LIMIT_BYTES_PER_TOKEN'
>;

/** The price from the vars. */
export function tokenPrice(env: TokenVars | undefined): TokenPrice {
  const vars = { ...env };
  return {
    requestTokens: count(vars, 'RATE_LIMIT_REQUEST_TOKENS', DEFAULT_REQUEST_TOKENS, 0),
    stepsPerToken: count(vars, 'RATE_LIMIT_STEPS_PER_TOKEN', DEFAULT_STEPS_PER_TOKEN, 1),
    bytesPerToken: count(vars, 'RATE_LIMIT_BYTES_PER_TOKEN', DEFAULT_BYTES_PER_TOKEN, 1),
  };
}

/** Extra tokens for a request's model work, on top of the request's own. */
export const workTokens = (steps: number, price: TokenPrice): number => Math.floor(steps / price.stepsPerToken);

/** Extra tokens for a request body's bytes (reading, scanning and parsing them costs time in proportion). */
export const bodyTokens = (bytes: number, price: TokenPrice): number => Math.floor(bytes / price.bytesPerToken);

/** What a request costs in all: the request, its body, its model work. */
export const requestTokens = (work: { bytes: number; steps: number }, price: TokenPrice): number =>
  price.requestTokens + bodyTokens(work.bytes, price) + workTokens(work.steps, price);

/**
 * The key a client is counted under: its IPv4 address, or the /64 prefix of its IPv6 address (one subscriber usually
 * holds a whole /64, so counting single IPv6 addresses would let it rotate through 2^64 budgets).
 */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const address = ip.trim().toLowerCase();
  if (!address.includes(':')) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped?.[1]) return mapped[1];
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** Spends `tokens` of this client's budget; throws the 429 when the binding refuses one. No binding, no limit. */
async function spend(c: Context<AppEnv>, tokens: number, price: TokenPrice): Promise<void> {
  const limiter = c.env?.RATE_LIMITER;
  if (!limiter || tokens <= 0) return;
  const key = clientKey(c.req.header('CF-Connecting-IP'));
  // All at once: the calls are I/O to the binding, and 49 of them one after another (a 3 MiB body) took 30-50 ms of
  // wall time under wrangler dev, against one round trip together. A refused request may so spend tokens past the
  // refusal; its budget is spent either way.
  const start = performance.now();
  const answers = await Promise.all(Array.from({ length: tokens }, () => limiter.limit({ key })));
  c.set('limitMs', (c.get('limitMs') ?? 0) + performance.now() - start);
  if (answers.some((answer) => !answer.success)) {
    throw new ApiError(
      'rate_limited',
      `Too many requests from this address (a request costs ${price.requestTokens} token, plus 1 per ` +
        `${en(price.bytesPerToken)} body bytes and 1 per ${en(price.stepsPerToken)} model steps); ` +
        `retry after ${RATE_LIMIT_PERIOD_SECONDS} s.`,
      null,
      { 'Retry-After': String(RATE_LIMIT_PERIOD_SECONDS) },
    );
  }
}

/** Middleware: every request pays RATE_LIMIT_REQUEST_TOKENS before it is routed (floods of junk pay too). */
export const rateLimit: MiddlewareHandler<AppEnv> = refuses(['rate_limited'], async (c, next) => {
  if (c.env?.RATE_LIMITER) {
    const price = tokenPrice(c.env);
    await spend(c, price.requestTokens, price);
  }
  await next();
});

/** For a POST body, once read and before it is scanned or parsed: pays for its bytes. */
export async function spendBody(c: Context<AppEnv>, bytes: number): Promise<void> {
  if (!c.env?.RATE_LIMITER) return;
  const price = tokenPrice(c.env);
  await spend(c, bodyTokens(bytes, price), price);
}

/** For handlers, after validation and before the model runs: pays for the planned pairs' model steps. */
export async function spendWork(c: Context<AppEnv>, plan: readonly PlannedPair[]): Promise<void> {
  if (!c.env?.RATE_LIMITER) return;
  const price = tokenPrice(c.env);
  await spend(c, workTokens(totalSteps(plan), price), price);
}
