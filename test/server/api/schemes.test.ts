import { expect, it } from 'vitest';
import { hashScheme, type Scheme } from '../../../rules/index.ts';
import { describeEachApp } from '../helpers/app.ts';
import { expectError, expectJson, tinyScheme, uniqueKey } from './schemes-helpers.ts';

describeEachApp('schemes API', (ctx) => {
  const cs = () => String(ctx().fixture.departments.cs);
  const eng = () => String(ctx().fixture.departments.eng);
  const auditCount = async (action: string, key: string) =>
    (await ctx().db.selectFrom('audit_log').select('seq').where('action', '=', action).where('payload', '@>', JSON.stringify({ key }) as never).execute()).length;

  it('creates a library scheme with draft version 1, string ids and an audit entry', async () => {
    const key = uniqueKey('lib');
    const body = await expectJson(ctx().as('hr').post('/api/schemes', { key, title: 'Library scheme', document: tinyScheme(key) }), 201);
    expect(body.scheme).toMatchObject({ key, title: 'Library scheme', departmentId: null, isTemplate: false, clonedFrom: null, hasDraft: true, currentVersion: null });
    expect(body.scheme.id).toMatch(/^\d+$/);
    expect(body.version).toMatchObject({ number: 1, status: 'draft', revision: 1, schemeKey: key, publishedAt: null, contentHash: hashScheme(tinyScheme(key) as unknown as Scheme) });
    expect(body.version.findings.map((f: { code: string }) => f.code)).toContain('kpi_count_advice');
    expect(new Date(body.scheme.createdAt).toISOString()).toBe(body.scheme.createdAt);
    const [entry] = await ctx().db.selectFrom('audit_log').selectAll().where('action', '=', 'scheme.create').where('entity_id', '=', body.scheme.id).execute();
    expect(entry).toMatchObject({ entity_type: 'scheme', actor_label: 'hr', payload: { key, versionId: body.version.id } });
  });

  it('lets a manager create a scheme for their own department only', async () => {
    const own = uniqueKey('cs');
    const created = await expectJson(ctx().as('manager').post('/api/schemes', { key: own, title: 'CS', departmentId: cs(), document: tinyScheme(own) }), 201);
    expect(created.scheme.departmentId).toBe(cs());
    const other = uniqueKey('eng');
    await expectError(ctx().as('manager').post('/api/schemes', { key: other, title: 'Eng', departmentId: eng(), document: tinyScheme(other) }), 403, 'forbidden');
    await expectError(ctx().as('manager').post('/api/schemes', { key: other, title: 'Library', document: tinyScheme(other) }), 403, 'forbidden');
    expect(await ctx().db.selectFrom('schemes').select('id').where('key', '=', other).execute()).toEqual([]);
  });

  it('refuses writes by auditors and any scheme route for employees', async () => {
    const key = uniqueKey('aud');
    await expectError(ctx().as('auditor').post('/api/schemes', { key, title: 'x', document: tinyScheme(key) }), 403, 'forbidden');
    await expectError(ctx().as('employee').get('/api/schemes'), 403, 'forbidden');
    await expectError(ctx().anonymous.get('/api/schemes'), 401, 'unauthenticated');
  });

  it('refuses an invalid document with 400, every issue with its path, and writes nothing', async () => {
    const key = uniqueKey('bad');
    const doc = tinyScheme(key, { indicators: [{ key: 'has.dot', title: 'Bad', score: 1 }], grading: undefined });
    const error = await expectError(ctx().as('hr').post('/api/schemes', { key, title: 'Bad', document: doc }), 400, 'invalid_scheme');
    const paths = error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('indicators[0].key');
    expect(paths).toContain('grading'); // required and missing
    expect(error.message).toMatch(/not a valid scheme/);
    expect(await ctx().db.selectFrom('schemes').select('id').where('key', '=', key).execute()).toEqual([]);
    expect(await auditCount('scheme.create', key)).toBe(0);
  });

  it('refuses a document whose key is not the scheme key, a non-library template and a taken key', async () => {
    const key = uniqueKey('mismatch');
    const mismatch = await expectError(ctx().as('hr').post('/api/schemes', { key, title: 'x', document: tinyScheme('other-key') }), 400, 'invalid_argument');
    expect(mismatch.details.issues[0].path).toBe('key');
    await expectError(ctx().as('hr').post('/api/schemes', { key, title: 'x', departmentId: cs(), isTemplate: true, document: tinyScheme(key, { template: true }) }), 400, 'invalid_argument');
    await expectJson(ctx().as('hr').post('/api/schemes', { key, title: 'x', document: tinyScheme(key) }), 201);
    const taken = await expectError(ctx().as('hr').post('/api/schemes', { key, title: 'again', document: tinyScheme(key) }), 409, 'conflict');
    expect(taken.message).toContain(key);
    await expectError(ctx().as('hr').post('/api/schemes', { key: 'has space', title: 'x', document: tinyScheme('has space') }), 400, 'invalid_argument');
  });

  it("lists HR's library and own departments' schemes for a manager, everything for an auditor", async () => {
    const lib = uniqueKey('list-lib');
    const tpl = uniqueKey('list-tpl');
    const mine = uniqueKey('list-cs');
    const theirs = uniqueKey('list-eng');
    await expectJson(ctx().as('hr').post('/api/schemes', { key: lib, title: 'Lib', document: tinyScheme(lib) }), 201);
    await expectJson(ctx().as('hr').post('/api/schemes', { key: tpl, title: 'Tpl', isTemplate: true, document: tinyScheme(tpl, { template: true }) }), 201);
    await expectJson(ctx().as('hr').post('/api/schemes', { key: mine, title: 'Mine', departmentId: cs(), document: tinyScheme(mine) }), 201);
    await expectJson(ctx().as('hr').post('/api/schemes', { key: theirs, title: 'Theirs', departmentId: eng(), document: tinyScheme(theirs) }), 201);

    const keys = async (who: 'manager' | 'auditor' | 'hr', query = '') => ((await expectJson(ctx().as(who).get(`/api/schemes${query}`), 200)).items as Array<{ key: string }>).map((s) => s.key);
    const manager = await keys('manager');
    expect(manager).toEqual(expect.arrayContaining([lib, tpl, mine]));
    expect(manager).not.toContain(theirs);
    expect(await keys('auditor')).toEqual(expect.arrayContaining([lib, tpl, mine, theirs]));
    const templates = await keys('manager', '?template=true');
    expect(templates).toContain(tpl);
    expect(templates).not.toContain(lib);
    expect(await keys('hr', `?department=${eng()}`)).toEqual([theirs]);
    await expectError(ctx().as('manager').get(`/api/schemes?department=${eng()}`), 403, 'forbidden');
    await expectError(ctx().as('hr').get('/api/schemes?template=yes'), 400, 'invalid_argument');
  });

  it('reads one scheme with its versions; 404 for unknown ids, 403 for another department', async () => {
    const key = uniqueKey('read');
    const { scheme } = await expectJson(ctx().as('hr').post('/api/schemes', { key, title: 'Read', departmentId: eng(), document: tinyScheme(key) }), 201);
    const read = await expectJson(ctx().as('otherManager').get(`/api/schemes/${scheme.id}`), 200);
    expect(read).toMatchObject({ id: scheme.id, key, versions: [{ number: 1, status: 'draft' }], clonedFrom: null });
    expect(read.versions[0]).not.toHaveProperty('document');
    const notFound = await expectError(ctx().as('hr').get('/api/schemes/999999'), 404, 'not_found');
    expect(notFound.message).toContain('999999');
    await expectError(ctx().as('hr').get('/api/schemes/abc'), 404, 'not_found');
    await expectError(ctx().as('manager').get(`/api/schemes/${scheme.id}`), 403, 'forbidden');
    await expectError(ctx().as('manager').get(`/api/schemes/${scheme.id}/versions`), 403, 'forbidden');
  });

  it('starts a new draft from the newest version, only when there is no draft', async () => {
    const key = uniqueKey('drafts');
    const { scheme, version } = await expectJson(ctx().as('manager').post('/api/schemes', { key, title: 'Drafts', departmentId: cs(), document: tinyScheme(key) }), 201);
    const busy = await expectError(ctx().as('manager').post(`/api/schemes/${scheme.id}/versions`), 409, 'invalid_transition');
    expect(busy.message).toContain('already has a draft (version 1)');
    await expectJson(ctx().as('manager').post(`/api/versions/${version.id}/publish`, {}), 200);
    const draft = await expectJson(ctx().as('manager').post(`/api/schemes/${scheme.id}/versions`), 201);
    expect(draft).toMatchObject({ number: 2, status: 'draft', revision: 1, document: tinyScheme(key), contentHash: version.contentHash });
    const list = await expectJson(ctx().as('auditor').get(`/api/schemes/${scheme.id}/versions`), 200);
    expect(list.items.map((v: { number: number; status: string }) => [v.number, v.status])).toEqual([[1, 'published'], [2, 'draft']]);
    const one = await expectJson(ctx().as('hr').get(`/api/schemes/${scheme.id}`), 200);
    expect(one).toMatchObject({ latestVersion: { number: 2 }, currentVersion: { number: 1 }, hasDraft: true });
    await expectError(ctx().as('otherManager').post(`/api/schemes/${scheme.id}/versions`), 403, 'forbidden');
    await expectError(ctx().as('auditor').post(`/api/schemes/${scheme.id}/versions`), 403, 'forbidden');
  });

  it('documents the scheme and version routes in the OpenAPI document', async () => {
    const doc = await expectJson(ctx().anonymous.get('/api/openapi.json'), 200);
    expect(doc.paths['/api/schemes'].post).toMatchObject({ tags: ['schemes'], requestBody: { required: true } });
    expect(doc.paths['/api/schemes'].post.requestBody.content['application/json'].schema.properties.key).toEqual({ $ref: '#/components/schemas/Scheme/$defs/key' });
    expect(doc.paths['/api/versions/{id}'].put.description).toContain('stale_write');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/versions/{id}/preview', '/api/versions/{id}/diff', '/api/templates', '/api/audit/verify', '/api/employees/{id}', '/api/tokens/{id}']));
  });
});
