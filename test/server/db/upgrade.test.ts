/**
 * A database made by the previous release (commit 8c3dfc5: demo data with published versions,
 * an evaluated and published cycle, a decided and an open appeal, audit rows; regenerate with
 * test/fixtures/upgrade/make-base-fixture.ts) migrates forward and every record still reads,
 * verifies and reproduces.
 */
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { hashScheme, type Scheme } from '../../../rules/index.ts';
import { migrateToLatest, pendingMigrations } from '../../../server/db/migrate.ts';
import { migrations } from '../../../server/db/migrations/index.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../../server/db/types.ts';
import type { CurrentUser } from '../../../server/http/env.ts';
import { listAppeals } from '../../../server/services/appeals/appeals.ts';
import { verifyAll } from '../../../server/services/audit/audit-verify.ts';
import { reproduceResult } from '../../../server/services/evaluation/reproduce.ts';
import { listResultRevisions } from '../../../server/services/evaluation/result-revisions.ts';
import { getResult } from '../../../server/services/evaluation/results.ts';
import { loadFixture } from '../../fixtures/upgrade/load-fixture.ts';
import { describeEachDatabase } from '../helpers/databases.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/upgrade/base-8c3dfc5.sql.gz');

async function userNamed(db: Kysely<DB>, username: string): Promise<CurrentUser> {
  const u = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  return { id: u.id, username: u.username, displayName: u.display_name, role: u.role, locale: u.locale, departmentIds: [], employeeId: u.employee_id, via: 'token' };
}

describeEachDatabase('upgrade from base-8c3dfc5', (database) => {
  it('loads the old database, which lacks only the new migrations', async () => {
    const { db } = database();
    expect(await loadFixture(db, FIXTURE)).toBeGreaterThan(50);
    // Everything after the release's last migration (008), whatever later ones exist by now.
    expect(await pendingMigrations(db)).toEqual(Object.keys(migrations).sort().filter((m) => m >= '009'));
    expect(await pendingMigrations(db)).toEqual(expect.arrayContaining(['010-result-revisions', '011-decided-appeals']));
  });

  it('keeps every record as it was before migrating', async () => {
    const { db } = database();
    const before = {
      results: await db.selectFrom('results').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      audit: await db.selectFrom('audit_log').select(['seq', 'row_hash']).orderBy('seq').execute(),
    };
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations).sort().filter((m) => m >= '009'));
    const results = await db.selectFrom('results').selectAll().execute();
    // The demo evaluated the 60 employees of its four departments once.
    expect(results).toHaveLength(60);
    expect(Number(before.results.n)).toBe(60);
    expect(results.every((r) => r.revision === 1 && r.result_hash === null)).toBe(true);
    expect(await db.selectFrom('audit_log').select(['seq', 'row_hash']).orderBy('seq').execute()).toEqual(before.audit);
  });

  it('verifies: the audit chain, the evaluation digest over the old results, and the inputs', async () => {
    const { db } = database();
    const verification = await verifyAll(db);
    expect(verification.problems).toEqual([]);
    expect(verification).toMatchObject({ ok: true, checked: { evaluations: 1, superseded: 0, results: 60 } });
    expect(verification.head?.seq).toBe(String(verification.count));
  });

  it('still reads every published version with its content hash', async () => {
    const { db } = database();
    const versions = await db.selectFrom('scheme_versions').select(['id', 'status', 'document', 'content_hash']).where('status', '=', 'published').execute();
    expect(versions.length).toBeGreaterThanOrEqual(4);
    for (const v of versions) expect(hashScheme(v.document as unknown as Scheme)).toBe(v.content_hash);
  });

  it('reads and reproduces every stored result with no difference, and lists it as revision 1', async () => {
    const { db } = database();
    const auditor = await userNamed(db, 'auditor');
    const rows = await db.selectFrom('results').select(['cycle_id', 'employee_id', 'total']).orderBy('employee_id').execute();
    for (const r of rows) {
      const read = await getResult(db, auditor, r.cycle_id, r.employee_id);
      expect(read.total).toBe(r.total);
      expect(read.inputsChanged).toBe(false);
      const again = await reproduceResult(db, auditor, r.cycle_id, r.employee_id);
      expect(again.differences).toEqual([]);
    }
    const history = await listResultRevisions(db, auditor, rows[0]!.cycle_id, rows[0]!.employee_id);
    expect(history.items.map((i) => [i.revision, i.current, i.removed, i.startedBy])).toEqual([[1, true, false, 'hr']]);
  });

  it('keeps both appeals, and the decided one can no longer change', async () => {
    const { db } = database();
    const hr = await userNamed(db, 'hr');
    const { items } = await listAppeals(db, hr, {});
    expect(items.map((a: { status: string }) => a.status).sort()).toEqual(['filed', 'rejected']);
    const decided = items.find((a: { status: string }) => a.status === 'rejected')!;
    await expect(db.updateTable('appeals').set({ status: 'accepted' }).where('id', '=', Number(decided.id)).execute()).rejects.toThrow(/a decided appeal cannot be changed/);
  });
}, { migrate: false });
