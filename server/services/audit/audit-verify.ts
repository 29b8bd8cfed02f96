/**
 * @module services/audit/audit-verify
 * The whole verification an auditor runs (`GET /api/audit/verify`, `yardstick audit verify`):
 * the hash chain (`verifyAudit`), an optional **anchor** — the head of the log noted down
 * earlier (`yardstick audit anchor`, or the auditor page) — and the stored records against the
 * log (`verifyRecords`). A hash chain alone cannot show rows cut off its end or a log re-hashed
 * from some row on; compared with an anchor kept outside the database, both show: the anchored
 * row must still be there with the same hash.
 */
import type { Kysely } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB } from '../../db/types.ts';
import { verifyRecords, type RecordProblem } from './audit-records.ts';
import { verifyAudit } from './audit.ts';

/** The head of the log at some moment: what to note down. */
export interface AuditHead {
  seq: string;
  hash: string;
  at: string;
}

/** An anchor to check against: the seq and row hash of a row noted down earlier. */
export interface AuditAnchor {
  seq: number;
  hash: string;
}

export interface Problem {
  kind: 'chain' | 'anchor' | RecordProblem['kind'];
  message: string;
  [field: string]: string;
}

export interface Verification {
  ok: boolean;
  /** Rows of the chain checked (intact rows before the first broken one). */
  count: number;
  /** Row hash of the last row (when the chain is intact). */
  lastHash?: string;
  /** Set when the chain is broken: the first row that does not verify, and why. */
  firstBrokenSeq?: string;
  /** The first problem in words (chain, anchor or record). */
  reason?: string;
  head: AuditHead | null;
  anchor?: { seq: string; hash: string; ok: boolean };
  checked: { evaluations: number; superseded: number; results: number; inputs: number };
  problems: Problem[];
}

/**
 * The log's head now: its highest seq, that row's hash and time (null for an empty log).
 * @example await auditHead(db) // { seq: '94', hash: '9f…', at: '2026-12-04T18:30:00.123Z' }
 */
export async function auditHead(db: Kysely<DB>): Promise<AuditHead | null> {
  const row = await db.selectFrom('audit_log').select(['seq', 'row_hash', 'at']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? { seq: String(row.seq), hash: row.row_hash, at: row.at.toISOString() } : null;
}

/**
 * Parse an anchor given as text (query parameters, a file), refusing anything malformed.
 * @example parseAnchor('94', '9f…') // { seq: 94, hash: '9f…' }
 */
export function parseAnchor(seq: unknown, hash: unknown): AuditAnchor {
  if (typeof seq !== 'string' || !/^[1-9]\d{0,15}$/.test(seq)) throw new YardstickError('invalid_argument', 'anchorSeq must be the seq of an audit row: a whole number from 1.', { anchorSeq: seq });
  if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/.test(hash)) throw new YardstickError('invalid_argument', 'anchorHash must be the row hash noted with the anchor: 64 lowercase hexadecimal digits.', { anchorHash: hash });
  return { seq: Number(seq), hash };
}

/**
 * Verify the chain, the anchor (if given) and the records.
 * @example
 * await verifyAll(db, { anchor: { seq: 94, hash: '9f…' } })
 * // { ok: false, reason: 'the log ends at seq 91, before the anchored seq 94: rows were cut off the end', … }
 */
export async function verifyAll(db: Kysely<DB>, options: { anchor?: AuditAnchor } = {}): Promise<Verification> {
  const chain = await verifyAudit(db);
  const head = await auditHead(db);
  const problems: Problem[] = [];
  if (!chain.ok) problems.push({ kind: 'chain', seq: String(chain.firstBrokenSeq), message: `audit row ${chain.firstBrokenSeq}: ${chain.reason}` });
  let anchor: Verification['anchor'];
  if (options.anchor) {
    const message = await anchorProblem(db, head, options.anchor);
    anchor = { seq: String(options.anchor.seq), hash: options.anchor.hash, ok: message === null };
    if (message !== null) problems.push({ kind: 'anchor', seq: String(options.anchor.seq), message });
  }
  const records = await verifyRecords(db);
  for (const p of records.problems) problems.push(p as Problem);
  const { problems: _listed, ...checked } = records;
  return {
    ok: problems.length === 0,
    count: chain.count,
    ...(chain.ok ? { lastHash: chain.lastHash } : { firstBrokenSeq: String(chain.firstBrokenSeq) }),
    ...(problems.length ? { reason: chain.ok ? problems[0]!.message : chain.reason } : {}),
    head,
    ...(anchor ? { anchor } : {}),
    checked,
    problems,
  };
}

async function anchorProblem(db: Kysely<DB>, head: AuditHead | null, anchor: AuditAnchor): Promise<string | null> {
  if (head === null || Number(head.seq) < anchor.seq) {
    return `the log ends at seq ${head?.seq ?? 0}, before the anchored seq ${anchor.seq}: rows were cut off the end`;
  }
  const row = await db.selectFrom('audit_log').select('row_hash').where('seq', '=', anchor.seq).executeTakeFirst();
  if (!row) return `the anchored row seq ${anchor.seq} is missing: rows were removed`;
  if (row.row_hash !== anchor.hash) return `the anchored row seq ${anchor.seq} now has hash ${row.row_hash}, not ${anchor.hash}: the log was rewritten at or before the anchor`;
  return null;
}
