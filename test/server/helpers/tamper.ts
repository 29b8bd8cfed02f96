/**
 * @module tamper
 * Change stored records the way an attacker with the table owner's (or a superuser's) password
 * would: switch the tables' triggers off, rewrite rows with plain SQL, switch them back on, all
 * in one transaction. Tests use it to show that verification still notices.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../../server/db/database.ts';
import type { DB } from '../../../server/db/types.ts';
import { ownerOf } from './databases.ts';

/**
 * Run `work` with every user trigger of `tables` disabled, as the owner of the tables.
 * @example await tamper(database(), ['result_revisions'], (trx) => sql`update result_revisions set total = total + 10`.execute(trx));
 */
export async function tamper(database: Database, tables: readonly string[], work: (trx: Transaction<DB>) => Promise<unknown>): Promise<void> {
  const owner: Kysely<DB> = ownerOf(database).db;
  await owner.transaction().execute(async (trx) => {
    for (const table of tables) await sql`alter table ${sql.table(table)} disable trigger user`.execute(trx);
    await work(trx);
    for (const table of tables) await sql`alter table ${sql.table(table)} enable trigger user`.execute(trx);
  });
}
