// Error codes as data, kept beside the code that refuses. A valibot message is written `refuse(code, text)`: it words
// the issue and records the issue's code, so validation reads the code instead of parsing it out of the text. A
// middleware or handler that throws ApiErrors is wrapped in `refuses(codes, handler)`. The OpenAPI document reads both
// off the app's route table (openapi/refusals.ts): each operation documents exactly the refusals its code can give.
import type { MiddlewareHandler } from 'hono';
import type * as v from 'valibot';
import type { ErrorCode } from './errors.js';

type Issue = v.BaseIssue<unknown>;

/** A valibot message function that also lists the codes it can give. */
export interface Refusal<I extends Issue> {
  (issue: I): string;
  readonly codes: readonly ErrorCode[];
}

const issueCodes = new WeakMap<Issue, ErrorCode>();

/** A message whose code depends on the issue (a strict object's field: missing, unknown or not an object). */
export function refuseAs<I extends Issue>(
  codes: readonly ErrorCode[],
  word: (issue: I) => readonly [ErrorCode, string],
): Refusal<I> {
  const message = (issue: I): string => {
    const [code, text] = word(issue);
    issueCodes.set(issue, code);
    return text;
  };
  return Object.assign(message, { codes });
}

/** A message for one kind of issue: its code, and its text (which follows the parameter's name). */
export const refuse = <I extends Issue>(code: ErrorCode, text: (issue: I) => string): Refusal<I> =>
  refuseAs<I>([code], (issue) => [code, text(issue)]);

/** The code the refusal that worded this issue recorded; undefined for an issue no refusal worded (a bug). */
export const issueCode = (issue: Issue): ErrorCode | undefined => issueCodes.get(issue);

type Node = {
  message?: { codes?: readonly ErrorCode[] };
  pipe?: unknown[];
  entries?: Record<string, unknown>;
  item?: unknown;
  wrapped?: unknown;
};

/** Every code the refusals in a schema can give: its own, its pipe's, its fields', its items'. */
export function schemaCodes(schema: unknown): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  const walk = (node: Node | undefined): void => {
    if (!node || typeof node !== 'object') return;
    for (const code of node.message?.codes ?? []) codes.add(code);
    for (const child of [...(node.pipe ?? []), ...Object.values(node.entries ?? {}), node.item, node.wrapped])
      walk(child as Node);
  };
  walk(schema as Node);
  return [...codes];
}

/** Tags a middleware or handler with the codes it may throw (read by the OpenAPI document). */
export const refuses = <H extends object>(codes: readonly ErrorCode[], handler: H): H =>
  Object.assign(handler, { refuses: codes });

/**
 * Declares, in a route's chain, the codes its final handler may throw (a handler wrapped in `refuses` would lose the
 * types Hono infers for it): a middleware that does nothing else.
 */
export const handlerRefuses = (...codes: ErrorCode[]): MiddlewareHandler => refuses(codes, (_c, next) => next());

/** The codes a handler was tagged with. */
export const refusalsOf = (handler: unknown): readonly ErrorCode[] =>
  (handler as { refuses?: readonly ErrorCode[] }).refuses ?? [];
