/**
 * @module services/cycles/cycles
 * Assessment cycles: create and list them, say which scheme version applies to whom, and move
 * them through their life:
 *
 * ```text
 * open → collecting → evaluated → calibrated → published → closed
 *                         ↘ collecting (re-open data entry before calibration)
 * ```
 * `evaluated` is reached only by a finished evaluation job (`services/evaluation/jobs.ts`), never by
 * hand. Every change runs in one transaction that ends with its audit entry; the cycle row is
 * locked first, so a change and an evaluation job starting at the same moment cannot interleave.
 */
import type { Kysely, Transaction } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import { cycleStatusesAllowing, NEXT_CYCLE_STATUSES } from '../../../schemas/vocabulary.ts';
import type { CyclePeriod, CycleStatus, DB, Row } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiId, apiRecord, parseDay } from '../api-format.ts';
import { appendAudit } from '../audit/audit.ts';
import { loadAssignments } from '../evaluation/roster.ts';
import { loadVersions } from '../evaluation/versions.ts';
import { actorOf, readableDepartments } from '../access/scope.ts';
import { inTransaction } from '../transaction.ts';


/** Statuses in which results are visible to the employees they belong to. */
export const RELEASED_STATUSES = cycleStatusesAllowing('release');

export interface CycleInput {
  key: string;
  title: string;
  period: CyclePeriod;
  startsOn: string;
  endsOn: string;
}

export interface AssignmentInput {
  versionId: string;
  departmentId?: string | null;
  positionId?: string | null;
}

