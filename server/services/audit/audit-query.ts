/**
 * @module services/audit/audit-query
 * The audit log through the API: query-string filters turned into `listAudit`'s query, and
 * entries and verification results shown with string ids and ISO times.
 */
import type { Kysely } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB } from '../../db/types.ts';
import { apiId } from '../api-format.ts';
import { type AuditEntry, type AuditQuery, listAudit } from './audit.ts';
import { parseAnchor, verifyAll } from './audit-verify.ts';

/** The query parameters `GET /api/audit` accepts. */
export interface AuditFilterParams {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: string;
}

/**
 * One page of entries, newest first.
 * `actor` is a user id (digits) or an actor label such as `system`.
 * @example await auditPage(db, { entityType: 'scheme_version', entityId: '31', limit: '20' }) // { entries, nextCursor }
 */
export async function auditPage(db: Kysely<DB>, params: AuditFilterParams) {
  const query: AuditQuery = {
    action: params.action,
    entityType: params.entityType,
    entityId: params.entityId,
    from: params.from,
    to: params.to,
    cursor: params.cursor,
  };
  if (params.actor !== undefined) {
    if (/^[1-9]\d{0,15}$/.test(params.actor)) query.actorUserId = Number(params.actor);
    else query.actorLabel = params.actor;
  }
  if (params.limit !== undefined) {
    if (!/^\d{1,4}$/.test(params.limit)) throw new YardstickError('invalid_argument', 'limit must be a whole number from 1 to 500.', { limit: params.limit });
    query.limit = Number(params.limit);
  }
  const page = await listAudit(db, query);
  return { entries: page.entries.map(auditEntry), nextCursor: page.nextCursor };
}

/**
 * Recompute the hash chain, compare with an anchor if given (`anchorSeq` and `anchorHash`
 * together), and check the stored results and inputs against the log (`verifyAll`).
 * @example await auditVerification(db, {}) // { ok: true, count: 42, lastHash: '9f…', head: { seq: '42', … }, problems: [] }
 */
export async function auditVerification(db: Kysely<DB>, params: { anchorSeq?: string; anchorHash?: string } = {}) {
  const given = params.anchorSeq !== undefined || params.anchorHash !== undefined;
  return verifyAll(db, given ? { anchor: parseAnchor(params.anchorSeq, params.anchorHash) } : {});
}

function auditEntry(e: AuditEntry) {
  return {
    seq: String(e.seq),
    at: e.at.toISOString(),
    actorUserId: apiId(e.actorUserId),
    actorLabel: e.actorLabel,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    payload: e.payload,
    payloadHash: e.payloadHash,
    prevHash: e.prevHash,
    rowHash: e.rowHash,
  };
}
