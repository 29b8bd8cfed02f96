/**
 * @module audit
 * The tamper-evident audit log: append inside the transaction that makes the change, verify
 * the whole chain, list entries for the auditor view.
 *
 * ## The hash chain (recompute it yourself)
 * Every row stores `payload_hash`, `prev_hash` and `row_hash`, lowercase hex SHA-256:
 *
 * ```text
 * payload_hash = sha256(utf8(canonicalJson(payload)))
 * row_hash     = sha256(utf8(prev_hash + "\n" + seq + "\n" + at + "\n" + actor + "\n" + action
 *                            + "\n" + entity_type + "\n" + entity_id + "\n" + payload_hash))
 *   seq   decimal ("42")
 *   at    ISO 8601 UTC with milliseconds ("2026-11-21T08:30:00.123Z"); the column keeps ms only
 *   actor actor_user_id in decimal (empty when null) + ":" + actor_label ("7:Li Na", ":system")
 * prev_hash    = row_hash of the row with the next lower seq; "0" × 64 for the first row
 * ```
 * `canonicalJson` (`rules/hash.ts`) sorts object keys by UTF-16 code units and drops whitespace,
 * as RFC 8785 does; the database refuses newlines inside the joined fields. The functions live in
 * `server/db/audit-chain.ts`.
 *
 * ## Guarantees
 * - The database refuses UPDATE, DELETE and TRUNCATE on `audit_log` (triggers, SQLSTATE YS002).
 * - `appendAudit` runs in the caller's transaction: the change and its audit row commit or roll
 *   back together.
 * - Appends are serialised with `LOCK TABLE audit_log IN EXCLUSIVE MODE` (reads go on), so
 *   concurrent transactions on PostgreSQL extend one chain; `prev_hash` is also unique, so a
 *   fork cannot commit even under REPEATABLE READ (the later transaction fails instead).
 * - What a hash chain cannot show: rows cut off the *end* of the log, or a whole log rewritten by
 *   someone with the database's superuser. Note the head somewhere else (`yardstick audit
 *   anchor`, the auditor page) and verify against it: `verifyAll` in `audit-verify.ts`, which
 *   also checks the stored results and inputs against the log (`audit-records.ts`).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import { auditPayloadHash, auditRowHash, GENESIS_HASH, type ChainedFields } from '../../db/audit-chain.ts';
import { jsonText } from '../../db/json.ts';
import type { DB, JsonValue, Row } from '../../db/types.ts';

/** Who did it: a signed-in user, or the system (`userId: null`, e.g. `{ userId: null, label: 'system' }`). */
export interface AuditActor {
  userId: number | null;
  /** Readable name at the time, kept even if the user is renamed later. */
  label: string;
}

/** What to record. `payload` is any JSON value (objects recommended); it is stored canonically. */
export interface AuditInput {
  actor: AuditActor;
  /** Dotted verb, e.g. `scheme.publish`, `cycle.open`, `inputs.import`. */
  action: string;
  entityType: string;
  entityId: string | number;
  payload: unknown;
}

/** An audit row as the API returns it: the fields its hash covers, the payload and the hash. */
export interface AuditEntry extends ChainedFields {
  payload: JsonValue;
  rowHash: string;
}

export type AuditVerification =
  | { ok: true; count: number; lastHash: string }
  | { ok: false; count: number; firstBrokenSeq: number; reason: string };

/** Filters and paging for `listAudit`; all optional. Entries come newest first. */
export interface AuditQuery {
  /** `nextCursor` of the previous page. */
  cursor?: string;
  /** Page size, 1–500 (default 50). */
  limit?: number;
  actorUserId?: number;
  actorLabel?: string;
  action?: string;
  entityType?: string;
  entityId?: string | number;
  /** Inclusive lower bound on `at`. */
  from?: Date | string;
  /** Exclusive upper bound on `at`. */
  to?: Date | string;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Append one entry to the audit log inside the caller's transaction. Call it as the last step
 * of the transaction: the table lock it takes is held until commit.
 * @example
 * await db.transaction().execute(async (trx) => {
 *   await trx.updateTable('scheme_versions').set({ status: 'published', published_at: new Date() }).where('id', '=', 12).execute();
 *   await appendAudit(trx, { actor: { userId: 7, label: 'Li Na' }, action: 'scheme.publish',
 *     entityType: 'scheme_version', entityId: 12, payload: { contentHash: 'sha256:…' } });
 * });
 */
export async function appendAudit(trx: Transaction<DB>, input: AuditInput): Promise<AuditEntry> {
  if (!trx.isTransaction) throw new YardstickError('internal', 'appendAudit must run inside the transaction that makes the change.');
  const fields = checkFields(input);
  const payload = auditPayloadHash(input.payload);
  // jsonb cannot hold U+0000; refuse it here with a clear message rather than a driver error.
  if (payload.json.includes('\\u0000')) throw new YardstickError('invalid_argument', 'An audit payload cannot contain the character U+0000.');

  await sql`lock table audit_log in exclusive mode`.execute(trx);
  // Under the lock: the next seq, the time (rounded to ms, as stored) and the chain's head.
  const { rows } = await sql<{ seq: number; at: Date; prev_hash: string | null }>`
    select nextval(pg_get_serial_sequence('audit_log', 'seq')) as seq,
           clock_timestamp()::timestamptz(3) as at,
           (select row_hash from audit_log order by seq desc limit 1) as prev_hash`.execute(trx);
  const head = rows[0]!;
  const chained = { ...fields, seq: head.seq, at: head.at, prevHash: head.prev_hash ?? GENESIS_HASH, payloadHash: payload.hash };
  const rowHash = auditRowHash(chained);
  await trx
    .insertInto('audit_log')
    .values({
      seq: chained.seq,
      at: chained.at,
      actor_user_id: fields.actorUserId,
      actor_label: fields.actorLabel,
      action: fields.action,
      entity_type: fields.entityType,
      entity_id: fields.entityId,
      // The exact canonical text that was hashed, cast by the server (see json.ts).
      payload: jsonText<JsonValue>(payload.json),
      payload_hash: payload.hash,
      prev_hash: chained.prevHash,
      row_hash: rowHash,
    })
    .execute();
  return { ...chained, payload: JSON.parse(payload.json) as JsonValue, rowHash };
}

/**
 * Recompute the whole chain in seq order, a page at a time (memory stays flat for any length).
 * `count` is the number of intact rows before the first broken one (all rows when ok).
 * @example
 * await verifyAudit(db) // { ok: true, count: 1042, lastHash: '9f…' }
 * await verifyAudit(db) // { ok: false, count: 4, firstBrokenSeq: 5, reason: 'payload does not match payload_hash …' }
 */
export async function verifyAudit(db: Kysely<DB>, options: { pageSize?: number } = {}): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 1000;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new YardstickError('invalid_argument', 'pageSize must be a whole number of at least 1.', { pageSize });
  let expectedPrev = GENESIS_HASH;
  let lastSeq = 0;
  let count = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>', lastSeq).orderBy('seq').limit(pageSize).execute();
    for (const row of page) {
      const reason = brokenBecause(row, expectedPrev);
      if (reason !== null) return { ok: false, count, firstBrokenSeq: row.seq, reason };
      expectedPrev = row.row_hash;
      lastSeq = row.seq;
      count++;
    }
    if (page.length < pageSize) return { ok: true, count, lastHash: expectedPrev };
  }
}

