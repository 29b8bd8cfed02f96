import { beforeAll, expect, it } from 'vitest';
import { isYardstickError } from '../../../rules/errors.ts';
import { login, MAX_DELAY_SECONDS, sweepLoginRecords, throttleAddress, throttleDelaySeconds } from '../../../server/services/access/login.ts';
import { PASSWORD, seedFixture } from '../helpers/app.ts';
import { describeEachDatabase } from '../helpers/databases.ts';

/** What a login attempt answered: 'ok', 'wrong' (401) or the seconds a 429 asked to wait. */
async function attempt(db: Parameters<typeof login>[0], username: string, password: string, address: string, at: Date): Promise<'ok' | 'wrong' | number> {
  try {
    await login(db, username, password, address, at);
    return 'ok';
  } catch (err) {
    if (isYardstickError(err) && err.code === 'unauthenticated') return 'wrong';
    if (isYardstickError(err) && err.code === 'too_many_requests') return (err.details as { retryAfterSeconds: number }).retryAfterSeconds;
    throw err;
  }
}

const seconds = (base: Date, s: number) => new Date(base.getTime() + s * 1000);

describeEachDatabase('login throttling (service, explicit clock)', (database) => {
  beforeAll(async () => {
    await seedFixture(database().db);
  });

  it('lets 5 failures through, then makes the pair wait 1 s, 2 s, 4 s, … up to the cap', async () => {
    const { db } = database();
    const t0 = new Date('2026-12-01T09:00:00Z');
    const address = '198.51.100.10';
    for (let i = 0; i < 5; i++) expect(await attempt(db, 'auditor', `wrong-${i}`, address, t0)).toBe('wrong');
    // Too early: refused without checking the password, even the right one.
    expect(await attempt(db, 'auditor', PASSWORD, address, t0)).toBe(1);
    expect(await attempt(db, 'auditor', 'wrong-5', address, seconds(t0, 1))).toBe('wrong');
    expect(await attempt(db, 'auditor', 'wrong-6', address, seconds(t0, 1.5))).toBe(2);
    expect(await attempt(db, 'auditor', 'wrong-6', address, seconds(t0, 3))).toBe('wrong');
    expect(await attempt(db, 'auditor', 'wrong-7', address, seconds(t0, 3))).toBe(4);
    expect(await attempt(db, 'auditor', 'wrong-7', address, seconds(t0, 7))).toBe('wrong');
    expect(await attempt(db, 'auditor', 'wrong-8', address, seconds(t0, 7))).toBe(8);
    // Only the 8 checked attempts were recorded; the refused ones never reached the password check.
    const recorded = await db.selectFrom('login_attempts').select(['success']).where('username', '=', 'auditor').where('ip', '=', address).execute();
    expect(recorded).toHaveLength(8);
    expect(recorded.every((r) => !r.success)).toBe(true);
    // The right password after the wait works and clears the pair.
    expect(await attempt(db, 'auditor', PASSWORD, address, seconds(t0, 15))).toBe('ok');
    expect(await db.selectFrom('login_throttle').selectAll().where('username', '=', 'auditor').execute()).toEqual([]);
    for (let i = 0; i < 4; i++) expect(await attempt(db, 'auditor', 'wrong-again', address, seconds(t0, 16))).toBe('wrong');
  });

  it('caps the wait and starts over after a quiet quarter of an hour', async () => {
    expect([4, 5, 6, 7, 8, 13, 14, 40, 5000].map(throttleDelaySeconds)).toEqual([0, 1, 2, 4, 8, 256, 300, 300, 300]);
    expect(MAX_DELAY_SECONDS).toBe(300);
    const { db } = database();
    const address = '198.51.100.11';
    let at = new Date('2026-12-01T10:00:00Z');
    // 20 failures, each as soon as allowed: the waits between them grow to the 5-minute cap and stay there.
    const waits: number[] = [];
    for (let checks = 0; checks < 20; ) {
      const answer = await attempt(db, 'manager', 'wrong', address, at);
      if (answer === 'wrong') checks++;
      else {
        waits.push(answer as number);
        at = seconds(at, answer as number);
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300, 300, 300]);
    expect(await attempt(db, 'manager', 'wrong', address, at)).toBe(300);
    // Weeks of guessing at the capped pace: the wait stays at the cap (no overflow in the database).
    await db.updateTable('login_throttle').set({ failures: 5000 }).where('username', '=', 'manager').where('address', '=', address).execute();
    at = seconds(at, 300);
    expect(await attempt(db, 'manager', 'wrong', address, at)).toBe('wrong');
    expect(await attempt(db, 'manager', 'wrong', address, at)).toBe(300);
    // Quiet for 16 minutes: the count starts over, so five tries are free again.
    at = seconds(at, 16 * 60);
    for (let i = 0; i < 5; i++) expect(await attempt(db, 'manager', 'wrong', address, at)).toBe('wrong');
    expect(await attempt(db, 'manager', PASSWORD, address, at)).toBe(1);
  });

  it('throttles each (user name, address) pair separately', async () => {
    const { db } = database();
    const t0 = new Date('2026-12-01T11:00:00Z');
    for (let i = 0; i < 6; i++) await attempt(db, 'hr', 'guess', '203.0.113.66', t0);
    expect(await attempt(db, 'hr', PASSWORD, '203.0.113.66', t0)).toBe(1);
    // HR from the office, and another user from the attacker's address, are not affected.
    expect(await attempt(db, 'hr', PASSWORD, '192.0.2.20', t0)).toBe('ok');
    expect(await attempt(db, 'emp1', PASSWORD, '203.0.113.66', t0)).toBe('ok');
    // An unknown user name is throttled like a real one, so the answers do not tell them apart.
    for (let i = 0; i < 5; i++) expect(await attempt(db, 'nobody-here', 'guess', '203.0.113.66', t0)).toBe('wrong');
    expect(await attempt(db, 'nobody-here', 'guess', '203.0.113.66', t0)).toBe(1);
  });

  it('throttles IPv6 clients by their /64 network, since one connection can use any address in it', async () => {
    expect(throttleAddress('2001:db8:0:7:a::1')).toBe('2001:db8:0:7::/64');
    expect(throttleAddress('2001:0DB8:0000:0007:ffff:ffff:ffff:ffff')).toBe('2001:db8:0:7::/64');
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttleAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(throttleAddress('64:ff9b:1:2::198.51.100.1')).toBe('64:ff9b:1:2::/64');
    expect(throttleAddress('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(throttleAddress('unknown')).toBe('unknown');
    const { db } = database();
    const t0 = new Date('2026-12-01T12:00:00Z');
    for (let i = 1; i <= 5; i++) expect(await attempt(db, 'emp4', 'guess', `2001:db8:5:5::${i}`, t0)).toBe('wrong');
    expect(await attempt(db, 'emp4', 'guess', '2001:db8:5:5:ffff::9', t0)).toBe(1);
    // The next network is someone else.
    expect(await attempt(db, 'emp4', PASSWORD, '2001:db8:5:6::1', t0)).toBe('ok');
    // The attempts keep the full address for investigations.
    const recorded = await db.selectFrom('login_attempts').select('ip').where('username', '=', 'emp4').where('ip', 'like', '2001:db8:5:5::%').execute();
    expect(recorded.map((r) => r.ip).sort()).toEqual(['2001:db8:5:5::1', '2001:db8:5:5::2', '2001:db8:5:5::3', '2001:db8:5:5::4', '2001:db8:5:5::5']);
  });

  it('sweeps expired sessions, login attempts older than 30 days and quiet throttle rows', async () => {
    const { db } = database();
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const userId = (await db.selectFrom('users').select('id').where('username', '=', 'emp4').executeTakeFirstOrThrow()).id;
    await db.insertInto('sessions').values([
      { id: 'sweep-expired', user_id: userId, expires_at: ago(60_000), csrf_token: 'x' },
      { id: 'sweep-live', user_id: userId, expires_at: new Date(now.getTime() + 3600_000), csrf_token: 'x' },
    ]).execute();
    await db.insertInto('login_attempts').values([
      { username: 'sweep-old', ip: '192.0.2.1', success: false, at: ago(31 * 86_400_000) },
      { username: 'sweep-recent', ip: '192.0.2.1', success: false, at: ago(29 * 86_400_000) },
    ]).execute();
    await db.insertInto('login_throttle').values([
      { username: 'sweep-quiet', address: '192.0.2.1', failures: 3, last_attempt_at: ago(16 * 60_000), next_attempt_at: ago(16 * 60_000) },
      { username: 'sweep-busy', address: '192.0.2.1', failures: 9, last_attempt_at: ago(60_000), next_attempt_at: new Date(now.getTime() + 60_000) },
    ]).execute();
    // Sweeping happens after a successful login.
    expect(await attempt(db, 'emp4', PASSWORD, '192.0.2.2', now)).toBe('ok');
    const sessions = (await db.selectFrom('sessions').select('id').where('id', 'like', 'sweep-%').execute()).map((r) => r.id);
    expect(sessions).toEqual(['sweep-live']);
    const attempts = (await db.selectFrom('login_attempts').select('username').where('username', 'like', 'sweep-%').execute()).map((r) => r.username);
    expect(attempts).toEqual(['sweep-recent']);
    const throttles = (await db.selectFrom('login_throttle').select('username').where('username', 'like', 'sweep-%').execute()).map((r) => r.username);
    expect(throttles).toEqual(['sweep-busy']);
    // A second sweep finds nothing more to delete.
    expect(await sweepLoginRecords(db, now)).toEqual({ sessions: 0, attempts: 0, throttles: 0 });
  });
});
