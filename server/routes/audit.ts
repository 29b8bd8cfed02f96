/**
 * @module routes/audit
 * The audit log for HR and auditors: filtered pages, newest first, and verification of the
 * hash chain.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { API_ID, NULLABLE_ID, record, TIME, titled } from '../services/api-schemas.ts';
import { auditPage, auditVerification } from '../services/audit/audit-query.ts';
import { auditHead } from '../services/audit/audit-verify.ts';

const READERS = ['hr', 'auditor'] as const;

const HEX64 = { type: 'string', pattern: '^[0-9a-f]{64}$' } as const;
const HEAD = titled('AuditHead', record({ seq: API_ID, hash: HEX64, at: TIME }));
const ENTRY = titled('AuditEntry', record({
  seq: API_ID,
  at: TIME,
  actorUserId: NULLABLE_ID,
  actorLabel: { type: 'string' },
  action: { type: 'string' },
  entityType: { type: 'string' },
  entityId: { type: 'string' },
  payload: {},
  payloadHash: HEX64,
  prevHash: HEX64,
  rowHash: HEX64,
}));
const COUNT = { type: 'integer', minimum: 0 } as const;
const PROBLEM = titled('AuditProblem', {
  type: 'object',
  required: ['kind', 'message'],
  properties: { kind: { enum: ['chain', 'anchor', 'result', 'input'] }, message: { type: 'string' } },
  additionalProperties: { type: 'string' },
  description: 'One record that no longer matches the log: a broken chain row, the anchor, a result or an input; further fields (seq, cycleId, employeeId, employeeCode, jobId, …) name it.',
});
const VERIFICATION = titled('AuditVerification', {
  type: 'object',
  additionalProperties: false,
  required: ['ok', 'count', 'head', 'checked', 'problems'],
  properties: {
    ok: { type: 'boolean' },
    count: { ...COUNT, description: 'Rows checked.' },
    lastHash: { ...HEX64, description: 'Row hash of the last row, when the chain is intact.' },
    firstBrokenSeq: { ...API_ID, description: 'The first row that does not verify, when the chain is broken.' },
    reason: { type: 'string', description: 'The first problem in words.' },
    head: { anyOf: [HEAD, { type: 'null' }] },
    anchor: { ...record({ seq: API_ID, hash: { type: 'string' }, ok: { type: 'boolean' } }), description: 'The anchor given (anchorSeq, anchorHash) and whether that row is still there unchanged.' },
    checked: { ...record({ evaluations: COUNT, superseded: COUNT, results: COUNT, inputs: COUNT }), description: 'How many evaluations, results and inputs were recomputed.' },
    problems: { type: 'array', items: PROBLEM, description: 'Each names the row, result or input that no longer matches.' },
  },
});

export function registerAuditRoutes(app: Hono<AppEnv>): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/audit',
      summary: 'List audit entries',
      tag: 'audit',
      roles: READERS,
      description: 'Newest first. Pass `nextCursor` as `cursor` for the next (older) page; it is null on the last page.',
      query: {
        actor: { type: 'string', description: 'A user id, or an actor label such as "system".' },
        action: { type: 'string', description: 'e.g. version.publish' },
        entityType: { type: 'string', description: 'e.g. scheme_version' },
        entityId: { type: 'string', description: 'Id of the entity.' },
        from: { type: 'string', description: 'Inclusive lower bound on the time (ISO 8601).' },
        to: { type: 'string', description: 'Exclusive upper bound on the time (ISO 8601).' },
        cursor: { type: 'string', description: 'nextCursor of the previous page.' },
        limit: { type: 'integer', description: 'Page size, 1–500 (default 50).' },
      },
      response: titled('AuditPage', record({ entries: { type: 'array', items: ENTRY }, nextCursor: { type: ['string', 'null'], description: 'Pass it as cursor for the next (older) page; null on the last page.' } })),
    },
    (c, { query }) => auditPage(c.var.db, query),
  );

  route(
    app,
    {
      method: 'get',
      path: '/api/audit/head',
      summary: 'The head of the audit log',
      tag: 'audit',
      roles: READERS,
      description: 'The last entry\'s seq, row hash and time ({ seq, hash, at }, or null for an empty log). Note it down outside Yardstick; verifying later with anchorSeq and anchorHash shows whether anything up to it was cut off or rewritten.',
      response: { anyOf: [HEAD, { type: 'null' }] },
    },
    (c) => auditHead(c.var.db),
  );

  route(
    app,
    {
      method: 'get',
      path: '/api/audit/verify',
      summary: 'Verify the audit log',
      tag: 'audit',
      roles: READERS,
      description: 'Recomputes the whole hash chain, checks every evaluation\'s results digest against the stored results and the inputs against their history, and, given an anchor (the head noted earlier: anchorSeq and anchorHash), that the anchored row is still there unchanged. Returns { ok, count, lastHash | firstBrokenSeq, reason, head, anchor, checked, problems[] }; each problem names the row, result or input. Note head (seq, hash) somewhere outside the database to detect rows cut off the end or a re-hashed log.',
      query: {
        anchorSeq: { type: 'string', description: 'seq of the anchored row (with anchorHash)' },
        anchorHash: { type: 'string', description: 'row hash of the anchored row, 64 hex digits (with anchorSeq)' },
      },
      response: VERIFICATION,
    },
    (c, { query }) => auditVerification(c.var.db, query),
  );
}
