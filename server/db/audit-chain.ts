/**
 * @module audit-chain
 * The audit log's hash chain as pure functions, so the server, the `verify` command and any
 * third party compute exactly the same hashes. The formula (also in `server/services/audit/audit.ts`):
 *
 * ```text
 * payload_hash = hex(sha256(utf8(canonicalJson(payload))))
 * row_hash     = hex(sha256(utf8(
 *                  prev_hash   + "\n" +
 *                  seq         + "\n" +   decimal, no leading zeros
 *                  at          + "\n" +   ISO 8601 UTC with milliseconds: 2026-11-21T08:30:00.123Z
 *                  actor       + "\n" +   actor_user_id (decimal, empty when null) + ":" + actor_label
 *                  action      + "\n" +
 *                  entity_type + "\n" +
 *                  entity_id   + "\n" +
 *                  payload_hash)))
 * prev_hash    = row_hash of the row with the next lower seq; 64 zeros for the first row
 * ```
 *
 * `hex` is lowercase, `canonicalJson` is `rules/hash.ts` (keys sorted by UTF-16 code units, no
 * whitespace, as RFC 8785 orders them). No field may contain "\n", so the joined text is
 * unambiguous; the database refuses such rows.
 */
import { canonicalJson, sha256Hex } from '../../rules/hash.ts';

/** `prev_hash` of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a row hash covers. */
export interface ChainedFields {
  prevHash: string;
  seq: number;
  at: Date;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  payloadHash: string;
}

/**
 * The hash of an audit payload (its canonical JSON), and that JSON.
 * @example
 * auditPayloadHash({ b: 1, a: 2 }) // { json: '{"a":2,"b":1}', hash: sha256Hex('{"a":2,"b":1}') }
 */
export function auditPayloadHash(payload: unknown): { json: string; hash: string } {
  const json = canonicalJson(payload);
  return { json, hash: sha256Hex(json) };
}

/**
 * The text a row hash is taken of (exposed so a verifier can show it).
 * @example
 * auditRowText({ prevHash: GENESIS_HASH, seq: 1, at: new Date('2026-11-21T08:30:00.123Z'), actorUserId: 7,
 *   actorLabel: 'Li Na', action: 'scheme.publish', entityType: 'scheme_version', entityId: '12', payloadHash: 'ab…' })
 * // '0000…0000\n1\n2026-11-21T08:30:00.123Z\n7:Li Na\nscheme.publish\nscheme_version\n12\nab…'
 */
export function auditRowText(fields: ChainedFields): string {
  const actor = `${fields.actorUserId ?? ''}:${fields.actorLabel}`;
  return [fields.prevHash, String(fields.seq), fields.at.toISOString(), actor, fields.action, fields.entityType, fields.entityId, fields.payloadHash].join('\n');
}

/**
 * The row hash of an audit row.
 * @example
 * auditRowHash(fields) // 64 lowercase hex digits
 */
export function auditRowHash(fields: ChainedFields): string {
  return sha256Hex(auditRowText(fields));
}
