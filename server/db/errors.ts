/**
 * @module errors
 * Database errors as `YardstickError`s. Both drivers raise errors carrying the PostgreSQL
 * SQLSTATE in `code` (postgres.js `PostgresError`, PGlite `DatabaseError`), plus the constraint
 * name where there is one, so one mapping serves both.
 *
 * Yardstick's own triggers raise these codes:
 * | SQLSTATE | raised when                                             | maps to              |
 * |----------|---------------------------------------------------------|----------------------|
 * | `YS001`  | a published or retired scheme version would change      | 409 invalid_transition |
 * | `YS002`  | a row of an append-only table would change or vanish    | 409 conflict         |
 * | `YS003`  | a cycle would use a scheme version that is not published | 409 invalid_transition |
 */
import { type ErrorCode, isYardstickError, YardstickError } from '../../rules/errors.ts';

/** SQLSTATEs raised by Yardstick's triggers and the standard ones it maps. */
export const SQLSTATE = {
  schemeVersionImmutable: 'YS001',
  appendOnly: 'YS002',
  assignmentNotPublished: 'YS003',
  uniqueViolation: '23505',
  foreignKeyViolation: '23503',
  checkViolation: '23514',
  notNullViolation: '23502',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

const MAPPED: Record<string, ErrorCode> = {
  [SQLSTATE.schemeVersionImmutable]: 'invalid_transition',
  [SQLSTATE.appendOnly]: 'conflict',
  [SQLSTATE.assignmentNotPublished]: 'invalid_transition',
  [SQLSTATE.uniqueViolation]: 'conflict',
  [SQLSTATE.foreignKeyViolation]: 'conflict',
  [SQLSTATE.checkViolation]: 'invalid_input',
  [SQLSTATE.notNullViolation]: 'invalid_input',
  [SQLSTATE.serializationFailure]: 'conflict',
  [SQLSTATE.deadlockDetected]: 'conflict',
};

/** The SQLSTATE of a database error, or undefined for anything else. */
export function sqlState(err: unknown): string | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/**
 * Turn a database error into a `YardstickError` with the right status; anything unrecognised
 * becomes 500 `internal`, with the original error as `cause` (for the log, not for the client).
 * A `YardstickError` passes through unchanged.
 * @example
 * try { await db.updateTable('scheme_versions').set({ note: 'x' }).where('id', '=', 7).execute(); }
 * catch (err) { throw toYardstickError(err); } // 409 invalid_transition: published scheme versions are immutable…
 */
export function toYardstickError(err: unknown): YardstickError {
  if (isYardstickError(err)) return err;
  const state = sqlState(err);
  const info = err as { message?: string; constraint?: string; constraint_name?: string; table?: string; table_name?: string };
  const code = state === undefined ? undefined : MAPPED[state];
  if (code === undefined) {
    // Keep the driver's text out of `details` (which the API sends to clients) but on `cause` for the log.
    const internal = new YardstickError('internal', 'The database reported an unexpected error.', state === undefined ? undefined : { sqlState: state });
    Object.defineProperty(internal, 'cause', { value: err });
    return internal;
  }
  const constraint = info.constraint ?? info.constraint_name;
  return new YardstickError(code, info.message ?? 'The database refused the change.', {
    sqlState: state,
    ...(constraint ? { constraint } : {}),
    ...(info.table ?? info.table_name ? { table: info.table ?? info.table_name } : {}),
  });
}
