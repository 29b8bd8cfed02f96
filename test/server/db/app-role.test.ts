/**
 * Connected as the application role (TEST_DATABASE_APP_URL; `.ci/run` creates it, README
 * "Database roles"), the server cannot get past the append-only guards: it owns no table, is no
 * superuser and has no UPDATE, DELETE or TRUNCATE on the records. PGlite has one superuser, so
 * there the triggers are the only guard (tested in schema.test.ts and audit.test.ts).
 */
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { currentRole } from '../../../server/db/roles.ts';
import { describeEachDatabase, ownerOf } from '../helpers/databases.ts';

const appUrl = process.env.TEST_DATABASE_APP_URL;

describeEachDatabase('the application role', (database) => {
  it.runIf(appUrl || process.env.CI)('cannot disable triggers, truncate, update or delete records, or turn triggers off for its session', async (context) => {
    const { db, kind } = database();
    if (kind === 'pglite') return context.skip();
    expect(appUrl, 'CI must run PostgreSQL with TEST_DATABASE_APP_URL set (see .ci/run)').toBeTruthy();
    expect(await currentRole(db)).toBe(decodeURIComponent(new URL(appUrl!).username));
    expect(await currentRole(db)).not.toBe(await currentRole(ownerOf(database()).db));
    const refused: Array<[string, string]> = [];
    for (const statement of [
      'alter table result_revisions disable trigger all',
      'alter table audit_log disable trigger user',
      'alter table appeals disable trigger appeals_decided_final',
      'truncate result_revisions',
      'truncate audit_log',
      'truncate input_history',
      'update result_revisions set total = total + 10',
      'update results set total = total + 10',
      'delete from result_revisions',
      'delete from audit_log',
      'update input_history set new_value = null',
      'set session_replication_role = replica',
      'create table sneaky (id int)',
      'drop view results',
    ]) {
      const err = await sql.raw(statement).execute(db).then(() => null, (e: unknown) => e as { code?: string });
      refused.push([statement, err?.code ?? 'accepted']);
    }
    // 42501 insufficient_privilege for every one: nothing was accepted, and no trigger was even needed.
    expect(refused).toEqual(refused.map(([statement]) => [statement, '42501']));
    // What the server does need still works.
    expect((await db.selectFrom('results').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n).toBeDefined();
  });
});
