/**
 * A published version's findings are computed once, at publish, and stored keyed by the
 * document's content hash (migration 013); reads serve the stored row instead of parsing and
 * analysing the immutable document again.
 */
import { expect, it } from 'vitest';
import { json } from '../../../server/db/json.ts';
import { describeEachApp } from '../helpers/app.ts';
import { tamper } from '../helpers/tamper.ts';
import { expectJson, tinyScheme, uniqueKey } from './schemes-helpers.ts';

describeEachApp('stored findings of published versions', (ctx) => {
  const publishedVersion = async () => {
    const key = uniqueKey('findings');
    const created = await expectJson(ctx().as('hr').post('/api/schemes', { key, title: 'Findings', departmentId: String(ctx().fixture.departments.cs), document: tinyScheme(key) }), 201);
    const published = await expectJson(ctx().as('hr').post(`/api/versions/${created.version.id}/publish`, {}), 200);
    return { key, published };
  };
  const storedRow = (hash: string) => ctx().db.selectFrom('version_findings').selectAll().where('content_hash', '=', hash).executeTakeFirst();


  it('refuses to change or delete stored findings', async () => {
    const { published } = await publishedVersion();
    await expect(ctx().db.updateTable('version_findings').set({ findings: json([]) } as never).where('content_hash', '=', published.contentHash).execute()).rejects.toThrow();
    await expect(ctx().db.deleteFrom('version_findings').where('content_hash', '=', published.contentHash).execute()).rejects.toThrow();
    expect((await storedRow(published.contentHash))?.findings).toEqual(published.findings);
  });

  it('stores the findings at publish, keyed by the content hash, and serves exactly them', async () => {
    const { published } = await publishedVersion();
    // tinyScheme has one indicator, so the analyzer advises on the KPI count (a warning, not an error).
    expect(published.findings).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'kpi_count_advice' }));
    const row = await storedRow(published.contentHash);
    expect(row?.findings).toEqual(published.findings);
    const read = await expectJson(ctx().as('auditor').get(`/api/versions/${published.id}`), 200);
    expect(read.findings).toEqual(published.findings);
  });

  it('reads a published or retired version from the stored row, not by analysing the document again', async () => {
    const { published } = await publishedVersion();
    // A finding the analyzer could never produce for this document: if reads re-analysed, it would not come back.
    const marker = { severity: 'info', code: 'kpi_count_advice', pointer: '/title', path: 'title', message: 'stored at publish' };
    await tamper(ctx().database, ['version_findings'], (trx) => trx.updateTable('version_findings').set({ findings: json([marker]) } as never).where('content_hash', '=', published.contentHash).execute());
    expect((await expectJson(ctx().as('auditor').get(`/api/versions/${published.id}`), 200)).findings).toEqual([marker]);
    const retired = await expectJson(ctx().as('hr').post(`/api/versions/${published.id}/retire`, {}), 200);
    expect(retired.findings).toEqual([marker]);
  });

  it('computes and stores the row once for a version published before findings were stored', async () => {
    const { published } = await publishedVersion();
    await tamper(ctx().database, ['version_findings'], (trx) => trx.deleteFrom('version_findings').where('content_hash', '=', published.contentHash).execute());
    const read = await expectJson(ctx().as('auditor').get(`/api/versions/${published.id}`), 200);
    expect(read.findings).toEqual(published.findings);
    expect((await storedRow(published.contentHash))?.findings).toEqual(published.findings);
  });
});
