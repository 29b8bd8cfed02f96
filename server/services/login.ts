/**
 * @module services/login
 * Password login with throttling: after 5 failed attempts for a user name (or 20 from one
 * address) within 15 minutes, further attempts are refused until the window passes, so
 * passwords cannot be guessed at speed.
 */
import type { Kysely } from 'kysely';
import { YardstickError } from '../../rules/errors.ts';
import type { DB } from '../db/types.ts';
import { verifyPassword } from './passwords.ts';
import { createSession } from './sessions.ts';

const WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_USER = 5;
const MAX_FAILURES_PER_IP = 20;
// Compared against when the user does not exist, so both paths take the same time.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Check a user name and password and open a session.
 * @example const { token, csrfToken, userId } = await login(db, 'hr', 'demo-hr', '127.0.0.1');
 */
export async function login(db: Kysely<DB>, username: string, password: string, ip: string): Promise<{ token: string; csrfToken: string; expiresAt: Date; userId: number }> {
  const since = new Date(Date.now() - WINDOW_MINUTES * 60_000);
  const recentFailures = (column: 'username' | 'ip', value: string) =>
    db
      .selectFrom('login_attempts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('success', '=', false)
      .where('at', '>=', since)
      .where(column, '=', value)
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  if ((await recentFailures('username', username)) >= MAX_FAILURES_PER_USER || (await recentFailures('ip', ip)) >= MAX_FAILURES_PER_IP) {
    throw new YardstickError('too_many_requests', `Too many failed logins. Try again in ${WINDOW_MINUTES} minutes.`);
  }
  const user = await db.selectFrom('users').select(['id', 'password_hash']).where('username', '=', username).executeTakeFirst();
  const ok = await verifyPassword(password, user?.password_hash ?? DUMMY_HASH);
  await db.insertInto('login_attempts').values({ username, ip, success: ok && !!user?.password_hash }).execute();
  if (!ok || !user?.password_hash) throw new YardstickError('unauthenticated', 'Wrong user name or password.');
  const session = await createSession(db, user.id);
  return { ...session, userId: user.id };
}
