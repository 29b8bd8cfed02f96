/**
 * @module services/transaction
 * Run a change in one transaction and turn the database's refusals into API errors: a unique
 * key taken becomes 409 `conflict`, a trigger protecting published scheme versions 409
 * `invalid_transition`, and so on (`server/db/errors.ts`). The HTTP error handler only knows a
 * few SQLSTATEs, so services map them here, where the change is made.
 */
import type { Kysely, Transaction } from 'kysely';
import { toYardstickError, sqlState } from '../db/errors.ts';
import type { DB } from '../db/types.ts';

/**
 * Run `work` in a transaction; everything it wrote is rolled back if it throws.
 * Unrecognised database errors are rethrown untouched, so the error handler logs them and
 * answers with a 500 that does not reveal the database's message.
 * @example
 * const scheme = await inTransaction(db, async (trx) => {
 *   const row = await trx.insertInto('schemes').values({ key, title }).returningAll().executeTakeFirstOrThrow();
 *   await appendAudit(trx, { … });
 *   return row;
 * });
 */
export async function inTransaction<T>(db: Kysely<DB>, work: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (err) {
    if (sqlState(err) === undefined) throw err;
    const mapped = toYardstickError(err);
    throw mapped.code === 'internal' ? err : mapped;
  }
}
