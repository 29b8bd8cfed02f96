import { expect, it } from 'vitest';
import { describeEachApp } from '../helpers/app.ts';
import { expectError, expectJson, uniqueKey } from './schemes-helpers.ts';

describeEachApp('users and tokens API', (ctx) => {
  const bearer = (token: string, path = '/api/auth/me', method = 'GET') => ctx().app.request(path, { method, headers: { authorization: `Bearer ${token}` } });

  it('lists users without secrets for HR and auditors only', async () => {
    const { items } = await expectJson(ctx().as('auditor').get('/api/users'), 200);
    const manager = items.find((u: { username: string }) => u.username === 'manager');
    expect(manager).toMatchObject({ role: 'manager', departmentIds: [String(ctx().fixture.departments.cs)], employeeId: null, hasPassword: true });
    expect(JSON.stringify(items)).not.toContain('scrypt');
    await expectError(ctx().as('manager').get('/api/users'), 403, 'forbidden');
    await expectError(ctx().as('employee').get('/api/users'), 403, 'forbidden');
  });

  it('creates a manager who can then sign in and see their department only', async () => {
    const username = uniqueKey('mgr');
    const created = await expectJson(ctx().as('hr').post('/api/users', { username, displayName: 'Wang Fang', role: 'manager', password: 'a long password', departmentIds: [String(ctx().fixture.departments.eng)] }), 201);
    expect(created).toMatchObject({ username, role: 'manager', departmentIds: [String(ctx().fixture.departments.eng)], hasPassword: true });
    const row = await ctx().db.selectFrom('users').select('password_hash').where('username', '=', username).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$/);
    const login = await ctx().anonymous.post('/api/auth/login', { username, password: 'a long password' });
    const { user } = await expectJson(login, 200);
    expect(user.departmentIds).toEqual([String(ctx().fixture.departments.eng)]);
    const [entry] = await ctx().db.selectFrom('audit_log').selectAll().where('action', '=', 'user.create').where('entity_id', '=', created.id).execute();
    expect(entry!.payload).toMatchObject({ username, role: 'manager', passwordLogin: true });
    expect(JSON.stringify(entry!.payload)).not.toContain('long password');
  });

  it('checks roles against scope fields, password length and taken names', async () => {
    const hr = ctx().as('hr');
    const base = { displayName: 'Someone', password: 'a long password' };
    await expectError(hr.post('/api/users', { ...base, username: uniqueKey('u'), role: 'manager' }), 400, 'invalid_argument');
    await expectError(hr.post('/api/users', { ...base, username: uniqueKey('u'), role: 'auditor', departmentIds: [String(ctx().fixture.departments.cs)] }), 400, 'invalid_argument');
    await expectError(hr.post('/api/users', { ...base, username: uniqueKey('u'), role: 'employee' }), 400, 'invalid_argument');
    await expectError(hr.post('/api/users', { ...base, username: uniqueKey('u'), role: 'hr', password: 'short' }), 400, 'invalid_argument');
    await expectError(hr.post('/api/users', { ...base, username: uniqueKey('u'), role: 'employee', employeeId: String(ctx().fixture.employees.E001) }), 409, 'conflict');
    await expectError(hr.post('/api/users', { ...base, username: uniqueKey('u'), role: 'employee', employeeId: '999999' }), 404, 'not_found');
    await expectError(hr.post('/api/users', { ...base, username: 'hr', role: 'hr' }), 409, 'conflict');
    const employee = await expectJson(hr.post('/api/users', { displayName: 'Token only', username: uniqueKey('u'), role: 'employee', employeeId: String(ctx().fixture.employees.E002) }), 201);
    expect(employee).toMatchObject({ hasPassword: false, employeeId: String(ctx().fixture.employees.E002) });
    await expectError(ctx().as('manager').post('/api/users', { ...base, username: uniqueKey('u'), role: 'hr' }), 403, 'forbidden');
    await expectError(ctx().as('auditor').post('/api/users', { ...base, username: uniqueKey('u'), role: 'hr' }), 403, 'forbidden');
  });

  it('refuses weak passwords with a message naming the rule that failed', async () => {
    const hr = ctx().as('hr');
    const username = uniqueKey('liuyang');
    const base = { username, displayName: 'Liu Yang', role: 'auditor' };
    const tooShort = await expectError(hr.post('/api/users', { ...base, password: 'elevenchars' }), 400, 'invalid_argument');
    expect(tooShort.message).toMatch(/password.*12/);
    const named = await expectError(hr.post('/api/users', { ...base, password: `spring-${username.toUpperCase()}-walk` }), 400, 'invalid_argument');
    expect(named).toEqual({ code: 'invalid_argument', message: `The password must not contain the user name "${username}".`, details: { field: 'password', rule: 'contains_username' } });
    const common = await expectError(hr.post('/api/users', { ...base, password: 'password1234' }), 400, 'invalid_argument');
    expect(common.details).toEqual({ field: 'password', rule: 'common' });
    expect(common.message).toMatch(/common passwords/);
    // None of the refused attempts created the user.
    expect(await ctx().db.selectFrom('users').select('id').where('username', '=', username).execute()).toEqual([]);
    await expectJson(hr.post('/api/users', { ...base, password: 'spring rain over the harbour' }), 201);
  });

  it('creates a personal token shown once, usable as a bearer token, listed and revoked', async () => {
    const created = await expectJson(ctx().as('employee').post('/api/tokens', { name: 'my script' }), 201);
    expect(created).toMatchObject({ name: 'my script', userId: String(ctx().fixture.users.employee), revokedAt: null });
    expect(created.token).toMatch(/^ys_/);
    expect((await expectJson(bearer(created.token), 200)).user.username).toBe('emp1');
    // A token cannot mint further tokens.
    const viaToken = await ctx().app.request('/api/tokens', { method: 'POST', headers: { authorization: `Bearer ${created.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'child' }) });
    await expectError(viaToken, 403, 'forbidden');

    const { items } = await expectJson(ctx().as('employee').get('/api/tokens'), 200);
    expect(items.map((t: { id: string }) => t.id)).toContain(created.id);
    expect(JSON.stringify(items)).not.toContain(created.token);
    expect((await expectJson(ctx().as('otherEmployee').get('/api/tokens'), 200)).items.map((t: { id: string }) => t.id)).not.toContain(created.id);

    await expectError(ctx().as('otherEmployee').delete(`/api/tokens/${created.id}`), 404, 'not_found');
    const revoked = await expectJson(ctx().as('employee').delete(`/api/tokens/${created.id}`), 200);
    expect(revoked.revokedAt).not.toBeNull();
    await expectError(bearer(created.token), 401, 'unauthenticated');
    expect((await expectJson(ctx().as('employee').delete(`/api/tokens/${created.id}`), 200)).revokedAt).toBe(revoked.revokedAt);
    const actions = await ctx().db.selectFrom('audit_log').select('action').where('entity_type', '=', 'api_token').where('entity_id', '=', created.id).orderBy('seq').execute();
    expect(actions.map((a) => a.action)).toEqual(['token.create', 'token.revoke']);
  });

  it("lets HR revoke anyone's token", async () => {
    const created = await expectJson(ctx().as('manager').post('/api/tokens', { name: 'import job' }), 201);
    await expectJson(ctx().as('hr').delete(`/api/tokens/${created.id}`), 200);
    await expectError(bearer(created.token), 401, 'unauthenticated');
    await expectError(ctx().as('hr').delete('/api/tokens/999999'), 404, 'not_found');
  });
});
