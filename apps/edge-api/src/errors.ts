// One error shape for every refusal: { error: { code, message } }. Messages name the parameter,
// quote what was received (cut short) and say what is accepted.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorCode =
  | 'missing_parameter'
  | 'repeated_parameter'
  | 'unknown_parameter'
  | 'invalid_operand'
  | 'operand_too_long'
  | 'operand_out_of_range'
  | 'unknown_model'
  | 'invalid_parameter'
  | 'trace_too_long'
  | 'conflicting_parameter'
  | 'unsupported_media_type'
  | 'invalid_json'
  | 'body_too_large'
  | 'invalid_body'
  | 'too_many_pairs'
  | 'batch_too_large'
  | 'not_found'
  | 'method_not_allowed'
  | 'rate_limited'
  | 'internal_error';

export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

export const errorBody = (code: ErrorCode, message: string): ErrorBody => ({ error: { code, message } });

/** A refusal thrown from validation or handlers; `app.onError` turns it into its JSON response. */
export class ApiError extends HTTPException {
  readonly code: ErrorCode;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, status: ContentfulStatusCode = 400, headers: Record<string, string> = {}) {
    super(status, { message });
    this.code = code;
    this.headers = headers;
  }

  override getResponse(): Response {
    return Response.json(errorBody(this.code, this.message), {
      status: this.status,
      headers: { 'Cache-Control': 'no-store', ...this.headers },
    });
  }
}

const MAX_SHOWN = 40;

/** Quotes a received value for a message, cut to a readable length (it may be 10,000 characters of junk). */
export function quote(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    const json = JSON.stringify(shown);
    return value.length > MAX_SHOWN ? `${json} (${value.length} characters)` : json;
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  return `an ${typeof value}`;
}