/** A cycle as the API shows it. */
export interface ApiCycle {
  id: string;
  key: string;
  title: string;
  period: CyclePeriod;
  startsOn: string;
  endsOn: string;
  status: CycleStatus;
  nextStatuses: CycleStatus[];
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * The API shape of a cycle row.
 * @example toApiCycle(row).status // 'open'
 */
export function toApiCycle(row: Row<'cycles'>): ApiCycle {
  return {
    ...apiRecord(row, ['id', 'key', 'title', 'period', 'starts_on', 'ends_on', 'status']),
    nextStatuses: [...NEXT_CYCLE_STATUSES[row.status]],
    ...apiRecord(row, ['created_by', 'created_at', 'updated_at']),
  };
}

/**
 * A cycle row, or 404 naming the id.
 * @example const cycle = await loadCycle(db, 3);
 */
export async function loadCycle(db: Kysely<DB>, id: number): Promise<Row<'cycles'>> {
  const row = await db.selectFrom('cycles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new YardstickError('not_found', `No cycle with id ${id}.`, { cycleId: String(id) });
  return row;
}

/**
 * Lock a cycle row for the rest of the transaction (404 when it does not exist): every change
 * that depends on the cycle's status takes this lock first. Data entry takes a share lock, so
 * many people can enter values at once while status changes and job starts wait for them.
 * @example await inTransaction(db, async (trx) => { const cycle = await lockCycle(trx, 3); … });
 */
export async function lockCycle(trx: Transaction<DB>, id: number, mode: 'update' | 'share' = 'update'): Promise<Row<'cycles'>> {
  const q = trx.selectFrom('cycles').selectAll().where('id', '=', id);
  const row = await (mode === 'update' ? q.forUpdate() : q.forShare()).executeTakeFirst();
  if (!row) throw new YardstickError('not_found', `No cycle with id ${id}.`, { cycleId: String(id) });
  return row;
}

/**
 * Throw 409 unless the cycle is in one of the statuses, in plain words.
 * @example assertCycleStatus(cycle, ['open', 'collecting'], 'take new input values')
 * // Cycle 2026-Q3 is evaluated; only open or collecting cycles can take new input values.
 */
export function assertCycleStatus(cycle: Row<'cycles'>, allowed: readonly CycleStatus[], doing: string): void {
  if (allowed.includes(cycle.status)) return;
  const list = allowed.length === 1 ? allowed[0] : `${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]}`;
  throw new YardstickError('invalid_transition', `Cycle ${cycle.key} is ${cycle.status}; only ${list} cycles can ${doing}.`, { cycleId: String(cycle.id), status: cycle.status, allowed });
}

/**
 * Throw 409 while an evaluation job of the cycle is queued or running: its results would not
 * match the data it was started on.
 * @example await assertNoActiveJob(trx, cycle, 'change inputs');
 */
export async function assertNoActiveJob(db: Kysely<DB>, cycle: Row<'cycles'>, doing: string): Promise<void> {
  const job = await db.selectFrom('evaluation_jobs').select(['id', 'status']).where('cycle_id', '=', cycle.id).where('status', 'in', ['queued', 'running']).executeTakeFirst();
  if (job) throw new YardstickError('invalid_transition', `Cycle ${cycle.key} is being evaluated (job ${job.id} is ${job.status}); wait for it to finish before you ${doing}.`, { cycleId: String(cycle.id), jobId: String(job.id) });
}

/**
 * Cycles the user may see, newest first: everyone logged in sees every cycle, except employees,
 * who see only cycles in which they have a released (published or closed) result.
 * @example await listCycles(db, user) // [{ id: '3', key: '2026-Q3', status: 'open', … }]
 */
export async function listCycles(db: Kysely<DB>, user: CurrentUser): Promise<ApiCycle[]> {
  let q = db.selectFrom('cycles').selectAll();
  if (user.role === 'employee') {
    q = q
      .where('status', 'in', [...RELEASED_STATUSES])
      .where((eb) => eb.exists(eb.selectFrom('results').select('results.cycle_id').whereRef('results.cycle_id', '=', 'cycles.id').where('results.employee_id', '=', user.employeeId ?? 0)));
  }
  const rows = await q.orderBy('starts_on', 'desc').orderBy('id', 'desc').execute();
  return rows.map(toApiCycle);
}

/**
 * A cycle the user may see, or 404/403.
 * @example const cycle = await readableCycle(db, user, 3);
 */
export async function readableCycle(db: Kysely<DB>, user: CurrentUser, id: number): Promise<Row<'cycles'>> {
  const cycle = await loadCycle(db, id);
  if (user.role === 'employee') {
    const released = RELEASED_STATUSES.includes(cycle.status);
    const own = released && (await db.selectFrom('results').select('employee_id').where('cycle_id', '=', id).where('employee_id', '=', user.employeeId ?? 0).executeTakeFirst());
    if (!own) throw new YardstickError('forbidden', `Cycle ${cycle.key} has no published result of yours.`, { cycleId: String(id) });
  }
  return cycle;
}

/**
 * Create a cycle (status open).
 * @example await createCycle(db, hr, { key: '2026-Q3', title: 'Q3 2026', period: 'quarter', startsOn: '2026-07-01', endsOn: '2026-09-30' })
 */
export async function createCycle(db: Kysely<DB>, user: CurrentUser, input: CycleInput): Promise<ApiCycle> {
  parseDay(input.startsOn, 'startsOn');
  parseDay(input.endsOn, 'endsOn');
  if (input.endsOn < input.startsOn) throw new YardstickError('invalid_argument', `The cycle ends (${input.endsOn}) before it starts (${input.startsOn}).`, { field: 'endsOn' });
  return inTransaction(db, async (trx) => {
    const taken = await trx.selectFrom('cycles').select('id').where('key', '=', input.key).executeTakeFirst();
    if (taken) throw new YardstickError('conflict', `A cycle with key ${input.key} already exists (id ${taken.id}).`, { key: input.key, cycleId: String(taken.id) });
    const row = await trx
      .insertInto('cycles')
      .values({ key: input.key, title: input.title, period: input.period, starts_on: input.startsOn, ends_on: input.endsOn, created_by: user.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, { actor: actorOf(user), action: 'cycle.create', entityType: 'cycle', entityId: row.id, payload: { key: row.key, title: row.title, period: row.period, startsOn: row.starts_on, endsOn: row.ends_on } });
    return toApiCycle(row);
  });
}

/**
 * One cycle with its assignments and counts (within the user's scope).
 * @example const { assignments, counts } = await getCycle(db, user, 3);
 */
export async function getCycle(db: Kysely<DB>, user: CurrentUser, id: number) {
  const cycle = await readableCycle(db, user, id);
  const assignments = await visibleAssignments(db, user, await loadAssignments(db, id));
  const versions = await loadVersions(db, assignments.map((a) => a.versionId));
  return {
    ...toApiCycle(cycle),
    assignments: assignments.map((a) => {
      const v = versions.get(a.versionId)!;
      return { id: apiId(a.id), versionId: apiId(a.versionId), schemeId: apiId(v.schemeId), schemeKey: v.schemeKey, versionNumber: v.number, contentHash: v.contentHash, departmentId: apiId(a.departmentId), positionId: apiId(a.positionId) };
    }),
    counts: await cycleCounts(db, user, id),
  };
}

/**
 * The assignments a user may see: all for HR and auditors; for a manager those covering their
 * departments (or every department); for an employee those that could apply to them (their
 * department and position, or any). Another department's schemes and versions stay unseen.
 */
async function visibleAssignments<A extends { departmentId: number | null; positionId: number | null }>(db: Kysely<DB>, user: CurrentUser, assignments: A[]): Promise<A[]> {
  const departments = readableDepartments(user);
  if (departments === null) return assignments;
  if (user.role !== 'employee') return assignments.filter((a) => a.departmentId === null || departments.includes(a.departmentId));
  const self = await db.selectFrom('employees').select(['department_id', 'position_id']).where('id', '=', user.employeeId ?? 0).executeTakeFirst();
  if (!self) return [];
  return assignments.filter((a) => (a.departmentId === null || a.departmentId === self.department_id) && (a.positionId === null || a.positionId === self.position_id));
}

/** Assessed employees, employees with any input, input values, results and open appeals, in the user's scope. */
async function cycleCounts(db: Kysely<DB>, user: CurrentUser, cycleId: number) {
  const departments = readableDepartments(user);
  const self = user.role === 'employee' ? (user.employeeId ?? 0) : null;
  // "Assessed" = some assignment matches; the most specific one exists exactly when any does.
  let assessed = db
    .selectFrom('employees as e')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('e.active', '=', true)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('cycle_assignments as a')
          .select('a.id')
          .where('a.cycle_id', '=', cycleId)
          .where((w) => w.or([w('a.department_id', 'is', null), w('a.department_id', '=', w.ref('e.department_id'))]))
          .where((w) => w.or([w('a.position_id', 'is', null), w('a.position_id', '=', w.ref('e.position_id'))])),
      ),
    );
  let values = db.selectFrom('inputs as i').innerJoin('employees as e', 'e.id', 'i.employee_id').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.count<number>('i.employee_id').distinct().as('people')]).where('i.cycle_id', '=', cycleId);
  let results = db.selectFrom('results as r').innerJoin('employees as e', 'e.id', 'r.employee_id').select((eb) => eb.fn.countAll<number>().as('n')).where('r.cycle_id', '=', cycleId);
  let appeals = db.selectFrom('appeals as p').innerJoin('employees as e', 'e.id', 'p.employee_id').select((eb) => eb.fn.countAll<number>().as('n')).where('p.cycle_id', '=', cycleId).where('p.status', 'in', ['filed', 'department-review', 'hr-review']);
  if (self === null && departments !== null) {
    const list = departments.length ? departments : [0];
    assessed = assessed.where('e.department_id', 'in', list);
    values = values.where('e.department_id', 'in', list);
    results = results.where('e.department_id', 'in', list);
    appeals = appeals.where('e.department_id', 'in', list);
  }
  if (self !== null) {
    assessed = assessed.where('e.id', '=', self);
    values = values.where('e.id', '=', self);
    results = results.where('e.id', '=', self);
    appeals = appeals.where('e.id', '=', self);
  }
  const [a, v, r, p] = await Promise.all([assessed.executeTakeFirstOrThrow(), values.executeTakeFirstOrThrow(), results.executeTakeFirstOrThrow(), appeals.executeTakeFirstOrThrow()]);
  return { employees: a.n, employeesWithInputs: v.people, inputValues: v.n, results: r.n, openAppeals: p.n };
}

