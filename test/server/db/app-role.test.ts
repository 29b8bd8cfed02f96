/**
 * Connected as the application role (TEST_DATABASE_APP_URL; `.ci/run` creates it, README
 * "Database roles"), the server cannot get past the append-only guards: it owns no table, is no
 * superuser and has no UPDATE, DELETE or TRUNCATE on the records. PGlite has one superuser, so
 * there the triggers are the only guard (tested in schema.test.ts and audit.test.ts).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/database.ts';
import { currentRole } from '../../../server/db/roles.ts';
import { openTestDatabase, ownerOf } from '../helpers/databases.ts';

const appUrl = process.env.TEST_DATABASE_APP_URL;

// PostgreSQL only (PGlite has no roles); under CI a missing application role fails instead of skipping.
describe.runIf(appUrl || process.env.CI)('the application role [postgres]', () => {
  let database: Database | undefined;
  beforeAll(async () => {
    if (appUrl && process.env.TEST_DATABASE_URL) database = await openTestDatabase('postgres');
  });
  afterAll(async () => {
    await database?.close();
  });

  it('cannot disable triggers, truncate, update or delete records, or turn triggers off for its session', async () => {
    expect(appUrl, 'CI must run PostgreSQL with TEST_DATABASE_APP_URL set (see .ci/run)').toBeTruthy();
    const db = database!.db;
    expect(await currentRole(db)).toBe(decodeURIComponent(new URL(appUrl!).username));
    expect(await currentRole(db)).not.toBe(await currentRole(ownerOf(database!).db));
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
