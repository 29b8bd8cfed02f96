import { expect, it } from 'vitest';
import { describeEachApp } from '../helpers/app.ts';
import { tamper } from '../helpers/tamper.ts';
import { expectError, expectJson, tinyScheme, uniqueKey } from './schemes-helpers.ts';

describeEachApp('audit API', (ctx) => {
  it('records every change of a scheme life cycle, filterable by entity, and the chain verifies', async () => {
    const key = uniqueKey('audited');
    const created = await expectJson(ctx().as('hr').post('/api/schemes', { key, title: 'Audited', document: tinyScheme(key) }), 201);
    const versionId = created.version.id as string;
    await expectJson(ctx().as('hr').put(`/api/versions/${versionId}`, { document: tinyScheme(key, { title: 'Audited v1' }), revision: 1 }), 200);
    await expectJson(ctx().as('hr').post(`/api/versions/${versionId}/publish`, {}), 200);
    await expectJson(ctx().as('hr').post(`/api/versions/${versionId}/retire`, {}), 200);

    const page = await expectJson(ctx().as('auditor').get(`/api/audit?entityType=scheme_version&entityId=${versionId}`), 200);
    expect(page.entries.map((e: { action: string }) => e.action)).toEqual(['version.retire', 'version.publish', 'version.update']);
    expect(page.entries[0]).toMatchObject({ entityId: versionId, actorUserId: String(ctx().fixture.users.hr), actorLabel: 'hr' });
    expect(page.entries[0].seq).toMatch(/^\d+$/);
    expect(new Date(page.entries[0].at).toISOString()).toBe(page.entries[0].at);
    expect(page.nextCursor).toBeNull();
    const scheme = await expectJson(ctx().as('hr').get(`/api/audit?action=scheme.create&entityId=${created.scheme.id}`), 200);
    expect(scheme.entries).toHaveLength(1);

    const verified = await expectJson(ctx().as('auditor').get('/api/audit/verify'), 200);
    expect(verified).toMatchObject({ ok: true });
    expect(verified.count).toBeGreaterThanOrEqual(5);
  });

  it('pages with a cursor and filters by actor and time', async () => {
    for (let i = 0; i < 3; i++) {
      const key = uniqueKey('paged');
      await expectJson(ctx().as('manager').post('/api/schemes', { key, title: 'Paged', departmentId: String(ctx().fixture.departments.cs), document: tinyScheme(key) }), 201);
    }
    const actor = String(ctx().fixture.users.manager);
    const first = await expectJson(ctx().as('hr').get(`/api/audit?actor=${actor}&action=scheme.create&limit=2`), 200);
    expect(first.entries).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await expectJson(ctx().as('hr').get(`/api/audit?actor=${actor}&action=scheme.create&limit=2&cursor=${first.nextCursor}`), 200);
    expect(second.entries.length).toBeGreaterThanOrEqual(1);
    expect(Number(second.entries[0].seq)).toBeLessThan(Number(first.entries[1].seq));
    expect((await expectJson(ctx().as('hr').get('/api/audit?actor=manager&limit=1'), 200)).entries[0].actorLabel).toBe('manager');
    expect((await expectJson(ctx().as('hr').get('/api/audit?from=2999-01-01T00:00:00Z'), 200)).entries).toEqual([]);
    await expectError(ctx().as('hr').get('/api/audit?limit=1000'), 400, 'invalid_argument');
    await expectError(ctx().as('hr').get('/api/audit?from=yesterday'), 400, 'invalid_argument');
    await expectError(ctx().as('hr').get('/api/audit?cursor=abc'), 400, 'invalid_argument');
  });

  it('never records a change that failed', async () => {
    const count = async () => (await ctx().db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const key = uniqueKey('failed');
    const { version } = await expectJson(ctx().as('hr').post('/api/schemes', { key, title: 'Failed', document: tinyScheme(key, { weights: { default: { indicators: { complaints: 50 } } } }) }), 201);
    const before = await count();
    await expectError(ctx().as('hr').post(`/api/versions/${version.id}/publish`, {}), 422, 'analysis_failed');
    await expectError(ctx().as('hr').put(`/api/versions/${version.id}`, { document: tinyScheme(key), revision: 7 }), 409, 'stale_write');
    await expectError(ctx().as('hr').post('/api/schemes', { key, title: 'Taken', document: tinyScheme(key) }), 409, 'conflict');
    await expectError(ctx().as('manager').post('/api/schemes', { key: uniqueKey('x'), title: 'x', departmentId: String(ctx().fixture.departments.eng), document: tinyScheme('x') }), 403, 'forbidden');
    expect(await count()).toBe(before);
    expect((await expectJson(ctx().as('hr').get('/api/audit/verify'), 200)).ok).toBe(true);
  });

  it('shows the head to note down, and verifies against it as an anchor', async () => {
    const last = await ctx().db.selectFrom('audit_log').select(['seq', 'row_hash', 'at']).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    const head = await expectJson(ctx().as('auditor').get('/api/audit/head'), 200);
    expect(head).toEqual({ seq: String(last.seq), hash: last.row_hash, at: last.at.toISOString() });
    const anchored = await expectJson(ctx().as('auditor').get(`/api/audit/verify?anchorSeq=${head.seq}&anchorHash=${head.hash}`), 200);
    expect(anchored).toMatchObject({ ok: true, anchor: { seq: head.seq, hash: head.hash, ok: true }, problems: [] });
    const wrong = '0'.repeat(64);
    const mismatch = await expectJson(ctx().as('auditor').get(`/api/audit/verify?anchorSeq=${head.seq}&anchorHash=${wrong}`), 200);
    expect(mismatch).toMatchObject({ ok: false, anchor: { ok: false } });
    expect(mismatch.problems).toEqual([{ kind: 'anchor', seq: head.seq, message: `the anchored row seq ${head.seq} now has hash ${head.hash}, not ${wrong}: the log was rewritten at or before the anchor` }]);
    const ahead = Number(head.seq) + 1000;
    expect((await expectJson(ctx().as('auditor').get(`/api/audit/verify?anchorSeq=${ahead}&anchorHash=${wrong}`), 200)).reason).toMatch(/before the anchored seq .*rows were cut off the end/);
    await expectError(ctx().as('auditor').get(`/api/audit/verify?anchorSeq=${head.seq}`), 400, 'invalid_argument');
    await expectError(ctx().as('auditor').get('/api/audit/verify?anchorSeq=x&anchorHash=y'), 400, 'invalid_argument');
    await expectError(ctx().as('manager').get('/api/audit/head'), 403, 'forbidden');
  });

  it('is for HR and auditors only', async () => {
    await expectError(ctx().as('manager').get('/api/audit'), 403, 'forbidden');
    await expectError(ctx().as('employee').get('/api/audit/verify'), 403, 'forbidden');
  });

  it('names the first broken row when the log was tampered with', async () => {
    // Tampering needs the table's owner to bypass the append-only trigger; do it like an attacker with superuser would.
    const { sql } = await import('kysely');
    const db = ctx().db;
    const target = await db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
    await tamper(ctx().database, ['audit_log'], (trx) => sql`update audit_log set payload = '{"forged": true}'::jsonb where seq = ${target.seq}`.execute(trx));
    const verified = await expectJson(ctx().as('auditor').get('/api/audit/verify'), 200);
    expect(verified).toMatchObject({ ok: false, firstBrokenSeq: String(target.seq) });
    expect(verified.reason).toContain('payload');
  });
});
