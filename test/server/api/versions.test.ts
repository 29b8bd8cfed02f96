import { expect, it } from 'vitest';
import { hashScheme, type Scheme } from '../../../rules/index.ts';
import { toYardstickError } from '../../../server/db/errors.ts';
import { describeEachApp } from '../helpers/app.ts';
import { expectError, expectJson, tinyScheme, uniqueKey } from './schemes-helpers.ts';

describeEachApp('versions API', (ctx) => {
  /** A scheme of customer service (the manager's department) with its draft version 1. */
  const newDraft = async (changes: Record<string, unknown> = {}) => {
    const key = uniqueKey('ver');
    const body = await expectJson(ctx().as('hr').post('/api/schemes', { key, title: 'Versions', departmentId: String(ctx().fixture.departments.cs), document: tinyScheme(key, changes) }), 201);
    return { key, schemeId: body.scheme.id as string, version: body.version as { id: string; revision: number; contentHash: string } };
  };
  const entries = (action: string, id: string) => ctx().db.selectFrom('audit_log').selectAll().where('action', '=', action).where('entity_id', '=', id).execute();

  it('reads a version with its document, hash, revision and findings', async () => {
    const { key, version } = await newDraft();
    const read = await expectJson(ctx().as('auditor').get(`/api/versions/${version.id}`), 200);
    expect(read).toMatchObject({ id: version.id, number: 1, status: 'draft', revision: 1, document: tinyScheme(key), effectiveFrom: null, createdBy: String(ctx().fixture.users.hr), publishedBy: null });
    expect(read.contentHash).toBe(hashScheme(tinyScheme(key) as unknown as Scheme));
    expect(read.findings).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'kpi_count_advice', path: 'weights.default.indicators' }));
    await expectError(ctx().as('hr').get('/api/versions/987654'), 404, 'not_found');
    await expectError(ctx().as('otherManager').get(`/api/versions/${version.id}`), 403, 'forbidden');
  });

  it('saves a draft, bumping the revision and the content hash, with an audit entry', async () => {
    const { key, version } = await newDraft();
    const edited = tinyScheme(key, { title: 'Edited' });
    const saved = await expectJson(ctx().as('manager').put(`/api/versions/${version.id}`, { document: edited, revision: 1 }), 200);
    expect(saved).toMatchObject({ revision: 2, document: { title: 'Edited' }, contentHash: hashScheme(edited as unknown as Scheme) });
    const [entry] = await entries('version.update', version.id);
    expect(entry).toMatchObject({ actor_label: 'manager', payload: { revision: 2, previousContentHash: version.contentHash, contentHash: saved.contentHash } });
  });

  it('saves work in progress that does not validate, returning the issues as findings', async () => {
    const { key, version } = await newDraft();
    const wip = { key, title: 'Half done', indicators: [] };
    const saved = await expectJson(ctx().as('hr').put(`/api/versions/${version.id}`, { document: wip, revision: 1 }), 200);
    expect(saved.revision).toBe(2);
    expect(saved.findings.every((f: { severity: string; code: string }) => f.severity === 'error' && f.code === 'invalid_scheme')).toBe(true);
    expect(saved.findings.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['period', 'inputs']));
    // …but it must still be an object naming this scheme.
    await expectError(ctx().as('hr').put(`/api/versions/${version.id}`, { document: [1], revision: 2 }), 400, 'invalid_argument');
    const wrongKey = await expectError(ctx().as('hr').put(`/api/versions/${version.id}`, { document: { ...wip, key: 'other' }, revision: 2 }), 400, 'invalid_argument');
    expect(wrongKey.details.issues[0].path).toBe('key');
    const tooBig = { ...wip, description: 'x'.repeat(2_100_000) };
    await expectError(ctx().as('hr').put(`/api/versions/${version.id}`, { document: tooBig, revision: 2 }), 413, 'payload_too_large');
    expect((await expectJson(ctx().as('hr').get(`/api/versions/${version.id}`), 200)).revision).toBe(2);
  });

  it('lets the first of two concurrent writers win; the second gets 409 stale_write and changes nothing', async () => {
    const { key, version } = await newDraft();
    const first = tinyScheme(key, { title: 'First writer' });
    const second = tinyScheme(key, { title: 'Second writer' });
    await expectJson(ctx().as('hr').put(`/api/versions/${version.id}`, { document: first, revision: 1 }), 200);
    const stale = await expectError(ctx().as('manager').put(`/api/versions/${version.id}`, { document: second, revision: 1 }), 409, 'stale_write');
    expect(stale.details).toMatchObject({ currentRevision: 2, yourRevision: 1 });
    const row = await ctx().db.selectFrom('scheme_versions').selectAll().where('id', '=', Number(version.id)).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ revision: 2, document: { title: 'First writer' }, content_hash: hashScheme(first as unknown as Scheme) });
    expect(await entries('version.update', version.id)).toHaveLength(1);
  });

  it('refuses to publish a draft with analysis errors (422 with the findings) and leaves it a draft', async () => {
    const { version } = await newDraft({ weights: { default: { indicators: { complaints: 90 } } } });
    const error = await expectError(ctx().as('hr').post(`/api/versions/${version.id}/publish`, {}), 422, 'analysis_failed');
    expect(error.details.findings).toContainEqual(expect.objectContaining({ severity: 'error', code: 'weights_not_100', path: 'weights.default.indicators' }));
    expect(error.message).toContain('sum to 90');
    expect((await expectJson(ctx().as('hr').get(`/api/versions/${version.id}`), 200)).status).toBe('draft');
    expect(await entries('version.publish', version.id)).toEqual([]);
  });

  it('refuses to publish a draft that does not parse, listing the schema issues', async () => {
    const { key, version } = await newDraft();
    await expectJson(ctx().as('hr').put(`/api/versions/${version.id}`, { document: { key, title: 'wip' }, revision: 1 }), 200);
    const error = await expectError(ctx().as('hr').post(`/api/versions/${version.id}/publish`, {}), 422, 'analysis_failed');
    expect(error.details.findings.map((f: { code: string }) => f.code)).toContain('invalid_scheme');
  });

  it('publishes: immutable from then on, in the API and in the database itself', async () => {
    const { key, version } = await newDraft();
    const published = await expectJson(ctx().as('manager').post(`/api/versions/${version.id}/publish`, { effectiveFrom: '2027-01-01', note: 'Q1 rules', revision: 1 }), 200);
    expect(published).toMatchObject({ status: 'published', effectiveFrom: '2027-01-01', note: 'Q1 rules', publishedBy: String(ctx().fixture.users.manager), contentHash: hashScheme(tinyScheme(key) as unknown as Scheme) });
    expect(published.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const [entry] = await entries('version.publish', version.id);
    expect(entry!.payload).toMatchObject({ schemeKey: key, number: 1, contentHash: published.contentHash, effectiveFrom: '2027-01-01' });

    const edit = await expectError(ctx().as('hr').put(`/api/versions/${version.id}`, { document: tinyScheme(key, { title: 'Sneaky' }), revision: 1 }), 409, 'invalid_transition');
    expect(edit.message).toBe(`Version 1 of ${key} is published; published versions cannot be edited. Create a new draft.`);
    await expectError(ctx().as('hr').post(`/api/versions/${version.id}/publish`, {}), 409, 'invalid_transition');

    // The trigger refuses it too, whatever the application code does.
    const refused = await ctx()
      .db.updateTable('scheme_versions')
      .set({ document: tinyScheme(key, { title: 'Sneaky' }) })
      .where('id', '=', Number(version.id))
      .execute()
      .then(() => undefined, (err: unknown) => toYardstickError(err));
    expect(refused?.code).toBe('invalid_transition');
    expect(refused?.message).toContain('published scheme versions are immutable');
    expect((await expectJson(ctx().as('hr').get(`/api/versions/${version.id}`), 200)).document.title).toBe(tinyScheme(key).title);
  });

  it('publishes only the revision that was reviewed, and refuses impossible dates', async () => {
    const { key, version } = await newDraft();
    await expectJson(ctx().as('hr').put(`/api/versions/${version.id}`, { document: tinyScheme(key, { title: 'v2' }), revision: 1 }), 200);
    const stale = await expectError(ctx().as('hr').post(`/api/versions/${version.id}/publish`, { revision: 1 }), 409, 'stale_write');
    expect(stale.details.currentRevision).toBe(2);
    await expectError(ctx().as('hr').post(`/api/versions/${version.id}/publish`, { effectiveFrom: '2027-02-30' }), 400, 'invalid_argument');
    await expectError(ctx().as('hr').post(`/api/versions/${version.id}/publish`, { effectiveFrom: 'tomorrow' }), 400, 'invalid_argument');
  });

  it('retires a published version once; drafts cannot be retired', async () => {
    const { version } = await newDraft();
    await expectError(ctx().as('hr').post(`/api/versions/${version.id}/retire`, {}), 409, 'invalid_transition');
    await expectJson(ctx().as('hr').post(`/api/versions/${version.id}/publish`, { effectiveFrom: '2026-01-01' }), 200);
    await expectError(ctx().as('hr').post(`/api/versions/${version.id}/retire`, { effectiveTo: '2025-12-31' }), 400, 'invalid_argument');
    const retired = await expectJson(ctx().as('manager').post(`/api/versions/${version.id}/retire`, { effectiveTo: '2026-06-30' }), 200);
    expect(retired).toMatchObject({ status: 'retired', effectiveFrom: '2026-01-01', effectiveTo: '2026-06-30' });
    expect(retired.retiredAt).not.toBeNull();
    await expectError(ctx().as('hr').post(`/api/versions/${version.id}/retire`, {}), 409, 'invalid_transition');
    expect(await entries('version.retire', version.id)).toHaveLength(1);
  });

  it('keeps managers to their own departments and auditors to reading', async () => {
    const { key, version } = await newDraft();
    const lib = uniqueKey('ver-lib');
    const library = await expectJson(ctx().as('hr').post('/api/schemes', { key: lib, title: 'Library', document: tinyScheme(lib) }), 201);
    await expectError(ctx().as('otherManager').put(`/api/versions/${version.id}`, { document: tinyScheme(key), revision: 1 }), 403, 'forbidden');
    await expectError(ctx().as('otherManager').post(`/api/versions/${version.id}/publish`, {}), 403, 'forbidden');
    await expectError(ctx().as('auditor').put(`/api/versions/${version.id}`, { document: tinyScheme(key), revision: 1 }), 403, 'forbidden');
    await expectError(ctx().as('auditor').post(`/api/versions/${version.id}/publish`, {}), 403, 'forbidden');
    // The manager reads HR's library but cannot change it.
    await expectJson(ctx().as('manager').get(`/api/versions/${library.version.id}`), 200);
    const libraryEdit = await expectError(ctx().as('manager').put(`/api/versions/${library.version.id}`, { document: tinyScheme(lib), revision: 1 }), 403, 'forbidden');
    expect(libraryEdit.message).toContain('clone it');
    await expectError(ctx().as('employee').get(`/api/versions/${version.id}`), 403, 'forbidden');
    expect((await expectJson(ctx().as('hr').get(`/api/versions/${version.id}`), 200)).revision).toBe(1);
  });
});
