/**
 * @module services/access/tokens
 * API tokens for scripts and systems that push data. Anyone signed in may create tokens for
 * themselves; the secret is shown once (only its hash is stored, `sessions.ts`). People revoke
 * their own tokens; HR may revoke anyone's (a leaked token, someone leaving).
 *
 * Tokens are created only from a signed-in session, not with another token: a stolen token
 * must not be able to mint replacements that outlive its own revocation.
 */
import type { Kysely } from 'kysely';
import { forgetCachedTokens } from './sessions.ts';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB, Row } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiRecord } from '../api-format.ts';
import { appendAudit } from '../audit/audit.ts';
import { actorOf } from './scope.ts';
import { createApiToken } from './sessions.ts';
import { inTransaction } from '../transaction.ts';

function token(t: Row<'api_tokens'>) {
  return apiRecord(t, ['id', 'user_id', 'name', 'created_at', 'last_used_at', 'revoked_at']);
}

/**
 * Create a token for the signed-in user; `token` is the secret, returned only here.
 * @example await createToken(db, user, 'ticketing sync') // { id: '5', name: 'ticketing sync', token: 'ys_…', … }
 */
export async function createToken(db: Kysely<DB>, user: CurrentUser, name: string) {
  if (user.via !== 'session') throw new YardstickError('forbidden', 'API tokens can only be created while signed in with a password, not with another token.');
  return inTransaction(db, async (trx) => {
    const created = await createApiToken(trx, user.id, name);
    const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
    await appendAudit(trx, { actor: actorOf(user), action: 'token.create', entityType: 'api_token', entityId: row.id, payload: { name, userId: String(user.id) } });
    return { ...token(row), token: created.token };
  });
}

/**
 * The signed-in user's tokens, newest first, revoked ones included (never the secrets).
 * @example await listTokens(db, user) // { items: [{ id: '5', name: 'ticketing sync', revokedAt: null, … }] }
 */
export async function listTokens(db: Kysely<DB>, user: CurrentUser) {
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', user.id).orderBy('id', 'desc').execute();
  return { items: rows.map(token) };
}

/**
 * Revoke a token: own tokens, or anyone's for HR. Revoking a revoked token changes nothing.
 * Someone else's token answers 404 as if it did not exist, so ids reveal nothing.
 * @example await revokeToken(db, user, 5) // { id: '5', revokedAt: '2026-11-21T…' }
 */
export async function revokeToken(db: Kysely<DB>, user: CurrentUser, id: number) {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (row.user_id !== user.id && user.role !== 'hr')) throw new YardstickError('not_found', `No API token with id ${id} among yours.`, { tokenId: String(id) });
  if (row.revoked_at !== null) return token(row);
  const revoked = await inTransaction(db, async (trx) => {
    const updated = await trx.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, { actor: actorOf(user), action: 'token.revoke', entityType: 'api_token', entityId: id, payload: { name: row.name, userId: String(row.user_id) } });
    return token(updated);
  });
  forgetCachedTokens(db);
  return revoked;
}
