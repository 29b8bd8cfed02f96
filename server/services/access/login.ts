/**
 * @module services/access/login
 * Password login with throttling per (user name, client address) that holds under concurrency.
 *
 * Every attempt first *claims* a password check with one atomic upsert on its
 * `login_throttle` row, counting itself as a failure in advance; only then is the slow scrypt
 * comparison run. Parallel guesses therefore queue on the row lock and see each other's
 * claims: after {@link FREE_FAILURES} failures the pair must wait 1 s, then 2 s, 4 s, … up to
 * {@link MAX_DELAY_SECONDS}, and every attempt that comes too early gets 429 with the wait.
 *
 * The throttle is per pair, not per user name, so nobody can lock HR out: the right password
 * from another address still works. A successful login clears its pair; HR can clear all
 * pairs of a user (`unlockUser`). A pair that stays quiet for {@link QUIET_MINUTES} starts over.
 * IPv6 clients are throttled by their /64 network (`throttleAddress`), since anyone with one
 * IPv6 connection can use billions of addresses in it.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { sql, type Kysely } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { appendAudit } from '../audit/audit.ts';
import { verifyPassword } from './passwords.ts';
import { actorOf } from './scope.ts';
import { createSession, loadUser } from './sessions.ts';
import { inTransaction } from '../transaction.ts';

/** Failures a pair may have before it has to wait. */
export const FREE_FAILURES = 5;
/** Longest wait between two password checks of one pair. */
export const MAX_DELAY_SECONDS = 300;
/** Longer than the longest wait, so an attacker at the slowest pace never starts over. */
export const QUIET_MINUTES = 15;
/** Login attempts are kept this long for investigations, then swept. */
export const ATTEMPT_RETENTION_DAYS = 30;
// Compared against when the user does not exist, so both paths take the same time.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

/**
 * Seconds a pair must wait after its `failures`-th failure: none for the first few, then doubling.
 * @example throttleDelaySeconds(5) // 1
 * @example throttleDelaySeconds(7) // 4
 */
export function throttleDelaySeconds(failures: number): number {
  return failures < FREE_FAILURES ? 0 : Math.min(MAX_DELAY_SECONDS, 2 ** Math.min(failures - FREE_FAILURES, MAX_EXPONENT));
}

/** 2^20 s is far beyond the cap, so bounding the exponent there changes no wait. */
const MAX_EXPONENT = 20;

/**
 * The address a login is throttled under: IPv4 as is (also when written IPv4-mapped,
 * `::ffff:1.2.3.4`), IPv6 as its /64 network, anything else (e.g. `unknown`) as is.
 * @example throttleAddress('2001:db8:0:7:a::1') // '2001:db8:0:7::/64'
 * @example throttleAddress('::ffff:203.0.113.7') // '203.0.113.7'
 */
export function throttleAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  const bare = address.replace(/%.*$/, ''); // a zone (fe80::1%eth0) names a local interface, not a network
  if (!isIPv6(bare)) return address;
  const [head, tail] = bare.includes('::') ? bare.split('::') : [bare, undefined];
  const groups = (part: string | undefined) => (part ? part.split(':') : []).flatMap((g) => (g.includes('.') ? ipv4Groups(g) : [g]));
  const left = groups(head);
  const right = groups(tail);
  const full = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${full.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}

/** An embedded IPv4 tail (`64:ff9b::198.51.100.1`) as its two IPv6 groups. */
function ipv4Groups(ipv4: string): string[] {
  const [a, b, c, d] = ipv4.split('.').map(Number);
  return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
}

/**
 * Check a user name and password and open a session. Throws 429 `too_many_requests` (details
 * `{ retryAfterSeconds }`) when this user name was tried too often from this address, 401 when wrong.
 * @example const { token, csrfToken, userId } = await login(db, 'hr', 'demo-people-2026', '203.0.113.7');
 */
export async function login(db: Kysely<DB>, username: string, password: string, address: string, now = new Date()): Promise<{ token: string; csrfToken: string; expiresAt: Date; userId: number }> {
  const throttled = throttleAddress(address);
  await claimPasswordCheck(db, username, throttled, now);
  const user = await db.selectFrom('users').select(['id', 'password_hash']).where('username', '=', username).executeTakeFirst();
  const ok = (await verifyPassword(password, user?.password_hash ?? DUMMY_HASH)) && !!user?.password_hash;
  await db.insertInto('login_attempts').values({ username, ip: address, success: ok, at: now }).execute();
  if (!ok || !user) throw new YardstickError('unauthenticated', 'Wrong user name or password.');
  await db.deleteFrom('login_throttle').where('username', '=', username).where('address', '=', throttled).execute();
  const session = await createSession(db, user.id);
  await sweepLoginRecords(db, now);
  return { ...session, userId: user.id };
}

