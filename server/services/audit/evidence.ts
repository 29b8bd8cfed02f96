/**
 * @module services/audit/evidence
 * The evidence pack: everything a third party needs to check one employee's result without
 * trusting Yardstick — the exact scheme version document, every input with its history, the
 * stored result with its explanation, the audit entries that touch them, and the hashes with
 * plain instructions to recompute each one (`HOW_TO_VERIFY`).
 *
 * Only this employee's data: audit entries about the whole cycle whose payload holds
 * company-wide figures (`WITHHELD_ACTIONS`: grade counts, head counts, every department's
 * assignments, import summaries) come without their payload; their payloadHash and rowHash still
 * verify. That the result is one the evaluation recorded is shown by `resultProof`, a Merkle path
 * (sibling hashes only) to the `resultsRoot` of the `evaluation.results` entry.
 */
import { sql, type Kysely } from 'kysely';
import { contentHash } from '../../../rules/index.ts';
import type { DB, JsonValue } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiId, apiTime } from '../api-format.ts';
import { canonicalResult } from '../evaluation/employee-data.ts';
import { explainResult } from '../evaluation/explain.ts';
import { resultsTree } from '../evaluation/results-tree.ts';
import { cycleEmployeeId } from '../cycles/inputs.ts';
import { readableResult, resultView } from '../evaluation/results.ts';

/** Cycle-wide entries whose payload describes other employees too; packs carry them without it. */
export const WITHHELD_ACTIONS: readonly string[] = ['evaluation.complete', 'cycle.assignments', 'inputs.import'];

/** Instructions shipped inside every pack. */
export const HOW_TO_VERIFY = [
  'Every hash is "sha256:" followed by the lowercase hexadecimal SHA-256 of UTF-8 text. The text is the canonical JSON of a value: object keys sorted by UTF-16 code units (as in RFC 8785), no whitespace, strings and numbers written as JavaScript\'s JSON.stringify writes them.',
  '1. hashes.document: take schemeVersion.document, write it as canonical JSON, hash it. It must equal hashes.document, schemeVersion.contentHash and result.schemeHash: the result was computed with exactly this document.',
  '2. hashes.inputs: build one object whose keys are the "key" of each entry of inputs and whose values are their "value", write it as canonical JSON, hash it. It must equal hashes.inputs (the result\'s inputsHash, taken when the result was computed); if it does not, an input changed afterwards, and the history of each input shows which.',
  '3. hashes.result: write result.result (the stored result) as canonical JSON and hash it. It must equal hashes.result. result.explanation is recomputed from the same document and inputs each time the pack is generated and is not part of this hash.',
  '4. Audit entries: for each entry, payloadHash = lowercase hex SHA-256 of the canonical JSON of its payload, and rowHash = lowercase hex SHA-256 of the lines prevHash, seq, at (ISO 8601 UTC with milliseconds), actor ("<actorUserId>:<actorLabel>", the id empty when null), action, entityType, entityId and payloadHash, joined with "\\n". Entries with payloadWithheld: true describe the whole company (grade counts, other departments); their payload is left out, so check only their rowHash.',
  '5. Your result is the one the evaluation recorded: leaf = lowercase hex SHA-256 of the text "<employee.code> <your own hashes.result from step 3>" (one space). For each step of resultProof.path in order: if its side is "left", node = SHA-256 hex of (step.hash + node), otherwise of (node + step.hash), each the concatenated hex text. The final node must equal resultProof.resultsRoot, and that must be the resultsRoot in the payload of the audit entry with seq resultProof.auditSeq (action "evaluation.results", checked in step 4). If it differs, the stored result was changed after the evaluation. To be sure the audit entry itself was not rewritten, compare its rowHash, or a later one, with the log head an auditor noted down ("yardstick audit anchor"). A result evaluated before version 010 has resultProof null: ask an auditor to run "yardstick audit verify".',
  '6. To recompute the result itself, evaluate the document with the Yardstick rules engine (for example `yardstick evaluate scheme.json inputs.csv`) over the same population of the version; POST /api/cycles/<cycle>/results/<employee>/reproduce does this on the server and lists any difference.',
].join('\n');

/**
 * Build the pack for one employee's result.
 * @example
 * const pack = await evidencePack(db, auditor, 3, 17);
 * pack.hashes.document === pack.schemeVersion.contentHash // true
 */
export async function evidencePack(db: Kysely<DB>, user: CurrentUser, cycleId: number, employeeId: number) {
  const { cycle, result } = await readableResult(db, user, cycleId, employeeId);
  const explained = await explainResult(db, result);
  const view = resultView(cycle, result, explained);
  const version = explained.version;
  return {
    generatedAt: new Date().toISOString(),
    generatedBy: user.username,
    employee: view.employee,
    cycle: view.cycle,
    schemeVersion: { id: apiId(version.id), schemeKey: version.schemeKey, number: version.number, contentHash: version.contentHash, document: version.document },
    inputs: await inputsWithHistory(db, cycleId, employeeId),
    result: { ...view, explanation: explained.explanation, inputsChanged: explained.inputsChanged },
    auditEntries: await auditTrail(db, cycleId, employeeId, version.id),
    hashes: { document: contentHash(version.document), inputs: result.inputs_hash, result: canonicalResult(result.result).hash },
    resultProof: await resultProof(db, result.cycle_id, result.job_id, view.employee.code),
    howToVerify: HOW_TO_VERIFY,
  };
}

