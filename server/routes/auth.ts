/**
 * @module routes/auth
 * Log in and out, who am I, and my language.
 */
import type { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { isYardstickError } from '../../rules/errors.ts';
import { LOCALES, ROLES, type Locale } from '../../schemas/vocabulary.ts';
import { route } from '../http/route.ts';
import { API_ID, NULLABLE_ID, record, titled } from '../services/api-schemas.ts';
import type { AppEnv, CurrentUser } from '../http/env.ts';
import { signIn } from '../services/access/login.ts';
import { setLocale } from '../services/access/users.ts';
import { SESSION_COOKIE, deleteSession, userForSession } from '../services/access/sessions.ts';

const USER_SCHEMA = titled(
  'User',
  record({
    id: API_ID,
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { enum: ROLES },
    locale: { type: 'string' },
    departmentIds: { type: 'array', items: API_ID, description: 'Managers: the departments they see and edit.' },
    employeeId: { ...NULLABLE_ID, description: 'Employees: their own record.' },
  }),
);

/** The user as the API shows it (ids as strings). */
export function publicUser(u: CurrentUser) {
  return { id: String(u.id), username: u.username, displayName: u.displayName, role: u.role, locale: u.locale, departmentIds: u.departmentIds.map(String), employeeId: u.employeeId === null ? null : String(u.employeeId) };
}

export function registerAuthRoutes(app: Hono<AppEnv>): void {
  route<{ username: string; password: string }>(
    app,
    {
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in with a user name and password',
      tag: 'auth',
      roles: 'public',
      description:
        'Sets an HttpOnly SameSite=Strict session cookie (Secure over https or with TRUST_PROXY) and returns the CSRF token the studio sends as X-CSRF-Token on state-changing requests. ' +
        'Failures are throttled per user name and client address: after 5, the next attempt must wait 1 s, then 2 s, 4 s, … up to 5 minutes; earlier attempts get 429 with Retry-After (seconds). A successful login, or HR unlocking the user, clears the wait.',
      body: { type: 'object', additionalProperties: false, required: ['username', 'password'], properties: { username: { type: 'string', minLength: 1, maxLength: 100 }, password: { type: 'string', minLength: 1, maxLength: 200 } } },
      response: record({ user: USER_SCHEMA, csrfToken: { type: 'string', description: 'Send it as X-CSRF-Token on state-changing requests.' } }),
    },
    async (c, { body }) => {
      const db = c.get('db');
      const client = c.get('client');
      const { session, user } = await signIn(db, body.username, body.password, client.address).catch((err: unknown) => {
        if (isYardstickError(err) && err.code === 'too_many_requests') c.header('Retry-After', String((err.details as { retryAfterSeconds: number }).retryAfterSeconds));
        throw err;
      });
      setCookie(c, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: client.secureCookies, expires: session.expiresAt });
      return { user: publicUser(user), csrfToken: session.csrfToken };
    },
  );

  route(app, { method: 'post', path: '/api/auth/logout', summary: 'Log out', tag: 'auth', roles: 'public', response: record({ ok: { const: true } }) }, async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(c.get('db'), token);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  route(app, { method: 'get', path: '/api/auth/me', summary: 'Who am I', tag: 'auth', roles: ROLES, response: titled('Session', record({ user: USER_SCHEMA, csrfToken: { type: ['string', 'null'], description: 'null when signed in with an API token.' } })) }, async (c) => {
    const user = c.get('user')!;
    const token = getCookie(c, SESSION_COOKIE);
    const session = token && user.via === 'session' ? await userForSession(c.get('db'), token) : undefined;
    return { user: publicUser(user), csrfToken: session?.csrfToken ?? null };
  });

  route<{ locale: Locale }>(
    app,
    { method: 'patch', path: '/api/auth/me', summary: 'Change my language', tag: 'auth', roles: ROLES, body: { type: 'object', additionalProperties: false, required: ['locale'], properties: { locale: { enum: LOCALES } } }, response: record({ user: USER_SCHEMA }) },
    async (c, { body }) => {
      const user = c.get('user')!;
      await setLocale(c.get('db'), user, body.locale);
      return { user: publicUser({ ...user, locale: body.locale }) };
    },
  );
}
