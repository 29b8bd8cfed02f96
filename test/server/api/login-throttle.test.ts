import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { expect, it } from 'vitest';
import { createApp } from '../../../server/app.ts';
import { describeEachApp, PASSWORD } from '../helpers/app.ts';
import { expectError, expectJson } from './schemes-helpers.ts';

describeEachApp('login throttling API', (ctx) => {
  /** The app as deployed behind one reverse proxy (TRUST_PROXY=1). */
  const proxied = () => createApp({ database: ctx().database, trustProxy: 1 });
  const loginVia = (app: ReturnType<typeof proxied>, username: string, password: string, forwardedFor?: string, url = 'http://localhost/api/auth/login') =>
    Promise.resolve(app.request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) }, body: JSON.stringify({ username, password }) }));
  const checkedAttempts = async (username: string, address: string) =>
    (await ctx().db.selectFrom('login_attempts').select('id').where('username', '=', username).where('ip', '=', address).execute()).length;

  it('checks at most a handful of 200 concurrent wrong passwords; the rest get 429 with Retry-After', async () => {
    const app = proxied();
    const address = '203.0.113.200';
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => loginVia(app, 'hr', `guess-${i}`, address)));
    const statuses = answers.map((r) => r.status);
    const wrong = statuses.filter((s) => s === 401).length;
    expect(wrong).toBeGreaterThanOrEqual(5);
    expect(wrong).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBe(200 - wrong);
    // The stored attempts are the password checks that really ran: one per 401.
    expect(await checkedAttempts('hr', address)).toBe(wrong);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const body = (await refused.json()) as { error: { code: string; message: string; details: { retryAfterSeconds: number } } };
    expect(body.error.code).toBe('too_many_requests');
    expect(body.error.message).toMatch(/Too many failed logins for "hr" from your address\. Try again in \d+ s\./);
    expect(String(body.error.details.retryAfterSeconds)).toBe(refused.headers.get('retry-after'));
    // HR is not locked out: the right password from the office address works at once.
    expect((await loginVia(app, 'hr', PASSWORD, '192.0.2.10')).status).toBe(200);
  });

  it('makes the wait grow: 1 s after five failures, then 2 s', async () => {
    const app = proxied();
    const address = '203.0.113.201';
    for (let i = 0; i < 5; i++) expect((await loginVia(app, 'auditor', `wrong-${i}`, address)).status).toBe(401);
    const first = await loginVia(app, 'auditor', 'wrong-5', address);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await loginVia(app, 'auditor', 'wrong-5', address)).status).toBe(401);
    const second = await loginVia(app, 'auditor', 'wrong-6', address);
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('2');
    expect(await checkedAttempts('auditor', address)).toBe(6);
  });

  it('lets HR unlock a user (audited), after which the right password works from the throttled address', async () => {
    const app = proxied();
    const address = '203.0.113.202';
    for (let i = 0; i < 6; i++) await loginVia(app, 'manager2', `wrong-${i}`, address);
    await loginVia(app, 'manager2', 'wrong', '203.0.113.203');
    expect((await loginVia(app, 'manager2', PASSWORD, address)).status).toBe(429);
    const userId = ctx().fixture.users.otherManager;
    await expectError(ctx().as('manager').post(`/api/users/${userId}/unlock`), 403, 'forbidden');
    await expectError(ctx().as('hr').post('/api/users/999999/unlock'), 404, 'not_found');
    expect(await expectJson(ctx().as('hr').post(`/api/users/${userId}/unlock`), 200)).toEqual({ username: 'manager2', addresses: 2 });
    const [entry] = await ctx().db.selectFrom('audit_log').selectAll().where('action', '=', 'user.unlock').where('entity_id', '=', String(userId)).execute();
    expect(entry).toMatchObject({ actor_user_id: ctx().fixture.users.hr, payload: { username: 'manager2', addresses: 2 } });
    expect((await loginVia(app, 'manager2', PASSWORD, address)).status).toBe(200);
  });

  it('with TRUST_PROXY=1 throttles by the right-most X-Forwarded-For entry, so a forged left part does not help', async () => {
    const app = proxied();
    for (let i = 0; i < 5; i++) expect((await loginVia(app, 'emp1', 'wrong', `10.9.9.${i}, 203.0.113.204`)).status).toBe(401);
    expect((await loginVia(app, 'emp1', 'wrong', '10.9.9.99, 203.0.113.204')).status).toBe(429);
    const rows = await ctx().db.selectFrom('login_throttle').select(['address', 'failures']).where('username', '=', 'emp1').execute();
    expect(rows).toEqual([{ address: '203.0.113.204', failures: 5 }]);
  });

  it('without TRUST_PROXY ignores X-Forwarded-For: changing it does not escape the throttle', async () => {
    const { app } = ctx();
    for (let i = 0; i < 5; i++) expect((await loginVia(app, 'emp4', 'wrong', `203.0.113.${i}`)).status).toBe(401);
    expect((await loginVia(app, 'emp4', 'wrong', '203.0.113.99')).status).toBe(429);
    // app.request() has no socket, so every one of these came from the same unknown peer.
    const rows = await ctx().db.selectFrom('login_throttle').select(['address']).where('username', '=', 'emp4').execute();
    expect(rows).toEqual([{ address: 'unknown' }]);
  });

  it('over a real socket takes the peer address, or with TRUST_PROXY=1 the X-Forwarded-For entry', async () => {
    for (const [trustProxy, expected] of [[0, '127.0.0.1'], [1, '203.0.113.205']] as const) {
      const server = serve({ fetch: createApp({ database: ctx().database, trustProxy }).fetch, port: 0, hostname: '127.0.0.1' });
      try {
        await new Promise((resolve) => (server.listening ? resolve(null) : server.once('listening', resolve)));
        const { port } = server.address() as AddressInfo;
        const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '6.6.6.6, 203.0.113.205' }, body: JSON.stringify({ username: `socket-${trustProxy}`, password: 'guess' }) });
        expect(res.status).toBe(401);
        const [row] = await ctx().db.selectFrom('login_attempts').select('ip').where('username', '=', `socket-${trustProxy}`).execute();
        expect(row!.ip).toBe(expected);
      } finally {
        await new Promise((resolve) => server.close(resolve));
      }
    }
  });

  it('refuses a user name with U+0000 (no stored name can hold it) with 400 instead of failing in the database', async () => {
    const res = await ctx().anonymous.post('/api/auth/login', { username: 'h\u0000r', password: 'whatever' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: { path: string } } };
    expect(body.error).toMatchObject({ code: 'invalid_argument', details: { path: 'username' } });
    expect(body.error.message).toMatch(/username/);
  });

  it('sets the Secure cookie flag with TRUST_PROXY or over https, not over plain http', async () => {
    const cookieOf = (res: Response) => res.headers.get('set-cookie') ?? '';
    const viaProxy = await loginVia(proxied(), 'manager', PASSWORD, '192.0.2.30');
    expect(viaProxy.status).toBe(200);
    expect(cookieOf(viaProxy)).toMatch(/;\s*Secure/);
    const plain = await loginVia(ctx().app, 'manager', PASSWORD);
    expect(plain.status).toBe(200);
    expect(cookieOf(plain)).not.toMatch(/Secure/);
    const https = await loginVia(ctx().app, 'manager', PASSWORD, undefined, 'https://localhost/api/auth/login');
    expect(https.status).toBe(200);
    expect(cookieOf(https)).toMatch(/;\s*Secure/);
  });
});