async function inputsWithHistory(db: Kysely<DB>, cycleId: number, employeeId: number) {
  const current = await db
    .selectFrom('inputs as i')
    .leftJoin('users as u', 'u.id', 'i.entered_by')
    .select(['i.input_key', 'i.value', 'i.source', 'u.username', 'i.entered_at', 'i.import_batch_id'])
    .where('i.cycle_id', '=', cycleId)
    .where('i.employee_id', '=', employeeId)
    .orderBy('i.input_key')
    .execute();
  const history = await db
    .selectFrom('input_history as h')
    .leftJoin('users as u', 'u.id', 'h.entered_by')
    .select(['h.input_key', 'h.operation', 'h.old_value', 'h.new_value', 'h.source', 'u.username', 'h.import_batch_id', 'h.changed_at'])
    .where('h.cycle_id', '=', cycleId)
    .where('h.employee_id', '=', employeeId)
    .orderBy('h.id')
    .execute();
  const byKey = new Map<string, Array<{ operation: string; oldValue: JsonValue | null; newValue: JsonValue | null; source: string; enteredBy: string | null; importBatchId: string | null; changedAt: string }>>();
  for (const h of history) {
    const list = byKey.get(h.input_key) ?? [];
    list.push({ operation: h.operation, oldValue: h.old_value, newValue: h.new_value, source: h.source, enteredBy: h.username, importBatchId: apiId(h.import_batch_id), changedAt: apiTime(h.changed_at) });
    byKey.set(h.input_key, list);
  }
  return current.map((i) => ({ key: i.input_key, value: i.value, source: i.source, enteredBy: i.username, enteredAt: apiTime(i.entered_at), importBatchId: apiId(i.import_batch_id), history: byKey.get(i.input_key) ?? [] }));
}

/**
 * Audit entries about this result: the cycle (assignments, status changes, imports as a whole,
 * evaluation runs), the employee's own inputs and record, the scheme version and their appeals.
 * Entries about other employees are never included.
 */
async function auditTrail(db: Kysely<DB>, cycleId: number, employeeId: number, versionId: number) {
  const appeals = await db.selectFrom('appeals').select('id').where('cycle_id', '=', cycleId).where('employee_id', '=', employeeId).execute();
  const rows = await db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('entity_type', '=', 'cycle'), eb('entity_id', '=', String(cycleId))]),
        eb.and([eb('entity_type', '=', 'cycle_employee'), eb('entity_id', '=', cycleEmployeeId(cycleId, employeeId))]),
        eb.and([eb('entity_type', '=', 'employee'), eb('entity_id', '=', String(employeeId))]),
        eb.and([eb('entity_type', '=', 'scheme_version'), eb('entity_id', '=', String(versionId))]),
        ...(appeals.length ? [eb.and([eb('entity_type', '=', 'appeal'), eb('entity_id', 'in', appeals.map((a) => String(a.id)))])] : []),
      ]),
    )
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    ...(r.entity_type === 'cycle' && WITHHELD_ACTIONS.includes(r.action) ? { payload: null, payloadWithheld: true } : { payload: r.payload }),
    seq: r.seq,
    at: r.at.toISOString(),
    actorUserId: apiId(r.actor_user_id),
    actorLabel: r.actor_label,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    payloadHash: r.payload_hash,
    prevHash: r.prev_hash,
    rowHash: r.row_hash,
  }));
}

/**
 * The Merkle path from this employee's result to the root its evaluation recorded (null when the
 * job recorded none: results of the previous release, or a job that did not complete).
 */
async function resultProof(db: Kysely<DB>, cycleId: number, jobId: number | null, code: string) {
  if (jobId === null) return null;
  const entry = await db
    .selectFrom('audit_log')
    .select(['seq', 'payload'])
    .where('action', '=', 'evaluation.results')
    .where('entity_type', '=', 'cycle')
    .where('entity_id', '=', String(cycleId))
    .where(sql<boolean>`payload->>'jobId' = ${String(jobId)}`)
    .executeTakeFirst();
  if (!entry) return null;
  // The recorded hash of each result (recomputed for any row without one); only siblings leave the server.
  const rows = await db
    .selectFrom('result_revisions as r')
    .innerJoin('employees as e', 'e.id', 'r.employee_id')
    .select(['e.code', 'r.result_hash', sql<unknown>`case when r.result_hash is null then r.result end`.as('result')])
    .where('r.job_id', '=', jobId)
    .where('r.removed', '=', false)
    .execute();
  const tree = resultsTree(rows.map((r) => ({ code: r.code, hash: r.result_hash ?? canonicalResult(r.result).hash })));
  return { jobId: apiId(jobId), auditSeq: entry.seq, resultsRoot: (entry.payload as { resultsRoot?: string }).resultsRoot ?? null, path: tree.proof(code) ?? [] };
}
