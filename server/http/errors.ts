/**
 * @module http/errors
 * Every error leaves the API in one shape, `{ "error": { "code", "message", "details" } }`,
 * with the status its code maps to. Unexpected errors are logged and answered with a 500
 * that reveals nothing internal.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { YardstickError, isYardstickError } from '../../rules/errors.ts';

/**
 * Hono `onError` handler.
 * @example app.onError(errorHandler)
 */
export function errorHandler(err: Error, c: Context): Response {
  if (isYardstickError(err)) return c.json(err.toJSON(), err.status as 400);
  if (err instanceof HTTPException) {
    const code = err.status === 413 ? 'payload_too_large' : err.status === 403 ? 'forbidden' : err.status === 401 ? 'unauthenticated' : 'invalid_argument';
    const y = new YardstickError(code, err.message || defaultMessage(err.status));
    return c.json(y.toJSON(), err.status);
  }
  const pgCode = (err as { code?: unknown }).code;
  if (typeof pgCode === 'string') {
    const mapped = mapDatabaseError(err, pgCode);
    if (mapped) return c.json(mapped.toJSON(), mapped.status as 409);
  }
  console.error(`[${new Date().toISOString()}] ${c.req.method} ${c.req.path} failed:`, err);
  return c.json(new YardstickError('internal', 'Something went wrong on the server. The request was not completed; nothing was saved.').toJSON(), 500);
}

/** Hono `notFound` handler for unknown API routes. */
export function notFoundHandler(c: Context): Response {
  return c.json(new YardstickError('not_found', `There is no API route ${c.req.method} ${c.req.path}.`).toJSON(), 404);
}

function defaultMessage(status: number): string {
  if (status === 413) return 'The request body is too large.';
  return 'The request was not accepted.';
}

/** Constraint and trigger violations that reach the API mean a conflict with the stored state. */
function mapDatabaseError(err: Error, code: string): YardstickError | undefined {
  if (code === '23505') return new YardstickError('conflict', 'That already exists (a unique key is taken).', { constraint: (err as { constraint_name?: string; constraint?: string }).constraint_name ?? (err as { constraint?: string }).constraint });
  if (code === '23503') return new YardstickError('conflict', 'That refers to something that does not exist, or is still referred to.');
  if (code === 'P0001' || code === '55000') return new YardstickError('invalid_transition', err.message.replace(/^error: /, ''));
  return undefined;
}
