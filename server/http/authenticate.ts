/**
 * @module http/authenticate
 * Resolve the caller from the session cookie or a bearer token, and protect cookie sessions
 * against cross-site requests: every state-changing request made with a cookie must carry the
 * session's CSRF token in `X-CSRF-Token` (a header another site cannot set without CORS).
 */
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { YardstickError } from '../../rules/errors.ts';
import { SESSION_COOKIE, userForSession, userForToken } from '../services/sessions.ts';
import type { AppEnv } from './env.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Middleware: sets `c.var.user` (or leaves it undefined for anonymous callers).
 * @example app.use('/api/*', authenticate())
 */
export function authenticate(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const db = c.get('db');
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const user = match ? await userForToken(db, match[1]) : undefined;
      if (!user) throw new YardstickError('unauthenticated', 'The API token is not valid (unknown, revoked or malformed Authorization header).');
      c.set('user', user);
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) {
      const user = await userForSession(db, cookie);
      if (user) {
        if (!SAFE_METHODS.has(c.req.method) && c.req.header('x-csrf-token') !== user.csrfToken && !c.req.path.endsWith('/auth/login')) {
          throw new YardstickError('forbidden', 'This request is missing its CSRF token (X-CSRF-Token header); reload the page and try again.');
        }
        c.set('user', user);
      }
    }
    return next();
  };
}
