/**
 * @module db
 * Yardstick's storage layer: open a database (PGlite or PostgreSQL), migrate it, and the types
 * and helpers every query uses.
 * @example
 * import { openDatabase, migrateToLatest } from './server/db/index.ts';
 * const database = await openDatabase({ dataDir: '.data' });
 * await migrateToLatest(database.db);
 * const count = await database.db.selectFrom('employees').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
 */
export { openDatabase, type Database, type OpenDatabaseOptions } from './database.ts';
export { migrateToLatest, pendingMigrations } from './migrate.ts';
export { acquireDataDirLock, isDataDirLocked, dataDirLockOwner, LOCK_FILE_NAME, type DataDirLock, type LockOwner } from './lock.ts';
export { json, jsonText } from './json.ts';
export { toYardstickError, sqlState, SQLSTATE } from './errors.ts';
export { GENESIS_HASH, auditPayloadHash, auditRowHash, auditRowText, type ChainedFields } from './audit-chain.ts';
export type * from './types.ts';
