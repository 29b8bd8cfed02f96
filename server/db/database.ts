/**
 * @module database
 * Open Yardstick's database: PostgreSQL when given a URL (many server instances can share it),
 * otherwise the embedded PGlite, either in a data folder (locked, see `lock.ts`) or in memory
 * (tests). Both speak the same SQL through Kysely and return the same JavaScript types
 * (see `type-parsers.ts`), so every query and migration runs unchanged on either.
 *
 * Opening does not migrate; call `migrateToLatest(database.db)` next (see `migrate.ts`).
 */
import { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { PostgresJSDialect } from 'kysely-postgres-js';
import postgres from 'postgres';
import { YardstickError } from '../../rules/errors.ts';
import { acquireDataDirLock, type DataDirLock } from './lock.ts';
import { pgliteParsers, pgliteSerializers, postgresJsTypes } from './type-parsers.ts';
import type { DB } from './types.ts';

/** Where the data lives. Exactly one of `url`, `dataDir` or `memory` is used, in that order. */
export interface OpenDatabaseOptions {
  /** `postgres://user:password@host:port/database`; query parameters such as `search_path` become connection settings. */
  url?: string;
  /** A folder for the embedded PGlite database, created if missing and locked while open. */
  dataDir?: string;
  /** An embedded in-memory database that vanishes on close (tests, demos). */
  memory?: boolean;
  /** PostgreSQL pool size (default 10). */
  maxConnections?: number;
}

/** An open database. `close()` is idempotent and releases the data-folder lock. */
export interface Database {
  readonly db: Kysely<DB>;
  readonly kind: 'pglite' | 'postgres';
  close(): Promise<void>;
}

/**
 * Open the database described by `options`.
 * @example
 * const database = await openDatabase({ url: process.env.DATABASE_URL });   // PostgreSQL
 * const embedded = await openDatabase({ dataDir: '.data' });              // PGlite in a folder
 * const scratch = await openDatabase({ memory: true });                    // PGlite in memory
 * await migrateToLatest(scratch.db);
 * await scratch.close();
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 10);
  if (options.dataDir) return openPglite(options.dataDir);
  if (options.memory) return openPglite(undefined);
  throw new YardstickError('invalid_argument', 'openDatabase needs a PostgreSQL url, a dataDir for the embedded database, or memory: true.');
}

function openPostgres(url: string, max: number): Database {
  const client = postgres(url, {
    max,
    onnotice: () => {}, // "relation already exists, skipping" and the like are not worth a log line
    types: postgresJsTypes,
  });
  // Kysely's destroy() calls end() without a timeout, which never returns if a transaction is
  // still running (e.g. shutdown during a request): give in-flight work 5 s, then close anyway.
  const pool = { reserve: () => client.reserve(), end: () => client.end({ timeout: 5 }) };
  const db = new Kysely<DB>({ dialect: new PostgresJSDialect({ postgres: () => pool }) });
  return { db, kind: 'postgres', close: once(() => db.destroy()) };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  // Lock before PGlite touches the folder: a second process must fail before it can corrupt it.
  const lock: DataDirLock | undefined = dataDir === undefined ? undefined : await acquireDataDirLock(dataDir);
  try {
    const client = await PGlite.create({
      ...(lock ? { dataDir: lock.dataDir } : {}),
      parsers: pgliteParsers,
      serializers: pgliteSerializers,
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect(client) });
    return {
      db,
      kind: 'pglite',
      close: once(async () => {
        try {
          await db.destroy(); // closes PGlite, which flushes the folder
        } finally {
          await lock?.release();
        }
      }),
    };
  } catch (err) {
    await lock?.release();
    throw err;
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}
