/**
 * @module errors
 * The one error type of Yardstick. Every failure a user can cause carries a stable
 * `code` (documented in the catalogue below), an HTTP `status` for the API, a plain-language
 * `message`, and optional structured `details` (for example the JSON path of the offending node).
 */

/** Stable error codes, grouped by the HTTP status they map to. */
export const ERROR_STATUS = {
  // 400: the request or document is malformed
  invalid_json: 400,
  invalid_scheme: 400,
  invalid_rule: 400,
  invalid_input: 400,
  invalid_argument: 400,
  // 401/403: who you are and what you may do
  unauthenticated: 401,
  forbidden: 403,
  // 404
  not_found: 404,
  // 409: the state of things does not allow it
  conflict: 409,
  stale_write: 409,
  invalid_transition: 409,
  // 413: too big
  payload_too_large: 413,
  // 422: understood, but the rules say no
  analysis_failed: 422,
  limit_exceeded: 422,
  forbidden_path: 422,
  unknown_operator: 422,
  // 429
  too_many_requests: 429,
  // 500
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * An error with an HTTP status and a stable code.
 * @example
 * throw new YardstickError('not_found', 'No scheme with id 42.', { id: 42 });
 */
export class YardstickError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'YardstickError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
  }

  /** The JSON body the API answers with. */
  toJSON(): { error: { code: ErrorCode; message: string; details?: unknown } } {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** True for a YardstickError (also across module copies, e.g. in the browser bundle). */
export function isYardstickError(err: unknown): err is YardstickError {
  return err instanceof YardstickError || (typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'YardstickError' && typeof (err as { code?: unknown }).code === 'string');
}
