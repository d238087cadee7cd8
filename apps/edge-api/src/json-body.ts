// A POST body, priced and bounded before it is parsed, each step its own refusal: a JSON content type (415), at most
// 3 MiB (413, from Content-Length when given), its bytes paid for (429, http/rate-limit.ts), nesting and value count
// within what the schema needs (400 body_too_complex, json-scan.ts), valid JSON (400 invalid_json), an object
// (400 invalid_body). JSON.parse runs once, on a body that has passed all of that; validate('json') reads its result.
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from './env.js';
import { ApiError, quote } from './errors.js';
import { spendBody } from './http/rate-limit.js';
import { type JsonFault, MAX_DEPTH, MAX_VALUES, scanJson } from './json-scan.js';
import { refuses } from './refusals.js';

/** 1,000 pairs of two 1,000-digit strings is about 2 MB of JSON; allow some whitespace on top. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
const LIKE = 'a JSON object like { "pairs": [{ "a": "1", "b": "2" }] }';
const en = (n: number) => n.toLocaleString('en-US');

const tooLarge = () =>
  new ApiError(
    'body_too_large',
    `The request body is larger than the ${MAX_BODY_BYTES / 1024 / 1024} MiB accepted ` +
      '(at most 1,000 pairs of 1,000-digit operands).',
  );

/** A body that nests deeper or holds more values than any accepted body: refused before JSON.parse sees it. */
const tooComplex = (found: JsonFault) =>
  new ApiError(
    'body_too_complex',
    found.fault === 'depth'
      ? `The JSON body nests arrays and objects more than ${MAX_DEPTH} deep (at character ${en(found.at)}); ` +
          `accepted: ${LIKE} (3 levels deep).`
      : `The JSON body holds more than ${en(MAX_VALUES)} values (arrays, objects, strings and commas; at ` +
          `character ${en(found.at)}); accepted: ${LIKE}, with at most 1,000 pairs (about 7,000 values).`,
  );

const notJson = (error: unknown) =>
  new ApiError(
    'invalid_json',
    `The request body is not valid JSON (${quote(error instanceof Error ? error.message : String(error))}); ` +
      `accepted: ${LIKE}.`,
  );

/** Content-Length, when the request gives one (without Transfer-Encoding, which would override it). */
function announcedLength(request: Request): number | undefined {
  const text = request.headers.get('Content-Length');
  return text && /^\d+$/.test(text) && !request.headers.has('Transfer-Encoding') ? Number(text) : undefined;
}

/** How much of a body sent without Content-Length is read past the limit, and dropped, before the refusal. */
const DRAIN_BYTES = 16 * 1024 * 1024;

/**
 * A body sent without Content-Length, read chunk by chunk up to the limit. Past it, the rest is read and dropped, up
 * to 16 MiB in all (a body read only in part makes `wrangler dev`'s proxy hang the requests after it), and `bytes`
 * is null: the body is too large. An endless one is cut off there.
 */
async function readStreamed(
  body: ReadableStream<Uint8Array> | null,
): Promise<{ bytes: Uint8Array | null; size: number }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body?.getReader();
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    size += read.value.byteLength;
    if (size <= MAX_BODY_BYTES) chunks.push(read.value);
    else if (size > DRAIN_BYTES) break;
  }
  if (size > MAX_BODY_BYTES) return { bytes: null, size };
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes, size };
}

/**
 * The body's bytes. A body announced larger than 3 MiB is refused before a byte is read; one announced within it is
 * read whole, natively (a body is read to its end or not at all, as `wrangler dev`'s proxy needs); one without
 * Content-Length as it streams, up to 3 MiB.
 */
async function readBody(c: Context<AppEnv>): Promise<Uint8Array> {
  const announced = announcedLength(c.req.raw);
  if (announced !== undefined && announced > MAX_BODY_BYTES) throw tooLarge();
  let streamed: { bytes: Uint8Array | null; size: number };
  try {
    if (announced !== undefined) return new Uint8Array(await c.req.arrayBuffer());
    streamed = await readStreamed(c.req.raw.body);
  } catch (error) {
    // A body that breaks off is not JSON either.
    throw notJson(error);
  }
  if (streamed.bytes) return streamed.bytes;
  await spendBody(c, streamed.size); // what it sent is paid for, as a body within the limit is
  throw tooLarge();
}

function parse(text: string): object {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw notJson(error);
  }
  // valibot reads arrays as objects ("pairs is missing"); say what is wrong instead.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError('invalid_body', `The JSON body must be ${LIKE}, got ${quote(parsed)}.`);
  }
  return parsed;
}

export const jsonBody = refuses(
  ['unsupported_media_type', 'body_too_large', 'rate_limited', 'body_too_complex', 'invalid_json', 'invalid_body'],
  createMiddleware<AppEnv>(async (c, next) => {
    const type = c.req.header('Content-Type');
    if (!JSON_TYPE.test(type?.split(';')[0]?.trim() ?? '')) {
      throw new ApiError(
        'unsupported_media_type',
        `Header "Content-Type" is ${quote(type)}; accepted: "application/json" with ${LIKE}.`,
      );
    }
    const start = performance.now();
    const bytes = await readBody(c);
    c.set('uploadMs', performance.now() - start);
    await spendBody(c, bytes.byteLength);
    // As Request.text() decodes: UTF-8, a leading BOM dropped, bad bytes replaced.
    const text = new TextDecoder().decode(bytes);
    const found = scanJson(text);
    if (found) throw tooComplex(found);
    c.set('body', parse(text));
    await next();
  }),
);