/**
 * One page of audit entries, newest first, filtered.
 * @example
 * const first = await listAudit(db, { entityType: 'scheme_version', entityId: 12, limit: 20 });
 * const second = await listAudit(db, { entityType: 'scheme_version', entityId: 12, limit: 20, cursor: first.nextCursor! });
 */
export async function listAudit(db: Kysely<DB>, query: AuditQuery = {}): Promise<AuditPage> {
  const limit = query.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new YardstickError('invalid_argument', 'limit must be a whole number from 1 to 500.', { limit });
  const before = query.cursor === undefined ? undefined : parseCursor(query.cursor);
  let q = db.selectFrom('audit_log').selectAll();
  if (before !== undefined) q = q.where('seq', '<', before);
  if (query.actorUserId !== undefined) q = q.where('actor_user_id', '=', query.actorUserId);
  if (query.actorLabel !== undefined) q = q.where('actor_label', '=', query.actorLabel);
  if (query.action !== undefined) q = q.where('action', '=', query.action);
  if (query.entityType !== undefined) q = q.where('entity_type', '=', query.entityType);
  if (query.entityId !== undefined) q = q.where('entity_id', '=', String(query.entityId));
  if (query.from !== undefined) q = q.where('at', '>=', toDate(query.from, 'from'));
  if (query.to !== undefined) q = q.where('at', '<', toDate(query.to, 'to'));
  // One extra row tells whether another page exists.
  const rows = await q.orderBy('seq', 'desc').limit(limit + 1).execute();
  const entries = rows.slice(0, limit).map(toEntry);
  return { entries, nextCursor: rows.length > limit ? String(entries[entries.length - 1]!.seq) : null };
}

function brokenBecause(row: Row<'audit_log'>, expectedPrev: string): string | null {
  if (row.prev_hash !== expectedPrev) {
    return `prev_hash does not match the row_hash of the row before: a row before seq ${row.seq} was changed, removed or inserted`;
  }
  let payloadHash: string;
  try {
    payloadHash = auditPayloadHash(row.payload).hash;
  } catch {
    return 'payload is not canonical JSON';
  }
  if (payloadHash !== row.payload_hash) return 'payload does not match payload_hash: the payload was changed';
  const rowHash = auditRowHash(toEntry(row));
  return rowHash === row.row_hash ? null : 'row_hash does not match the row: its time, actor, action, entity or hashes were changed';
}

function checkFields(input: AuditInput) {
  const { userId } = input.actor;
  if (userId !== null && !Number.isSafeInteger(userId)) throw new YardstickError('invalid_argument', 'Audit actor userId must be an integer or null.', { userId });
  const text = { actorLabel: input.actor.label, action: input.action, entityType: input.entityType, entityId: String(input.entityId) };
  for (const [field, value] of Object.entries(text)) {
    // The newline separates fields in the row-hash text; inside a field it would make it ambiguous.
    if (typeof value !== 'string' || value === '' || value.includes('\n')) {
      throw new YardstickError('invalid_argument', `Audit ${field} must be a non-empty single line of text.`, { field });
    }
  }
  return { actorUserId: userId, ...text };
}

function toEntry(row: Row<'audit_log'>): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorUserId: row.actor_user_id,
    actorLabel: row.actor_label,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    payload: row.payload,
    payloadHash: row.payload_hash,
    prevHash: row.prev_hash,
    rowHash: row.row_hash,
  };
}

function parseCursor(cursor: string): number {
  if (!/^[1-9][0-9]{0,15}$/.test(cursor)) throw new YardstickError('invalid_argument', 'cursor is not one this API returned.', { cursor });
  return Number(cursor);
}

function toDate(value: Date | string, name: string): Date {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new YardstickError('invalid_argument', `${name} is not a valid date or time.`, { [name]: value });
  return date;
}
