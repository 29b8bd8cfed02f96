/**
 * @module services/access/sessions
 * Who is calling: cookie sessions for people in the studio, bearer tokens for scripts and
 * systems that push data. Only hashes of session ids and tokens are stored, so a copy of the
 * database does not let anyone sign in.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { CurrentUser, Role } from '../../domain/actor.ts';
import { sha256Hex } from '../../../rules/hash.ts';

export const SESSION_COOKIE = 'ys_session';
export const SESSION_HOURS = 12;

/** SHA-256 hex of a secret; what the database keeps instead of the secret. */
export function secretHash(secret: string): string {
  return sha256Hex(secret);
}

/**
 * Start a session; returns the secret for the cookie and the CSRF token for the studio.
 * @example const { token, csrfToken } = await createSession(db, user.id);
 */
export async function createSession(db: Kysely<DB>, userId: number): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000);
  await db.insertInto('sessions').values({ id: secretHash(token), user_id: userId, expires_at: expiresAt, csrf_token: csrfToken }).execute();
  return { token, csrfToken, expiresAt };
}

/** End a session (logout). */
export async function deleteSession(db: Kysely<DB>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', secretHash(token)).execute();
}

/**
 * The user behind a session cookie, or undefined when it is unknown or expired.
 * @example const user = await userForSession(db, cookieValue);
 */
export async function userForSession(db: Kysely<DB>, token: string): Promise<(CurrentUser & { csrfToken: string }) | undefined> {
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', secretHash(token)).executeTakeFirst();
  if (!session || session.expires_at.getTime() < Date.now()) return undefined;
  const user = await loadUser(db, session.user_id, 'session');
  return user && { ...user, sessionId: session.id, csrfToken: session.csrf_token };
}

/**
 * The user behind a bearer token, or undefined when it is unknown or revoked.
 * @example const user = await userForToken(db, 'ys_…');
 */
export async function userForToken(db: Kysely<DB>, token: string): Promise<CurrentUser | undefined> {
  const hash = secretHash(token);
  const cache = tokenCaches.get(db) ?? tokenCaches.set(db, new Map()).get(db)!;
  const hit = cache.get(hash);
  if (hit && hit.until > Date.now()) return hit.user;
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();
  if (!row) return undefined;
  // Recorded at most once a minute: a system pushing data must not turn every read into a write.
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db.updateTable('api_tokens').set({ last_used_at: new Date() }).where('id', '=', row.id).execute();
  }
  const user = await loadUser(db, row.user_id, 'token');
  if (user) {
    if (cache.size >= TOKEN_CACHE_LIMIT) cache.clear();
    cache.set(hash, { user, until: Date.now() + TOKEN_CACHE_MS });
  }
  return user;
}

/**
 * Systems pushing data call many times a second; their token is looked up at most every few
 * seconds per process. Revoking a token clears the cache here at once; other server instances
 * notice within TOKEN_CACHE_MS.
 */
const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_LIMIT = 10_000;
const tokenCaches = new WeakMap<Kysely<DB>, Map<string, { user: CurrentUser; until: number }>>();

/** Forget cached token owners (after a revocation or a change of role). */
export function forgetCachedTokens(db: Kysely<DB>): void {
  tokenCaches.get(db)?.clear();
}

/**
 * Issue an API token for a user; the secret is returned once and never stored.
 * @example const { token } = await createApiToken(db, user.id, 'ticketing sync');
 */
export async function createApiToken(db: Kysely<DB>, userId: number, name: string): Promise<{ id: number; token: string }> {
  const token = `ys_${randomBytes(30).toString('base64url')}`;
  const row = await db.insertInto('api_tokens').values({ user_id: userId, name, token_hash: secretHash(token) }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, token };
}

/** A user with the scope the server enforces. */
export async function loadUser(db: Kysely<DB>, userId: number, via: CurrentUser['via']): Promise<CurrentUser | undefined> {
  const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!user) return undefined;
  const departments = user.role === 'manager' ? await db.selectFrom('user_departments').select('department_id').where('user_id', '=', userId).execute() : [];
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    role: user.role as Role,
    locale: user.locale,
    departmentIds: departments.map((d) => d.department_id),
    employeeId: user.employee_id,
    via,
  };
}
