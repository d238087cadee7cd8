// One error shape for every refusal: { error: { code, message, param } }. `code` is the one rule a client needs; the
// status follows from it (the table below). Messages name the parameter, quote what was received (cut short) and say
// what is accepted; `param` names the query parameter or body path at fault, or is null when none is. Whatever the
// client sent (a name or a value) reaches a message or `param` only through core's quote/shorten (40 characters).
import { quote as quoteString, shorten } from '@lstm-adder/core';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Every error code and the HTTP status it is sent with. */
export const ERROR_STATUS = {
  missing_parameter: 400,
  repeated_parameter: 400,
  unknown_parameter: 400,
  invalid_operand: 400,
  operand_too_long: 400,
  operand_out_of_range: 400,
  unknown_model: 400,
  invalid_parameter: 400,
  trace_too_long: 400,
  conflicting_parameter: 400,
  invalid_json: 400,
  invalid_body: 400,
  body_too_complex: 400,
  too_many_pairs: 400,
  batch_too_large: 400,
  not_found: 404,
  method_not_allowed: 405,
  body_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    /** The query parameter (`a`) or body path (`pairs[3].b`) at fault, cut to 40 characters like every echo; null
     * when no single one is (path, method, headers, JSON syntax). */
    param: string | null;
  };
}

/** A refusal thrown from validation or handlers; `app.onError` turns it into its JSON response. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  /** `param` is the raw name or path, as received: it is cut here. */
  constructor(code: ErrorCode, message: string, param: string | null = null, headers: Record<string, string> = {}) {
    super(ERROR_STATUS[code], { message });
    this.code = code;
    this.param = param === null ? null : shorten(param);
    this.headers = headers;
  }

  override getResponse(): Response {
    const body: ErrorBody = { error: { code: this.code, message: this.message, param: this.param } };
    return Response.json(body, { status: this.status, headers: { 'Cache-Control': 'no-store', ...this.headers } });
  }
}

/** Describes a received value for a message; a string is quoted by core, cut to 40 characters (it may be 1 MB). */
export function quote(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return quoteString(value);
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  return `an ${typeof value}`;
}

/** Where a parameter was given. */
export type Where = 'query' | 'body' | 'path';
const LABEL: Record<Where, string> = { query: 'Query parameter', body: 'Body field', path: 'Path parameter' };

/** How a message names a parameter: `Query parameter "a"`, `Body field "pairs[3].b"` (a client's key is quoted cut). */
export const fieldLabel = (where: Where, param: string): string => `${LABEL[where]} ${quoteString(param)}`;
