/**
 * @module open-configured
 * Open the database the configuration names and bring it to the latest schema: with
 * `DATABASE_OWNER_URL` set, the owner migrates and grants the application role (see `roles.ts`)
 * and the returned connection is the application role's; otherwise the one connection migrates
 * itself (the embedded database, or a PostgreSQL set-up with a single role).
 */
import type { ServerConfig } from '../config.ts';
import { openDatabase, type Database } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { currentRole, grantApplicationRole } from './roles.ts';

/**
 * Open and migrate; returns the open database and the migrations applied now.
 * @example const { database, applied } = await openConfigured(readConfig());
 */
export async function openConfigured(config: Pick<ServerConfig, 'databaseUrl' | 'databaseOwnerUrl' | 'dataDir'>): Promise<{ database: Database; applied: string[] }> {
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    if (!config.databaseOwnerUrl) return { database, applied: await migrateToLatest(database.db) };
    const owner = await openDatabase({ url: config.databaseOwnerUrl, maxConnections: 1 });
    try {
      const applied = await migrateToLatest(owner.db);
      await grantApplicationRole(owner.db, await currentRole(database.db));
      return { database, applied };
    } finally {
      await owner.close();
    }
  } catch (err) {
    await database.close();
    throw err;
  }
}