/**
 * Replace the cycle's assignments in one transaction. Only published versions; refused once
 * the cycle is evaluated or later, and while an evaluation job runs.
 * @example await replaceAssignments(db, hr, 3, [{ versionId: '12' }, { versionId: '14', departmentId: '2' }])
 */
export async function replaceAssignments(db: Kysely<DB>, user: CurrentUser, cycleId: number, input: readonly AssignmentInput[]) {
  const rows = input.map((a, i) => ({ index: i, versionId: Number(a.versionId), departmentId: a.departmentId == null ? null : Number(a.departmentId), positionId: a.positionId == null ? null : Number(a.positionId) }));
  const seen = new Map<string, number>();
  for (const r of rows) {
    const scope = `${r.departmentId ?? '*'}/${r.positionId ?? '*'}`;
    if (seen.has(scope)) throw new YardstickError('invalid_argument', `Assignments ${seen.get(scope)! + 1} and ${r.index + 1} cover the same department and position; each scope may appear once.`, { index: r.index });
    seen.set(scope, r.index);
  }
  await inTransaction(db, async (trx) => {
    const cycle = await lockCycle(trx, cycleId);
    assertCycleStatus(cycle, cycleStatusesAllowing('assignments'), 'change their scheme assignments');
    await assertNoActiveJob(trx, cycle, 'change the assignments');
    await checkReferences(trx, rows);
    const previous = await loadAssignments(trx, cycleId);
    await trx.deleteFrom('cycle_assignments').where('cycle_id', '=', cycleId).execute();
    if (rows.length) await trx.insertInto('cycle_assignments').values(rows.map((r) => ({ cycle_id: cycleId, scheme_version_id: r.versionId, department_id: r.departmentId, position_id: r.positionId }))).execute();
    await trx.updateTable('cycles').set({ updated_at: new Date() }).where('id', '=', cycleId).execute();
    const describe = (a: { versionId: number; departmentId: number | null; positionId: number | null }) => ({ versionId: apiId(a.versionId), departmentId: apiId(a.departmentId), positionId: apiId(a.positionId) });
    await appendAudit(trx, { actor: actorOf(user), action: 'cycle.assignments', entityType: 'cycle', entityId: cycleId, payload: { key: cycle.key, assignments: rows.map(describe), previous: previous.map(describe) } });
  });
  return getCycle(db, user, cycleId);
}

