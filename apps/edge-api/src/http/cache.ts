// Answers are a pure function of the URL and the model's weights, so they are cacheable, and the
// weights' fingerprint is a sound ETag: a new model means new tags, the same model the same bytes.
import type { Context } from 'hono';

/** Bump when the JSON a route returns changes shape, so caches drop old bodies. */
const FORMAT_VERSION = 'v1';
export const CACHE_CONTROL = 'public, max-age=3600';
export const NO_STORE = 'no-store';

export const etagOf = (...fingerprints: string[]): string => `"${FORMAT_VERSION}-${fingerprints.join('-')}"`;

/** RFC 9110 If-None-Match: a list of (possibly weak) tags or "*"; comparison is weak. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/** Sets the caching headers; returns the 304 to send instead when the client already has this version. */
export function notModified(c: Context, etag: string) {
  c.header('ETag', etag);
  c.header('Cache-Control', CACHE_CONTROL);
  if (matchesIfNoneMatch(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
  return undefined;
}
