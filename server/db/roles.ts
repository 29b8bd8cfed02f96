/**
 * @module roles
 * The two PostgreSQL roles of a production set-up (see the README, "Database roles"):
 *
 * - the **owner** (`DATABASE_OWNER_URL`) owns every table and runs the migrations, nothing else;
 * - the **application role** (`DATABASE_URL`) is what the server works as. It owns no table, so it
 *   cannot `ALTER TABLE … DISABLE TRIGGER`, `TRUNCATE` or drop anything, and, not being a
 *   superuser, cannot `SET session_replication_role = replica` either. The append-only triggers
 *   therefore hold for everything the server (or anyone with its password) does.
 *
 * `grantApplicationRole` runs as the owner after every migration, so tables added by later
 * migrations are granted too. The append-only tables get no UPDATE or DELETE at all; `audit_log`
 * keeps UPDATE only because `LOCK TABLE … IN EXCLUSIVE MODE` requires it (its trigger refuses
 * the update itself). PGlite has a single superuser: there the triggers are the only guard.
 */
import { sql, type Kysely } from 'kysely';
import { YardstickError } from '../../rules/errors.ts';

/** Tables the application may read and add to, never change. */
const APPEND_ONLY = ['result_revisions', 'input_history', 'version_findings'] as const;
/** Read only for the application: the migration bookkeeping and the `results` view. */
const READ_ONLY = ['kysely_migration', 'kysely_migration_lock', 'results'] as const;

/**
 * Give `role` what the server needs on the current schema, and no more. Idempotent.
 * @example await grantApplicationRole(owner.db, 'yardstick_app');
 */
export async function grantApplicationRole(db: Kysely<any>, role: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_$]{0,62}$/.test(role)) throw new YardstickError('invalid_argument', `The application role name "${role}" must be a plain lowercase PostgreSQL identifier.`);
  const { rows } = await sql<{ schema: string; owner: string }>`select current_schema() as schema, current_user as owner`.execute(db);
  const { schema, owner } = rows[0]!;
  if (role === owner) throw new YardstickError('invalid_argument', `DATABASE_URL and DATABASE_OWNER_URL both connect as "${role}": the application role must be a different role that owns no table.`);
  const s = sql.id(schema);
  const r = sql.id(role);
  await db.transaction().execute(async (trx) => {
    await sql`grant usage on schema ${s} to ${r}`.execute(trx);
    await sql`revoke create on schema ${s} from ${r}`.execute(trx);
    await sql`grant select, insert, update, delete on all tables in schema ${s} to ${r}`.execute(trx);
    await sql`revoke truncate, references, trigger on all tables in schema ${s} from ${r}`.execute(trx);
    await sql`grant usage, select on all sequences in schema ${s} to ${r}`.execute(trx);
    for (const table of APPEND_ONLY) await sql`revoke update, delete on ${sql.table(`${schema}.${table}`)} from ${r}`.execute(trx);
    await sql`revoke delete on ${sql.table(`${schema}.audit_log`)} from ${r}`.execute(trx);
    for (const table of READ_ONLY) await sql`revoke insert, update, delete on ${sql.table(`${schema}.${table}`)} from ${r}`.execute(trx);
  });
}

/**
 * The role a connection works as.
 * @example await currentRole(app.db) // 'yardstick_app'
 */
export async function currentRole(db: Kysely<any>): Promise<string> {
  const { rows } = await sql<{ role: string }>`select current_user as role`.execute(db);
  return rows[0]!.role;
}
