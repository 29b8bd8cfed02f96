/**
 * @module http/errors
 * Every error leaves the API in one shape, `{ "error": { "code", "message", "details" } }`,
 * with the status its code maps to. Unexpected errors are logged and answered with a 500
 * that reveals nothing internal.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { YardstickError, isYardstickError } from '../../rules/errors.ts';
import { sqlState, toYardstickError } from '../db/errors.ts';

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
  if (sqlState(err) !== undefined) {
    // Constraint and trigger refusals are the database defending its rules: a 409/400, not a crash.
    const mapped = toYardstickError(err);
    if (mapped.code !== 'internal') {
      const message = mapped.code === 'conflict' ? 'That conflicts with what is stored (a unique key is taken, or a referenced record is missing).' : mapped.message.replace(/^error: /, '');
      return c.json(new YardstickError(mapped.code, message, mapped.details).toJSON(), mapped.status as 409);
    }
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
