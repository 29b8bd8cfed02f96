import { expect, it } from 'vitest';
import { describeEachApp } from '../helpers/app.ts';
import { expectError, expectJson, tinyTemplate, uniqueKey } from './schemes-helpers.ts';

describeEachApp('template library and cloning API', (ctx) => {
  const cs = () => String(ctx().fixture.departments.cs);
  const eng = () => String(ctx().fixture.departments.eng);

  /** An HR template with a blank parameter, published as version 1. */
  const publishedTemplate = async () => {
    const key = uniqueKey('tpl');
    const doc = { ...tinyTemplate(key), description: 'Points off per complaint, set by each department.' };
    const body = await expectJson(ctx().as('hr').post('/api/schemes', { key, title: 'Complaints template', isTemplate: true, document: doc }), 201);
    expect(body.scheme.isTemplate).toBe(true);
    const published = await expectJson(ctx().as('hr').post(`/api/versions/${body.version.id}/publish`, {}), 200);
    expect(published.findings).toContainEqual(expect.objectContaining({ severity: 'info', code: 'param_unfilled' }));
    return { key, schemeId: body.scheme.id as string, versionId: body.version.id as string };
  };

  it('lists templates with their current version and description', async () => {
    const tpl = await publishedTemplate();
    const { items } = await expectJson(ctx().as('manager').get('/api/templates'), 200);
    const item = items.find((t: { key: string }) => t.key === tpl.key);
    expect(item).toMatchObject({ id: tpl.schemeId, isTemplate: true, departmentId: null, title: 'Complaints template', description: 'Points off per complaint, set by each department.', currentVersion: { id: tpl.versionId, number: 1, status: 'published' } });
    expect(items.every((t: { isTemplate: boolean }) => t.isTemplate)).toBe(true);
    await expectError(ctx().as('employee').get('/api/templates'), 403, 'forbidden');
  });

  it('clones a template into a department: lineage, key and title replaced, template off, blanks still blank', async () => {
    const tpl = await publishedTemplate();
    const key = uniqueKey('cs-copy');
    const clone = await expectJson(ctx().as('manager').post(`/api/schemes/${tpl.schemeId}/clone`, { key, title: 'CS complaints', departmentId: cs() }), 201);
    expect(clone.scheme).toMatchObject({ key, title: 'CS complaints', departmentId: cs(), isTemplate: false, clonedFrom: { schemeId: tpl.schemeId, schemeKey: tpl.key, versionId: tpl.versionId, versionNumber: 1 } });
    expect(clone.version).toMatchObject({ number: 1, status: 'draft', document: { key, title: 'CS complaints', template: false } });
    expect(clone.version.document.params.per_complaint).not.toHaveProperty('value');
    expect(clone.version.findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'param_unfilled', path: 'params.per_complaint' }));
    expect((await expectJson(ctx().as('auditor').get(`/api/schemes/${clone.scheme.id}`), 200)).clonedFrom).toEqual(clone.scheme.clonedFrom);
    const [entry] = await ctx().db.selectFrom('audit_log').selectAll().where('action', '=', 'scheme.clone').where('entity_id', '=', clone.scheme.id).execute();
    expect(entry!.payload).toMatchObject({ key, from: { schemeKey: tpl.key, versionNumber: 1 } });

    // The blank blocks publishing until the department fills it; then the diff shows what differs from the template.
    const blocked = await expectError(ctx().as('manager').post(`/api/versions/${clone.version.id}/publish`, {}), 422, 'analysis_failed');
    expect(blocked.details.findings).toContainEqual(expect.objectContaining({ code: 'param_unfilled' }));
    const filled = structuredClone(clone.version.document);
    filled.params.per_complaint.value = 4;
    await expectJson(ctx().as('manager').put(`/api/versions/${clone.version.id}`, { document: filled, revision: 1 }), 200);
    await expectJson(ctx().as('manager').post(`/api/versions/${clone.version.id}/publish`, {}), 200);

    const diff = await expectJson(ctx().as('manager').get(`/api/versions/${clone.version.id}/diff?against=${tpl.versionId}`), 200);
    expect(diff.from).toMatchObject({ id: tpl.versionId, number: 1, schemeKey: tpl.key });
    expect(diff.to).toMatchObject({ id: clone.version.id, number: 1, schemeKey: key });
    const paths = diff.changes.map((c: { path: string }) => c.path);
    expect(paths).toEqual(expect.arrayContaining(['key', 'title', 'template', 'params.per_complaint.value']));
    expect(diff.changes.find((c: { path: string }) => c.path === 'params.per_complaint.value')).toMatchObject({ kind: 'added', after: 4 });
  });

  it('clones a chosen published version; refuses drafts, unpublished templates and other departments', async () => {
    const tpl = await publishedTemplate();
    const v2 = await expectJson(ctx().as('hr').post(`/api/schemes/${tpl.schemeId}/versions`), 201);
    await expectError(ctx().as('hr').post(`/api/schemes/${tpl.schemeId}/clone`, { key: uniqueKey('x'), title: 'x', departmentId: cs(), versionId: v2.id }), 409, 'invalid_transition');
    const chosen = await expectJson(ctx().as('hr').post(`/api/schemes/${tpl.schemeId}/clone`, { key: uniqueKey('x'), title: 'x', departmentId: eng(), versionId: tpl.versionId }), 201);
    expect(chosen.scheme.clonedFrom.versionId).toBe(tpl.versionId);
    await expectError(ctx().as('hr').post(`/api/schemes/${tpl.schemeId}/clone`, { key: uniqueKey('x'), title: 'x', departmentId: cs(), versionId: '999999' }), 404, 'not_found');

    const draftOnly = uniqueKey('tpl-draft');
    const unpublished = await expectJson(ctx().as('hr').post('/api/schemes', { key: draftOnly, title: 'Draft template', isTemplate: true, document: tinyTemplate(draftOnly) }), 201);
    const none = await expectError(ctx().as('manager').post(`/api/schemes/${unpublished.scheme.id}/clone`, { key: uniqueKey('x'), title: 'x', departmentId: cs() }), 409, 'invalid_transition');
    expect(none.message).toContain('no published version');

    const key = uniqueKey('eng-copy');
    await expectError(ctx().as('manager').post(`/api/schemes/${tpl.schemeId}/clone`, { key, title: 'x', departmentId: eng() }), 403, 'forbidden');
    await expectError(ctx().as('manager').post(`/api/schemes/${tpl.schemeId}/clone`, { key, title: 'x', departmentId: null }), 403, 'forbidden');
    await expectError(ctx().as('auditor').post(`/api/schemes/${tpl.schemeId}/clone`, { key, title: 'x', departmentId: cs() }), 403, 'forbidden');
    await expectError(ctx().as('hr').post('/api/schemes/999999/clone', { key, title: 'x', departmentId: cs() }), 404, 'not_found');
    await expectError(ctx().as('hr').post(`/api/schemes/${tpl.schemeId}/clone`, { key: tpl.key, title: 'x', departmentId: cs() }), 409, 'conflict');
    expect(await ctx().db.selectFrom('schemes').select('id').where('key', '=', key).execute()).toEqual([]);
  });
});
