// Reads a POST body as JSON before the schema sees it, so that a wrong content type, an oversized body
// or broken JSON each get their own clear 400 instead of "pairs is missing".
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ApiError, quote } from '../errors.js';

/** 1,000 pairs of two 1,000-digit strings is about 2 MB of JSON; allow some whitespace on top. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;

export const requireJsonType = createMiddleware(async (c, next) => {
  const type = c.req.header('Content-Type');
  const media = (type ?? '').split(';')[0]?.trim() ?? '';
  if (!JSON_TYPE.test(media)) {
    throw new ApiError(
      'unsupported_media_type',
      `Header "Content-Type" is ${quote(type)}; accepted: "application/json" with a body like { "pairs": [{ "a": "1", "b": "2" }] }.`,
    );
  }
  await next();
});

export const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new ApiError('body_too_large', `The request body is larger than the ${MAX_BODY_BYTES / 1024 / 1024} MiB accepted (at most 1,000 pairs of 1,000-digit operands).`);
  },
});

export const parseJsonBody = createMiddleware(async (c, next) => {
  let parsed: unknown;
  try {
    parsed = await c.req.json();
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new ApiError('invalid_json', `The request body is not valid JSON (${quote(detail)}); accepted: a JSON object like { "pairs": [{ "a": "1", "b": "2" }] }.`);
  }
  // valibot treats arrays as objects ("pairs is missing"); say what is wrong instead.
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ApiError('invalid_body', `The JSON body must be an object like { "pairs": [{ "a": "1", "b": "2" }] }, got ${quote(parsed)}.`);
  }
  await next();
});