/** 404 for unknown versions, departments and positions; 409 for versions that are not published. */
async function checkReferences(trx: Transaction<DB>, rows: ReadonlyArray<{ index: number; versionId: number; departmentId: number | null; positionId: number | null }>): Promise<void> {
  const ids = (pick: (r: (typeof rows)[number]) => number | null) => [...new Set(rows.map(pick).filter((x): x is number => x !== null))];
  const versionIds = ids((r) => r.versionId);
  const departmentIds = ids((r) => r.departmentId);
  const positionIds = ids((r) => r.positionId);
  const versions = versionIds.length ? await trx.selectFrom('scheme_versions').select(['id', 'number', 'status']).where('id', 'in', versionIds).execute() : [];
  const departments = new Set(departmentIds.length ? (await trx.selectFrom('departments').select('id').where('id', 'in', departmentIds).execute()).map((d) => d.id) : []);
  const positions = new Set(positionIds.length ? (await trx.selectFrom('positions').select('id').where('id', 'in', positionIds).execute()).map((p) => p.id) : []);
  for (const r of rows) {
    const version = versions.find((v) => v.id === r.versionId);
    if (!version) throw new YardstickError('not_found', `No scheme version with id ${r.versionId} (assignment ${r.index + 1}).`, { index: r.index, versionId: String(r.versionId) });
    if (version.status !== 'published') throw new YardstickError('invalid_transition', `Scheme version ${r.versionId} is ${version.status}; only published versions can be assigned to a cycle (assignment ${r.index + 1}).`, { index: r.index, versionId: String(r.versionId), status: version.status });
    if (r.departmentId !== null && !departments.has(r.departmentId)) throw new YardstickError('not_found', `No department with id ${r.departmentId} (assignment ${r.index + 1}).`, { index: r.index, departmentId: String(r.departmentId) });
    if (r.positionId !== null && !positions.has(r.positionId)) throw new YardstickError('not_found', `No position with id ${r.positionId} (assignment ${r.index + 1}).`, { index: r.index, positionId: String(r.positionId) });
  }
}

/**
 * Move a cycle to its next status by hand (see `NEXT_CYCLE_STATUSES`); 409 names the allowed next
 * statuses otherwise.
 * @example await transitionCycle(db, hr, 3, 'collecting')
 */
export async function transitionCycle(db: Kysely<DB>, user: CurrentUser, cycleId: number, to: CycleStatus): Promise<ApiCycle> {
  return inTransaction(db, async (trx) => {
    const cycle = await lockCycle(trx, cycleId);
    const allowed = NEXT_CYCLE_STATUSES[cycle.status];
    if (!allowed.includes(to)) {
      const details = { cycleId: String(cycleId), from: cycle.status, to, allowed };
      if (to === 'evaluated') throw new YardstickError('invalid_transition', `Cycle ${cycle.key} becomes evaluated by running an evaluation (POST /api/cycles/${cycleId}/evaluate), not by hand.`, details);
      const next = allowed.length ? `it can move to ${allowed.join(' or ')} next` : cycle.status === 'closed' ? 'closed cycles cannot change' : 'it moves on when an evaluation finishes';
      throw new YardstickError('invalid_transition', `Cycle ${cycle.key} is ${cycle.status} and cannot move to ${to}; ${next}.`, details);
    }
    await assertNoActiveJob(trx, cycle, `move it to ${to}`);
    const row = await trx.updateTable('cycles').set({ status: to, updated_at: new Date() }).where('id', '=', cycleId).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, { actor: actorOf(user), action: 'cycle.transition', entityType: 'cycle', entityId: cycleId, payload: { key: cycle.key, from: cycle.status, to } });
    return toApiCycle(row);
  });
}
