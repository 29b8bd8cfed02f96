/**
 * @module services/appeals/appeals
 * Appeals against published results, in two reviews:
 *
 * ```text
 * filed ─(manager or HR)→ department-review ─(manager or HR)→ hr-review ─(HR)→ accepted | rejected
 *   └──────────────(manager or HR)──────────────────────────↗       HR may decide any open appeal
 * ```
 * - The employee files it for their own result while the cycle is published (one open appeal
 *   per result), with a reason and optional evidence text.
 * - The department's manager does the first review: takes it up (`department-review`) and
 *   passes it on with a note (`hr-review`). Managers never give the final answer.
 * - HR decides last (`accepted` / `rejected`); as HRBP it may also decide an appeal that no
 *   manager has reviewed. Accepting an appeal does not change the result by itself: HR corrects
 *   it through calibration.
 * Every change is one transaction ending in an audit entry (entity `appeal`).
 */
import type { Kysely } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import type { AppealStatus, DB, Row } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiId, apiRecord } from '../api-format.ts';
import { appendAudit } from '../audit/audit.ts';
import { queryId } from '../query-params.ts';
import { readableResult } from '../evaluation/results.ts';
import { actorOf, assertCanReadDepartment, readableDepartments } from '../access/scope.ts';
import { inTransaction } from '../transaction.ts';

export type Decision = 'department-review' | 'hr-review' | 'accepted' | 'rejected';

const OPEN: readonly AppealStatus[] = ['filed', 'department-review', 'hr-review'];
export const STATUSES: readonly AppealStatus[] = [...OPEN, 'accepted', 'rejected', 'withdrawn'];

/** Who may move an open appeal where: from status → decision → roles. */
const MOVES: Readonly<Record<string, Readonly<Partial<Record<Decision, readonly string[]>>>>> = {
  filed: { 'department-review': ['manager', 'hr'], 'hr-review': ['manager', 'hr'], accepted: ['hr'], rejected: ['hr'] },
  'department-review': { 'hr-review': ['manager', 'hr'], accepted: ['hr'], rejected: ['hr'] },
  'hr-review': { accepted: ['hr'], rejected: ['hr'] },
};

type AppealRow = Row<'appeals'> & { employee_code: string; employee_name: string; department_id: number; cycle_key: string };

/** An appeal as the API shows it to `user`, with the decisions that user may take next (their role, its status). */
function toApiAppeal(a: AppealRow, user: CurrentUser) {
  return {
    ...apiRecord(a, ['id', 'cycle_id', 'cycle_key', 'employee_id', 'employee_code', 'employee_name', 'department_id', 'status', 'reason', 'evidence', 'decision', 'decided_by']),
    nextDecisions: (Object.keys(MOVES[a.status] ?? {}) as Decision[]).filter((d) => MOVES[a.status]![d]!.includes(user.role)),
    ...apiRecord(a, ['created_at', 'updated_at']),
  };
}

function appealRows(db: Kysely<DB>) {
  return db
    .selectFrom('appeals as a')
    .innerJoin('employees as e', 'e.id', 'a.employee_id')
    .innerJoin('cycles as c', 'c.id', 'a.cycle_id')
    .selectAll('a')
    .select(['e.code as employee_code', 'e.name as employee_name', 'e.department_id', 'c.key as cycle_key']);
}

/**
 * File an appeal against one's own published result.
 * @example await fileAppeal(db, employee, 3, 17, { reason: 'My complaints count includes a ticket closed as invalid.', evidence: 'Ticket #4411' })
 */
