/**
 * @module http/authenticate
 * Resolve the caller from the session cookie or a bearer token, and protect cookie sessions
 * against cross-site requests: every state-changing request made with a cookie must carry the
 * session's CSRF token in `X-CSRF-Token` (a header another site cannot set without CORS).
 *
 * Also says where the request came from (`c.var.client`). Behind reverse proxies
 * (`TRUST_PROXY=n`), each proxy appends the address it received the request from to
 * `X-Forwarded-For`, so the last n entries were written by proxies we trust and the n-th from
 * the right is the client; anything further left was sent by the client and may be forged.
 * Without TRUST_PROXY the header is ignored and the socket's peer is the client.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { YardstickError } from '../../rules/errors.ts';
import { SESSION_COOKIE, userForSession, userForToken } from '../services/access/sessions.ts';
import type { AppEnv, ClientInfo } from './env.ts';

export interface AuthenticateOptions {
  /** Reverse proxies in front of the server (the `TRUST_PROXY` setting); 0 ignores `X-Forwarded-For`. */
  trustProxy?: number;
}

// Longer than any IPv6 address with a zone; a trusted proxy never writes more.
const MAX_ADDRESS_LENGTH = 100;

/**
 * The client's address from the socket peer and `X-Forwarded-For`, trusting `trustProxy` proxies.
 * @example clientAddress('10.0.0.2', '198.51.100.1, 203.0.113.7', 1) // '203.0.113.7'
 * @example clientAddress('10.0.0.2', '198.51.100.1, 203.0.113.7', 0) // '10.0.0.2'
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, trustProxy: number): string {
  const hops = trustProxy > 0 && forwardedFor ? forwardedFor.split(',').map((hop) => hop.trim()).filter((hop) => hop !== '') : [];
  // Fewer entries than proxies: the request skipped a proxy; its left-most entry is the best we know.
  const address = hops.length > 0 ? hops[Math.max(0, hops.length - trustProxy)] : peer;
  return (address ?? 'unknown').slice(0, MAX_ADDRESS_LENGTH);
}

function clientInfo(c: Context<AppEnv>, trustProxy: number): ClientInfo {
  let peer: string | undefined;
  try {
    peer = getConnInfo(c).remote.address;
  } catch {
    peer = undefined; // app.request() in tests has no socket
  }
  return { address: clientAddress(peer, c.req.header('x-forwarded-for'), trustProxy), secureCookies: trustProxy > 0 || new URL(c.req.url).protocol === 'https:' };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Middleware: sets `c.var.client`, and `c.var.user` (or leaves it undefined for anonymous callers).
 * @example app.use('/api/*', authenticate({ trustProxy: 1 }))
 */
export function authenticate(options: AuthenticateOptions = {}): MiddlewareHandler<AppEnv> {
  const trustProxy = options.trustProxy ?? 0;
  return async (c, next) => {
    c.set('client', clientInfo(c, trustProxy));
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
