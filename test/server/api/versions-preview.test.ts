import { expect, it } from 'vitest';
import { describeEachApp } from '../helpers/app.ts';
import { expectError, expectJson, tinyScheme, uniqueKey } from './schemes-helpers.ts';

describeEachApp('version preview and diff API', (ctx) => {
  const newVersion = async (department: 'cs' | 'eng' = 'cs') => {
    const key = uniqueKey('preview');
    const body = await expectJson(ctx().as('hr').post('/api/schemes', { key, title: 'Preview', departmentId: String(ctx().fixture.departments[department]), document: tinyScheme(key) }), 201);
    return { key, schemeId: body.scheme.id as string, versionId: body.version.id as string };
  };

  it('evaluates one employee with an explanation, and saves nothing', async () => {
    const { versionId } = await newVersion();
    const before = await ctx().db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const result = await expectJson(ctx().as('manager').post(`/api/versions/${versionId}/preview`, { employees: [{ id: 'E001', position: 'agent', inputs: { complaints: 1 } }] }), 200);
    expect(result).toMatchObject({ employeeId: 'E001', total: 95, grade: 'A' });
    expect(result.indicators[0]).toMatchObject({ key: 'complaints', status: 'ok', score: 95 });
    const after = await ctx().db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('evaluates a population with ranks', async () => {
    const { versionId } = await newVersion();
    const employees = [0, 1, 4].map((complaints, i) => ({ id: `E${i}`, inputs: { complaints } }));
    const result = await expectJson(ctx().as('auditor').post(`/api/versions/${versionId}/preview`, { employees }), 200);
    expect(result.employees.map((e: { employeeId: string; grade: string }) => [e.employeeId, e.grade])).toEqual([['E0', 'A'], ['E1', 'A'], ['E2', 'B']]);
  });

  it('follows draft edits (the compiled-scheme cache is keyed by content)', async () => {
    const { key, versionId } = await newVersion();
    const one = { employees: [{ id: 'E1', inputs: { complaints: 1 } }] };
    expect((await expectJson(ctx().as('hr').post(`/api/versions/${versionId}/preview`, one), 200)).total).toBe(95);
    const harsher = tinyScheme(key);
    (harsher.indicators as Array<{ score: unknown }>)[0]!.score = { max: [0, { '-': [100, { '*': [20, { var: 'inputs.complaints' }] }] }] };
    await expectJson(ctx().as('hr').put(`/api/versions/${versionId}`, { document: harsher, revision: 1 }), 200);
    expect((await expectJson(ctx().as('hr').post(`/api/versions/${versionId}/preview`, one), 200)).total).toBe(80);
  });

  it('answers 400 with the issues for a draft that does not parse, and validates the request', async () => {
    const { key, versionId } = await newVersion();
    await expectJson(ctx().as('hr').put(`/api/versions/${versionId}`, { document: { key, title: 'wip' }, revision: 1 }), 200);
    const error = await expectError(ctx().as('hr').post(`/api/versions/${versionId}/preview`, { employees: [{ id: 'E1', inputs: {} }] }), 400, 'invalid_scheme');
    expect(error.details.issues.map((i: { path: string }) => i.path)).toContain('period');
    await expectError(ctx().as('hr').post(`/api/versions/${versionId}/preview`, { employees: [] }), 400, 'invalid_argument');
    await expectError(ctx().as('hr').post(`/api/versions/${versionId}/preview`, { employees: [{ id: 'E1' }] }), 400, 'invalid_argument');
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ id: `E${i}`, inputs: {} }));
    await expectError(ctx().as('hr').post(`/api/versions/${versionId}/preview`, { employees: tooMany }), 400, 'invalid_argument');
  });

  it('keeps preview to readable versions', async () => {
    const { versionId } = await newVersion('eng');
    const body = { employees: [{ id: 'E1', inputs: { complaints: 0 } }] };
    await expectError(ctx().as('manager').post(`/api/versions/${versionId}/preview`, body), 403, 'forbidden');
    await expectError(ctx().as('employee').post(`/api/versions/${versionId}/preview`, body), 403, 'forbidden');
    await expectError(ctx().as('hr').post('/api/versions/999999/preview', body), 404, 'not_found');
  });

  it('answers a diff with a draft that does not parse like the preview: 400 naming the version, with every issue', async () => {
    const { key, versionId } = await newVersion();
    await expectJson(ctx().as('hr').put(`/api/versions/${versionId}`, { document: { key, title: 'wip' }, revision: 1 }), 200);
    const error = await expectError(ctx().as('hr').get(`/api/versions/${versionId}/diff?against=${versionId}`), 400, 'invalid_scheme');
    expect(error.message).toMatch(new RegExp(`^Version 1 of ${key} is not a valid scheme: `));
    expect(error.details.versionId).toBe(versionId);
    expect(error.details.issues.map((i: { path: string }) => i.path)).toEqual(['period', 'inputs', 'indicators', 'weights', 'grading']);
  });

  it('diffs two versions of a scheme in readable words', async () => {
    const { key, schemeId, versionId } = await newVersion();
    await expectJson(ctx().as('hr').post(`/api/versions/${versionId}/publish`, {}), 200);
    const v2 = await expectJson(ctx().as('hr').post(`/api/schemes/${schemeId}/versions`), 201);
    const changed = tinyScheme(key, { title: 'Customer service — v2', grading: { grades: [{ key: 'A' }, { key: 'B' }], bands: [{ grade: 'A', min: 85 }, { grade: 'B', max: 85 }] } });
    await expectJson(ctx().as('hr').put(`/api/versions/${v2.id}`, { document: changed, revision: 1 }), 200);
    const diff = await expectJson(ctx().as('auditor').get(`/api/versions/${v2.id}/diff?against=${versionId}`), 200);
    expect(diff.from).toMatchObject({ id: versionId, number: 1 });
    expect(diff.to).toMatchObject({ id: v2.id, number: 2 });
    const texts = diff.changes.map((c: { text: string }) => c.text);
    expect(texts.some((t: string) => t.includes('Customer service — v2'))).toBe(true);
    expect(texts.some((t: string) => /band "A"/.test(t) && t.includes('85'))).toBe(true);
    expect((await expectJson(ctx().as('hr').get(`/api/versions/${versionId}/diff?against=${versionId}`), 200)).changes).toEqual([]);
    await expectError(ctx().as('hr').get(`/api/versions/${v2.id}/diff`), 400, 'invalid_argument');
    await expectError(ctx().as('hr').get(`/api/versions/${v2.id}/diff?against=999999`), 404, 'not_found');
    const other = await newVersion('eng');
    await expectError(ctx().as('manager').get(`/api/versions/${v2.id}/diff?against=${other.versionId}`), 403, 'forbidden');
  });
});
