// A POST body, checked before its schema: a JSON content type (415), at most 3 MiB (413, from Content-Length when
// given), valid JSON (400 invalid_json), an object (400 invalid_body); each its own refusal, not "pairs is missing".
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { ApiError, quote } from './errors.js';
import { refuses } from './refusals.js';

/** 1,000 pairs of two 1,000-digit strings is about 2 MB of JSON; allow some whitespace on top. */
export const MAX_BODY_BYTES = 3 * 1024 * 1024;
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/i;
const LIKE = 'a JSON object like { "pairs": [{ "a": "1", "b": "2" }] }';

const limitBody = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  // Hono's bodyLimit trusts a Content-Length header: a body announced too large is refused before it is read.
  onError: () => {
    throw new ApiError(
      'body_too_large',
      `The request body is larger than the ${MAX_BODY_BYTES / 1024 / 1024} MiB accepted ` +
        '(at most 1,000 pairs of 1,000-digit operands).',
    );
  },
});

export const jsonBody = refuses(
  ['unsupported_media_type', 'body_too_large', 'invalid_json', 'invalid_body'],
  createMiddleware(async (c, next) => {
    const type = c.req.header('Content-Type');
    if (!JSON_TYPE.test(type?.split(';')[0]?.trim() ?? '')) {
      throw new ApiError(
        'unsupported_media_type',
        `Header "Content-Type" is ${quote(type)}; accepted: "application/json" with ${LIKE}.`,
      );
    }
    await limitBody(c, async () => {
      let parsed: unknown;
      try {
        parsed = await c.req.json();
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw new ApiError(
          'invalid_json',
          `The request body is not valid JSON (${quote(error instanceof Error ? error.message : String(error))}); ` +
            `accepted: ${LIKE}.`,
        );
      }
      // valibot reads arrays as objects ("pairs is missing"); say what is wrong instead.
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        throw new ApiError('invalid_body', `The JSON body must be ${LIKE}, got ${quote(parsed)}.`);
      }
      await next();
    });
  }),
);
