/**
 * @module databases
 * Run a test suite on every database Yardstick supports, like Kysely's own tests do (no mocks).
 *
 * - **PGlite**: always; one in-memory instance per `describeEachDatabase` call, opened in
 *   `beforeAll` (an instance costs ~2.5 s and ~750 MB, so never one per test).
 * - **PostgreSQL**: when `TEST_DATABASE_URL` is set. Each call gets its own freshly created
 *   schema (`search_path` set on every pooled connection) that is dropped afterwards, so test
 *   files running in parallel never see each other's rows.
 *   Without the variable the PostgreSQL suites are reported as skipped, except under `CI`,
 *   where they fail: CI must not pass while silently testing one database only.
 * - **Two roles** (as in production, README "Database roles"), when set:
 *   `TEST_DATABASE_OWNER_URL` owns the schema and runs the migrations; `TEST_DATABASE_APP_URL`
 *   is the application role the suite then works as (granted by `grantApplicationRole`).
 *   `TEST_DATABASE_URL` stays the administrator that creates and drops the schemas. Suites that
 *   migrate themselves (`migrate: false`) get the owner's connection. `ownerOf(database)` gives
 *   the owner's connection (the same one on PGlite, whose single user owns everything).
 *
 * @example
 * describeEachDatabase('scheme versions', (database) => {
 *   it('counts', async () => {
 *     const { db } = database();
 *     const row = await db.selectFrom('schemes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
 *     expect(row.n).toBe(0);
 *   });
 * });
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { type Database, openDatabase } from '../../../server/db/database.ts';
import { migrateToLatest } from '../../../server/db/migrate.ts';
import { grantApplicationRole } from '../../../server/db/roles.ts';

export type DatabaseKind = Database['kind'];

export interface EachDatabaseOptions {
  /** Run the migrations before the suite (default true). */
  migrate?: boolean;
}

/** Returns the suite's open database; call it inside tests and hooks, not while collecting. */
export type UseDatabase = () => Database;

/**
 * Declare `suite` once per database kind, as `"<name> [pglite]"` and `"<name> [postgres]"`.
 * @example
 * describeEachDatabase('audit log', (database) => { it('…', async () => { const { db, kind } = database(); … }); });
 */
export function describeEachDatabase(name: string, suite: (database: UseDatabase) => void, options: EachDatabaseOptions = {}): void {
  describe(`${name} [pglite]`, () => suite(useDatabase('pglite', options)));
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    describe(`${name} [postgres]`, () => suite(useDatabase('postgres', options)));
  } else if (process.env.CI) {
    describe(`${name} [postgres]`, () => {
      it('has a PostgreSQL server to run on', () => {
        throw new Error('CI is set but TEST_DATABASE_URL is not: the PostgreSQL half of the suite cannot run. Start PostgreSQL (see stack.md section 4) and export TEST_DATABASE_URL=postgres://…');
      });
    });
  } else {
    describe.skip(`${name} [postgres] (set TEST_DATABASE_URL to run)`, () => suite(notOpen));
  }
}

/**
 * Open a fresh, isolated test database of the given kind; `close()` also removes it.
 * @example
 * const database = await openTestDatabase('pglite');
 * try { … } finally { await database.close(); }
 */
export async function openTestDatabase(kind: DatabaseKind, options: EachDatabaseOptions = {}): Promise<Database> {
  if (kind === 'postgres') return openPostgresSchema(options.migrate !== false);
  const database = await openDatabase({ memory: true });
  if (options.migrate !== false) await migrateToLatest(database.db);
  return database;
}

const owners = new WeakMap<Database, Database>();

/**
 * The connection of the tables' owner for a test database (an attacker with the owner's password).
 * @example await sql`alter table result_revisions disable trigger user`.execute(ownerOf(database()).db);
 */
export function ownerOf(database: Database): Database {
  return owners.get(database) ?? database;
}

function useDatabase(kind: DatabaseKind, options: EachDatabaseOptions): UseDatabase {
  let database: Database | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(kind, options);
  });
  afterAll(async () => {
    await database?.close();
  });
  return () => {
    if (database === undefined) throw new Error('The test database is not open yet: call database() inside a test or hook.');
    return database;
  };
}

function notOpen(): Database {
  throw new Error('This suite is skipped: set TEST_DATABASE_URL to run it on PostgreSQL.');
}

/** A new schema in the TEST_DATABASE_URL database, used as search_path and dropped on close. */
async function openPostgresSchema(migrate: boolean): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL!;
  const ownerUrl = process.env.TEST_DATABASE_OWNER_URL || url;
  const appUrl = process.env.TEST_DATABASE_APP_URL || undefined;
  const schema = `ys_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const ownerRole = decodeURIComponent(new URL(ownerUrl).username);
  await withAdmin(url, (sql) => sql.unsafe(`create schema "${schema}" authorization "${ownerRole}"`));
  // postgres.js sends unknown URL parameters as connection settings, so every pooled connection gets it.
  const scoped = (base: string) => {
    const u = new URL(base);
    u.searchParams.set('search_path', schema);
    return u.toString();
  };
  const owner = await openDatabase({ url: scoped(ownerUrl), maxConnections: 5 });
  const drop = async () => withAdmin(url, (sql) => sql.unsafe(`drop schema "${schema}" cascade`));
  if (migrate) await migrateToLatest(owner.db);
  if (!appUrl || !migrate) return { ...owner, close: async () => { await owner.close(); await drop(); } };
  await grantApplicationRole(owner.db, decodeURIComponent(new URL(appUrl).username));
  const app = await openDatabase({ url: scoped(appUrl), maxConnections: 5 });
  const database: Database = {
    ...app,
    close: async () => {
      await app.close();
      await owner.close();
      await drop();
    },
  };
  owners.set(database, owner);
  return database;
}

async function withAdmin(url: string, work: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await work(sql);
  } finally {
    await sql.end();
  }
}
