import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { migrateToLatest, pendingMigrations } from '../../../server/db/migrate.ts';
import { migrations } from '../../../server/db/migrations/index.ts';
import { describeEachDatabase } from '../helpers/databases.ts';

const TABLES = [
  'departments', 'positions', 'employees',
  'users', 'user_departments', 'sessions', 'api_tokens', 'login_attempts', 'login_throttle',
  'schemes', 'scheme_versions', 'version_findings',
  'cycles', 'cycle_assignments', 'import_batches', 'inputs', 'input_history',
  'evaluation_jobs', 'result_revisions', 'results' /* a view of the current revisions */, 'appeals',
  'audit_log',
];

describeEachDatabase('migrations', (database) => {
  it('run on an empty database, and a second run changes nothing', async () => {
    const { db } = database();
    const names = Object.keys(migrations).sort();
    expect(await pendingMigrations(db)).toEqual(names);
    expect(await migrateToLatest(db)).toEqual(names);
    expect(await migrateToLatest(db)).toEqual([]);
    expect(await pendingMigrations(db)).toEqual([]);
  });

  it('create every table the Kysely types describe, and nothing else', async () => {
    const { db } = database();
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_name not like 'kysely_%' order by table_name`.execute(db);
    expect(rows.map((r) => r.name)).toEqual([...TABLES].sort());
  });
}, { migrate: false });