export async function fileAppeal(db: Kysely<DB>, user: CurrentUser, cycleId: number, employeeId: number, input: { reason: string; evidence?: string }) {
  if (user.role !== 'employee' || user.employeeId !== employeeId) throw new YardstickError('forbidden', 'Only the employee whose result it is can appeal it.');
  const { cycle } = await readableResult(db, user, cycleId, employeeId);
  if (cycle.status !== 'published') throw new YardstickError('invalid_transition', `Cycle ${cycle.key} is ${cycle.status}; results can be appealed only while the cycle is published.`, { cycleId: apiId(cycleId), status: cycle.status });
  const id = await inTransaction(db, async (trx) => {
    const open = await trx.selectFrom('appeals').select(['id', 'status']).where('cycle_id', '=', cycleId).where('employee_id', '=', employeeId).where('status', 'in', [...OPEN]).executeTakeFirst();
    if (open) throw new YardstickError('conflict', `You already have an open appeal (id ${open.id}, ${open.status}) against this result; wait for its decision.`, { appealId: apiId(open.id) });
    const evidence = input.evidence ? [{ text: input.evidence, addedAt: new Date().toISOString() }] : [];
    const row = await trx.insertInto('appeals').values({ cycle_id: cycleId, employee_id: employeeId, reason: input.reason, evidence }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, { actor: actorOf(user), action: 'appeal.file', entityType: 'appeal', entityId: row.id, payload: { cycleId: apiId(cycleId), employeeId: apiId(employeeId), reason: input.reason, evidence } });
    return row.id;
  });
  return toApiAppeal(await appealRows(db).where('a.id', '=', id).executeTakeFirstOrThrow(), user);
}

/**
 * Appeals in the user's scope (HR and auditors all, managers their departments, employees their
 * own), newest first, optionally by cycle and status.
 * @example await listAppeals(db, manager, { status: 'filed' })
 */
export async function listAppeals(db: Kysely<DB>, user: CurrentUser, query: { cycle?: string; status?: string }) {
  let q = appealRows(db);
  const departments = readableDepartments(user);
  if (user.role === 'employee') q = q.where('a.employee_id', '=', user.employeeId ?? 0);
  else if (departments !== null) q = q.where('e.department_id', 'in', departments.length ? departments : [0]);
  const cycle = queryId(query.cycle, 'cycle');
  if (cycle !== undefined) q = q.where('a.cycle_id', '=', cycle);
  if (query.status !== undefined) {
    if (!(STATUSES as readonly string[]).includes(query.status)) throw new YardstickError('invalid_argument', `status must be one of ${STATUSES.join(', ')}.`, { status: query.status });
    q = q.where('a.status', '=', query.status as AppealStatus);
  }
  const rows = await q.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(500).execute();
  return { items: rows.map((row) => toApiAppeal(row, user)) };
}

/**
 * Move an appeal on (see the module doc for who may do what).
 * @example await decideAppeal(db, hr, 5, { decision: 'accepted', note: 'Ticket #4411 was invalid; corrected in calibration.' })
 */
export async function decideAppeal(db: Kysely<DB>, user: CurrentUser, appealId: number, input: { decision: Decision; note: string }) {
  await inTransaction(db, async (trx) => {
    const appeal = await appealRows(trx).where('a.id', '=', appealId).forUpdate('a').executeTakeFirst();
    if (!appeal) throw new YardstickError('not_found', `No appeal with id ${appealId}.`, { appealId: apiId(appealId) });
    assertCanReadDepartment(user, appeal.department_id);
    const moves = MOVES[appeal.status];
    if (!moves) throw new YardstickError('invalid_transition', `Appeal ${appealId} is already ${appeal.status}; a decided appeal cannot change.`, { status: appeal.status });
    const roles = moves[input.decision];
    if (!roles) throw new YardstickError('invalid_transition', `Appeal ${appealId} is ${appeal.status} and cannot move to ${input.decision}; it can move to ${Object.keys(moves).join(' or ')}.`, { status: appeal.status, allowed: Object.keys(moves) });
    if (!roles.includes(user.role)) throw new YardstickError('forbidden', `Only HR decides an appeal (${input.decision}); managers review it first and pass it on as hr-review.`, { decision: input.decision });
    await trx.updateTable('appeals').set({ status: input.decision, decision: input.note, decided_by: user.id, updated_at: new Date() }).where('id', '=', appealId).execute();
    await appendAudit(trx, { actor: actorOf(user), action: 'appeal.decide', entityType: 'appeal', entityId: appealId, payload: { cycleId: apiId(appeal.cycle_id), employeeId: apiId(appeal.employee_id), from: appeal.status, to: input.decision, note: input.note } });
  });
  return toApiAppeal(await appealRows(db).where('a.id', '=', appealId).executeTakeFirstOrThrow(), user);
}
