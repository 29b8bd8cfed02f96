import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { hashScheme } from '../../../rules/hash.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { refusal } from './refusal.ts';
import { insertDraft, publish, schemeDocument, seedDraft } from './seed.ts';

describeEachDatabase('scheme versions', (database) => {
  it('lets a draft change freely, bumping its revision, and be deleted', async () => {
    const { db } = database();
    const { draft } = await seedDraft(db);
    const edited = { ...schemeDocument('edited'), title: 'Edited' };
    const updated = await db
      .updateTable('scheme_versions')
      .set({ document: edited, content_hash: hashScheme(edited), revision: draft.revision + 1, note: 'wip' })
      .where('id', '=', draft.id)
      .where('revision', '=', draft.revision)
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(updated).toMatchObject({ revision: 2, note: 'wip', document: { title: 'Edited' } });
    await db.deleteFrom('scheme_versions').where('id', '=', draft.id).execute();
    expect(await db.selectFrom('scheme_versions').where('id', '=', draft.id).selectAll().execute()).toEqual([]);
  });

  it('refuses to change the document of a published version', async () => {
    const { db } = database();
    const { draft } = await seedDraft(db);
    const published = await publish(db, draft.id);
    const err = await refusal(db.updateTable('scheme_versions').set({ document: { key: 'x' } }).where('id', '=', published.id).execute());
    expect(err.code).toBe('invalid_transition');
    expect(err.status).toBe(409);
    expect(err.message).toContain('published scheme versions are immutable');
    const again = await db.selectFrom('scheme_versions').selectAll().where('id', '=', published.id).executeTakeFirstOrThrow();
    expect(again).toEqual(published);
  });

  it('refuses any other column change on a published version, even a note or the status back to draft', async () => {
    const { db } = database();
    const { draft } = await seedDraft(db);
    const { id } = await publish(db, draft.id);
    for (const change of [{ note: 'x' }, { content_hash: `sha256:${'0'.repeat(64)}` }, { status: 'draft' as const, published_at: null }, { revision: 9 }, { effective_from: '2027-01-01' }]) {
      const err = await refusal(db.updateTable('scheme_versions').set(change).where('id', '=', id).execute());
      expect(err.message).toContain('published scheme versions are immutable');
    }
  });

  it('allows published → retired with retired_at and effective_to, then refuses everything', async () => {
    const { db } = database();
    const { draft } = await seedDraft(db);
    const { id } = await publish(db, draft.id);
    const retired = await db
      .updateTable('scheme_versions')
      .set({ status: 'retired', retired_at: new Date(), effective_to: '2026-12-31', updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(retired).toMatchObject({ status: 'retired', effective_to: '2026-12-31' });
    const back = await refusal(db.updateTable('scheme_versions').set({ status: 'published', retired_at: null }).where('id', '=', id).execute());
    expect(back.message).toContain('published scheme versions are immutable');
    const edit = await refusal(db.updateTable('scheme_versions').set({ effective_to: '2027-01-31' }).where('id', '=', id).execute());
    expect(edit.code).toBe('invalid_transition');
  });

  it('refuses retiring a published version while also changing its document', async () => {
    const { db } = database();
    const { draft } = await seedDraft(db);
    const { id } = await publish(db, draft.id);
    const err = await refusal(db.updateTable('scheme_versions').set({ status: 'retired', retired_at: new Date(), document: { key: 'sneaky' } }).where('id', '=', id).execute());
    expect(err.message).toContain('published scheme versions are immutable');
  });

  it('refuses deleting a published or retired version', async () => {
    const { db } = database();
    const { draft } = await seedDraft(db);
    const { id } = await publish(db, draft.id);
    const err = await refusal(db.deleteFrom('scheme_versions').where('id', '=', id).execute());
    expect(err.message).toMatch(/published scheme versions are immutable.*cannot be deleted/);
    await db.updateTable('scheme_versions').set({ status: 'retired', retired_at: new Date() }).where('id', '=', id).execute();
    await refusal(db.deleteFrom('scheme_versions').where('id', '=', id).execute());
  });

  it('holds immutability against raw SQL too, not only Kysely', async () => {
    const { db } = database();
    const { draft } = await seedDraft(db);
    const { id } = await publish(db, draft.id);
    const err = await refusal(sql`update scheme_versions set document = '{}' where id = ${id}`.execute(db));
    expect(err.message).toContain('published scheme versions are immutable');
  });

  it('allows at most one draft per scheme', async () => {
    const { db } = database();
    const { schemeId, draft } = await seedDraft(db);
    const err = await refusal(insertDraft(db, schemeId, 2, schemeDocument('second')));
    expect(err.code).toBe('conflict');
    expect(err.details).toMatchObject({ constraint: 'scheme_versions_one_draft' });
    await publish(db, draft.id);
    const next = await insertDraft(db, schemeId, 2, schemeDocument('second'));
    expect(next.status).toBe('draft');
  });

  it('refuses a published version without published_at, and a draft straight to retired', async () => {
    const { db } = database();
    const { draft } = await seedDraft(db);
    const noTime = await refusal(db.updateTable('scheme_versions').set({ status: 'published' }).where('id', '=', draft.id).execute());
    expect(noTime.code).toBe('invalid_input');
    const skip = await refusal(db.updateTable('scheme_versions').set({ status: 'retired', retired_at: new Date() }).where('id', '=', draft.id).execute());
    expect(skip.details).toMatchObject({ constraint: 'scheme_versions_status_times' });
  });

  it('numbers versions uniquely per scheme', async () => {
    const { db } = database();
    const { schemeId, draft } = await seedDraft(db);
    await publish(db, draft.id);
    const err = await refusal(insertDraft(db, schemeId, 1, schemeDocument('dup')));
    expect(err.code).toBe('conflict');
  });
});
