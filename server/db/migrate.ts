/**
 * @module migrate
 * Bring a database up to the latest schema with Kysely's `Migrator`, the same on PGlite and
 * PostgreSQL. Each migration runs in its own transaction, and Kysely holds a PostgreSQL advisory
 * lock meanwhile, so several servers starting at once migrate once. Running it again is a no-op.
 */
import { type Kysely, type MigrationResult, Migrator, sql } from 'kysely';
import { YardstickError } from '../../rules/errors.ts';
import { migrations } from './migrations/index.ts';

/**
 * Apply every pending migration; returns the names applied now (empty when up to date).
 * Fails with `YardstickError('internal')` naming the migration that failed; that migration's
 * changes are rolled back.
 * @example
 * const database = await openDatabase({ dataDir: '.data' });
 * await migrateToLatest(database.db); // ['001-organisation', …] the first time, [] afterwards
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const { error, results = [] } = await migrator(db, await currentSchema(db)).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const failure = new YardstickError('internal', `Database migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { migration: failed });
    Object.defineProperty(failure, 'cause', { value: error });
    throw failure;
  }
  return results.filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Names of migrations that have not run yet.
 * @example
 * await pendingMigrations(db) // ['007-audit-log']
 */
export async function pendingMigrations(db: Kysely<any>): Promise<string[]> {
  const all = await migrator(db, await currentSchema(db)).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

function migrator(db: Kysely<any>, schema: string): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => ({ ...migrations }) },
    // Pin Kysely's bookkeeping tables to the schema the tables go into. Without it Kysely finds
    // a `kysely_migration` table in *any* schema and skips creating its own, which breaks when
    // several Yardstick schemas share one database (the PostgreSQL test suite does).
    migrationTableSchema: schema,
  });
}

async function currentSchema(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new YardstickError('internal', 'The database has no current schema: check search_path.');
  return schema;
}
