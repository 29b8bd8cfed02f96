/**
 * @module run-sql
 * Migrations are plain SQL, one statement per string, valid on PostgreSQL 15 (the oldest server
 * we support) and therefore on PGlite (PostgreSQL 18). One statement per call because PGlite's
 * driver uses the extended protocol, which refuses several commands in one query.
 */
import { type Kysely, sql } from 'kysely';

/**
 * Run DDL statements in order, inside the migration's transaction.
 * @example
 * await runSql(db, ['create table t (id bigint primary key)', 'create index t_id on t (id)']);
 */
export async function runSql(db: Kysely<unknown>, statements: readonly string[]): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
