/**
 * POST /api/versions/:id/check: a draft document checked exactly as saving it would check it
 * (same refusals, same parse and analysis), with nothing written.
 */
import { expect, it } from 'vitest';
import { describeEachApp } from '../helpers/app.ts';
import { expectError, expectJson, tinyScheme, uniqueKey } from './schemes-helpers.ts';

type Finding = { severity: string; code: string; path: string; pointer: string };

describeEachApp('version check API', (ctx) => {
  /** A customer-service scheme (the manager's department) with its draft version 1. */
  const newDraft = async (department: 'cs' | 'eng' = 'cs') => {
    const key = uniqueKey('check');
    const body = await expectJson(ctx().as('hr').post('/api/schemes', { key, title: 'Check', departmentId: String(ctx().fixture.departments[department]), document: tinyScheme(key) }), 201);
    return { key, versionId: body.version.id as string };
  };
  /** What a check must never change: the audit log's length and the draft row. */
  const snapshot = async (versionId: string) => {
    const audit = await ctx().db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const row = await ctx().db.selectFrom('scheme_versions').select(['revision', 'content_hash', 'document', 'updated_at', 'status']).where('id', '=', Number(versionId)).executeTakeFirstOrThrow();
    return { auditEntries: Number(audit.n), row };
  };
  const byCode = (findings: Finding[]) => findings.map((f) => `${f.severity} ${f.code} ${f.pointer}`).sort();

  it('reports a weight sum error as the save would, and writes nothing', async () => {
    const { key, versionId } = await newDraft();
    const before = await snapshot(versionId);
    const document = tinyScheme(key, { weights: { default: { indicators: { complaints: 90 } } } });
    const checked = await expectJson<{ issues: unknown[]; findings: Finding[] }>(ctx().as('manager').post(`/api/versions/${versionId}/check`, document), 200);
    expect(checked.issues).toEqual([]);
    expect(checked.findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'weights_not_100', path: 'weights.default.indicators', pointer: '/weights/default/indicators' }));
    expect(await snapshot(versionId)).toEqual(before);

    // The same document saved gives the same findings: the studio's live view cannot disagree with the save.
    const saved = await expectJson<{ findings: Finding[] }>(ctx().as('manager').put(`/api/versions/${versionId}`, { document, revision: 1 }), 200);
    expect(byCode(saved.findings)).toEqual(byCode(checked.findings));
    // …and with what publishing refuses.
    const refused = await expectError(ctx().as('manager').post(`/api/versions/${versionId}/publish`, {}), 422, 'analysis_failed');
    expect(byCode(refused.details.findings)).toEqual(byCode(checked.findings));
  });

  it('reports schema issues as invalid_scheme errors, as the save would', async () => {
    const { key, versionId } = await newDraft();
    const before = await snapshot(versionId);
    // A schema issue (an indicator without its score rule) next to a weight sum error: a document
    // that does not parse is not analysed, so only the issues come back, exactly like a save.
    const indicators = [{ key: 'complaints', title: 'Complaints', polarity: 'lower-better' }];
    const document = tinyScheme(key, { indicators, weights: { default: { indicators: { complaints: 90 } } } });
    const checked = await expectJson<{ issues: Array<{ path: string; pointer: string }>; findings: Finding[] }>(ctx().as('hr').post(`/api/versions/${versionId}/check`, document), 200);
    expect(checked.issues.length).toBeGreaterThan(0);
    expect(checked.issues.map((i) => i.pointer)).toContain('/indicators/0/score');
    expect(checked.findings).toHaveLength(checked.issues.length);
    expect(checked.findings.every((f) => f.severity === 'error' && f.code === 'invalid_scheme')).toBe(true);
    expect(checked.findings.map((f) => f.pointer)).toEqual(checked.issues.map((i) => i.pointer));
    expect(await snapshot(versionId)).toEqual(before);

    const saved = await expectJson<{ findings: Finding[] }>(ctx().as('hr').put(`/api/versions/${versionId}`, { document, revision: 1 }), 200);
    expect(byCode(saved.findings)).toEqual(byCode(checked.findings));
  });

  it('answers a clean document with its warnings only', async () => {
    const { key, versionId } = await newDraft();
    const checked = await expectJson<{ issues: unknown[]; findings: Finding[] }>(ctx().as('hr').post(`/api/versions/${versionId}/check`, tinyScheme(key)), 200);
    expect(checked.issues).toEqual([]);
    expect(checked.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(checked.findings).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'kpi_count_advice' }));
  });

  it('is for those who may edit the draft: 401 anonymous, 403 auditor, employee and other departments, 404 unknown', async () => {
    const { key, versionId } = await newDraft();
    const document = tinyScheme(key);
    await expectError(ctx().anonymous.post(`/api/versions/${versionId}/check`, document), 401, 'unauthenticated');
    await expectError(ctx().as('auditor').post(`/api/versions/${versionId}/check`, document), 403, 'forbidden');
    await expectError(ctx().as('employee').post(`/api/versions/${versionId}/check`, document), 403, 'forbidden');
    await expectError(ctx().as('otherManager').post(`/api/versions/${versionId}/check`, document), 403, 'forbidden');
    await expectError(ctx().as('hr').post('/api/versions/987654/check', document), 404, 'not_found');
  });

  it('refuses what a save would refuse, in the standard error shape', async () => {
    const { key, versionId } = await newDraft();
    const before = await snapshot(versionId);
    const url = `/api/versions/${versionId}/check`;
    const notObject = await expectError(ctx().as('hr').post(url, [1, 2]), 400, 'invalid_argument');
    expect(notObject.message).toContain('must be object');
    await expectError(ctx().as('hr').post(url, 'a string'), 400, 'invalid_argument');
    await expectError(ctx().as('hr').send('POST', url, '{"key": ', { 'content-type': 'application/json' }), 400, 'invalid_json');
    await expectError(ctx().as('hr').send('POST', url, JSON.stringify(tinyScheme(key)), { 'content-type': 'text/plain' }), 400, 'invalid_json');
    const wrongKey = await expectError(ctx().as('hr').post(url, tinyScheme('another-scheme')), 400, 'invalid_argument');
    expect(wrongKey.details.issues[0].path).toBe('key');
    await expectError(ctx().as('hr').post(url, { ...tinyScheme(key), description: 'x'.repeat(2_100_000) }), 413, 'payload_too_large');
    expect(await snapshot(versionId)).toEqual(before);

    // Published versions cannot be edited, so there is nothing to check against.
    await expectJson(ctx().as('hr').post(`/api/versions/${versionId}/publish`, {}), 200);
    await expectError(ctx().as('hr').post(url, tinyScheme(key)), 409, 'invalid_transition');
  });

  it('is in the API documentation', async () => {
    const doc = await expectJson(ctx().anonymous.get('/api/openapi.json'), 200);
    expect(doc.paths['/api/versions/{id}/check'].post).toMatchObject({ tags: ['versions'], requestBody: { required: true } });
  });
});