/**
 * Count this attempt as a failure of its pair before the password is checked, or refuse it
 * when the pair must still wait. One statement, so concurrent attempts serialise on the row:
 * the `where` of `on conflict do update` sees the latest committed row, and a refused attempt
 * changes nothing.
 */
async function claimPasswordCheck(db: Kysely<DB>, username: string, address: string, now: Date): Promise<void> {
  const quietSince = new Date(now.getTime() - QUIET_MINUTES * 60_000);
  const failures = sql<number>`case when login_throttle.last_attempt_at < ${quietSince} then 1 else login_throttle.failures + 1 end`;
  // Mirrors throttleDelaySeconds, evaluated on the row's new failure count inside the same statement.
  // The exponent is bounded too: power(2, 1100) overflows a double, and a patient attacker at the capped pace gets there.
  const delay = sql<number>`case when ${failures} < ${FREE_FAILURES} then 0 else least(${MAX_DELAY_SECONDS}, power(2, least(${failures} - ${FREE_FAILURES}, ${MAX_EXPONENT}))) end`;
  const claimed = await db
    .insertInto('login_throttle')
    .values({ username, address, failures: 1, last_attempt_at: now, next_attempt_at: new Date(now.getTime() + throttleDelaySeconds(1) * 1000) })
    .onConflict((oc) =>
      oc
        .columns(['username', 'address'])
        .doUpdateSet({ failures, last_attempt_at: now, next_attempt_at: sql<Date>`${now}::timestamptz + make_interval(secs => ${delay})` })
        .where('login_throttle.next_attempt_at', '<=', now),
    )
    .returning('failures')
    .executeTakeFirst();
  if (claimed) return;
  const row = await db.selectFrom('login_throttle').select('next_attempt_at').where('username', '=', username).where('address', '=', address).executeTakeFirst();
  const retryAfterSeconds = Math.max(1, Math.ceil(((row?.next_attempt_at.getTime() ?? now.getTime()) - now.getTime()) / 1000));
  throw new YardstickError('too_many_requests', `Too many failed logins for "${username}" from your address. Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}

/**
 * Delete what is no longer needed: expired sessions, login attempts older than
 * {@link ATTEMPT_RETENTION_DAYS} and throttle rows quiet for {@link QUIET_MINUTES}. Runs after
 * every successful login, so the tables stay small without a separate job.
 * @example await sweepLoginRecords(db) // { sessions: 3, attempts: 120, throttles: 4 }
 */
export async function sweepLoginRecords(db: Kysely<DB>, now = new Date()): Promise<{ sessions: number; attempts: number; throttles: number }> {
  const sessions = await db.deleteFrom('sessions').where('expires_at', '<', now).executeTakeFirst();
  const attempts = await db.deleteFrom('login_attempts').where('at', '<', new Date(now.getTime() - ATTEMPT_RETENTION_DAYS * 86_400_000)).executeTakeFirst();
  const throttles = await db
    .deleteFrom('login_throttle')
    .where('last_attempt_at', '<', new Date(now.getTime() - QUIET_MINUTES * 60_000))
    .where('next_attempt_at', '<', now)
    .executeTakeFirst();
  return { sessions: Number(sessions.numDeletedRows), attempts: Number(attempts.numDeletedRows), throttles: Number(throttles.numDeletedRows) };
}

/**
 * HR lifts the login throttle of a user from every address (audited as `user.unlock`).
 * @example await unlockUser(db, hr, 7) // { username: 'wang', addresses: 2 }
 */
export async function unlockUser(db: Kysely<DB>, actor: CurrentUser, userId: number): Promise<{ username: string; addresses: number }> {
  return inTransaction(db, async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'username']).where('id', '=', userId).executeTakeFirst();
    if (!user) throw new YardstickError('not_found', `No user with id "${userId}".`, { id: String(userId) });
    const cleared = await trx.deleteFrom('login_throttle').where('username', '=', user.username).executeTakeFirst();
    const addresses = Number(cleared.numDeletedRows);
    await appendAudit(trx, { actor: actorOf(actor), action: 'user.unlock', entityType: 'user', entityId: user.id, payload: { username: user.username, addresses } });
    return { username: user.username, addresses };
  });
}

/**
 * Log a user in and record it in the audit log: the session to set as a cookie and the user it
 * belongs to. Throttling and password checks are `login`'s.
 * @example const { session, user } = await signIn(db, 'hr', 'demo-people-2026', '203.0.113.7');
 */
export async function signIn(db: Kysely<DB>, username: string, password: string, address: string): Promise<{ session: Awaited<ReturnType<typeof login>>; user: CurrentUser }> {
  const session = await login(db, username, password, address);
  const user = await loadUser(db, session.userId, 'session');
  if (!user) throw new YardstickError('unauthenticated', 'The user was removed while logging in.');
  await inTransaction(db, (trx) => appendAudit(trx, { actor: { userId: user.id, label: user.username }, action: 'auth.login', entityType: 'user', entityId: user.id, payload: { username: user.username } }));
  return { session, user };
}
