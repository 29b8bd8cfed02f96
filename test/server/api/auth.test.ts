import { expect, it } from 'vitest';
import { describeEachApp, PASSWORD } from '../helpers/app.ts';

describeEachApp('auth API', (ctx) => {
  it('logs in with an HttpOnly SameSite=Strict cookie and says who I am', async () => {
    const { app } = ctx();
    const res = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'manager', password: PASSWORD }) });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/ys_session=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const me = await ctx().as('manager').get('/api/auth/me');
    const body = (await me.json()) as { user: { role: string; departmentIds: string[] } };
    expect(body.user.role).toBe('manager');
    expect(body.user.departmentIds).toEqual([String(ctx().fixture.departments.cs)]);
  });

  it('refuses a wrong password with 401 and the error shape', async () => {
    const res = await ctx().anonymous.post('/api/auth/login', { username: 'auditor', password: 'nope' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthenticated', message: 'Wrong user name or password.' } });
  });

  it('throttles repeated failed logins of one user name from one address', async () => {
    const attempts = [];
    for (let i = 0; i < 6; i++) attempts.push(await ctx().anonymous.post('/api/auth/login', { username: 'emp4', password: `wrong${i}` }));
    expect(attempts.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429]);
    expect(attempts[5]!.headers.get('retry-after')).toBe('1');
    // Another user name from the same address is not affected.
    expect((await ctx().anonymous.post('/api/auth/login', { username: 'auditor', password: PASSWORD })).status).toBe(200);
  });

  it('requires login for the API and the CSRF token for cookie writes', async () => {
    expect((await ctx().anonymous.get('/api/auth/me')).status).toBe(401);
    const { app } = ctx();
    const login = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'hr', password: PASSWORD }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const noToken = await app.request('/api/auth/me', { method: 'PATCH', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'en' }) });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { error: { message: string } }).error.message).toMatch(/CSRF/);
  });

  it('rejects malformed JSON and unknown fields with 400', async () => {
    const bad = await ctx().anonymous.send('POST', '/api/auth/login', '{"username":', { 'content-type': 'application/json' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    const extra = await ctx().anonymous.post('/api/auth/login', { username: 'hr', password: 'x', admin: true });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { error: { message: string } }).error.message).toContain('unknown field "admin"');
  });

  it('serves security headers with a CSP that forbids eval', async () => {
    const res = await ctx().anonymous.get('/api/health');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers unknown API routes with 404 in the error shape', async () => {
    const res = await ctx().as('hr').get('/api/nowhere');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });
});
