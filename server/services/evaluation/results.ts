/**
 * @module services/evaluation/results
 * Reading a cycle's results, in the reader's scope: HR and auditors everything, managers their
 * departments, employees their own row, and only once the cycle is published (before that,
 * results may still change in calibration).
 */
import { sql, type Kysely } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB, Row } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiId, apiTime } from '../api-format.ts';
import { loadCycle, RELEASED_STATUSES } from '../cycles/cycles.ts';
import { explainResult } from './explain.ts';
import { parsePaging, queryId } from '../query-params.ts';
import { assertCanReadDepartment, assertCanReadEmployee, readableDepartments } from '../access/scope.ts';

export interface ResultQuery {
  department?: string;
  position?: string;
  grade?: string;
  q?: string;
  sort?: string;
  limit?: string;
  offset?: string;
}

const SORTS = ['total', '-total', 'code'] as const;

/**
 * The cycle and one stored result the user may read, or 404/403 naming what is missing.
 * @example const { cycle, result } = await readableResult(db, user, 3, 17);
 */
export async function readableResult(db: Kysely<DB>, user: CurrentUser, cycleId: number, employeeId: number): Promise<{ cycle: Row<'cycles'>; result: Row<'results'> }> {
  const cycle = await loadCycle(db, cycleId);
  await assertCanReadEmployee(db, user, employeeId);
  assertReleasedFor(user, cycle);
  const result = await db.selectFrom('results').selectAll().where('cycle_id', '=', cycleId).where('employee_id', '=', employeeId).executeTakeFirst();
  if (!result) throw new YardstickError('not_found', `Employee ${employeeId} has no result in cycle ${cycle.key} yet.`, { cycleId: apiId(cycleId), employeeId: apiId(employeeId) });
  return { cycle, result };
}

/** Employees see results only of published or closed cycles. */
function assertReleasedFor(user: CurrentUser, cycle: Row<'cycles'>): void {
  if (user.role === 'employee' && !RELEASED_STATUSES.includes(cycle.status)) {
    throw new YardstickError('forbidden', `The results of cycle ${cycle.key} are not published yet; you will see yours once HR publishes them.`, { cycleId: apiId(cycle.id) });
  }
}

/**
 * One page of results with filters: department, position, grade, `q` (code or name contains),
 * sort `total` | `-total` | `code` (default; totals without a value come last).
 * @example await listResults(db, hr, 3, { grade: 'A', sort: '-total', limit: '20' })
 */
export async function listResults(db: Kysely<DB>, user: CurrentUser, cycleId: number, query: ResultQuery) {
  const cycle = await loadCycle(db, cycleId);
  assertReleasedFor(user, cycle);
  const paging = parsePaging(query, 50);
  const sort = query.sort ?? 'code';
  if (!(SORTS as readonly string[]).includes(sort)) throw new YardstickError('invalid_argument', `sort must be one of ${SORTS.join(', ')}.`, { sort });
  const department = queryId(query.department, 'department');
  const position = queryId(query.position, 'position');
  if (department !== undefined) assertCanReadDepartment(user, department);
  let q = db
    .selectFrom('results as r')
    .innerJoin('employees as e', 'e.id', 'r.employee_id')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .innerJoin('positions as p', 'p.id', 'e.position_id')
    .where('r.cycle_id', '=', cycleId);
  const departments = readableDepartments(user);
  if (user.role === 'employee') q = q.where('e.id', '=', user.employeeId ?? 0);
  else if (departments !== null) q = q.where('e.department_id', 'in', departments.length ? departments : [0]);
  if (department !== undefined) q = q.where('e.department_id', '=', department);
  if (position !== undefined) q = q.where('e.position_id', '=', position);
  if (query.grade !== undefined) q = q.where('r.grade', '=', query.grade);
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q = q.where((eb) => eb.or([eb('e.code', 'ilike', like), eb('e.name', 'ilike', like)]));
  }
  const { n } = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = q.select(['r.employee_id', 'e.code', 'e.name', 'e.department_id', 'd.key as department_key', 'd.name as department_name', 'e.position_id', 'p.key as position_key', 'r.scheme_version_id', 'r.total', 'r.grade', 'r.status', 'r.computed_at', sql<number | null>`(r.result->'rank'->>'position')::int`.as('rank')]);
  if (sort === 'total') page = page.orderBy('r.total', (ob) => ob.asc().nullsLast());
  if (sort === '-total') page = page.orderBy('r.total', (ob) => ob.desc().nullsLast());
  const rows = await page.orderBy('e.code').limit(paging.limit).offset(paging.offset).execute();
  return {
    total: n,
    limit: paging.limit,
    offset: paging.offset,
    items: rows.map((r) => ({
      employeeId: apiId(r.employee_id),
      code: r.code,
      name: r.name,
      departmentId: apiId(r.department_id),
      departmentKey: r.department_key,
      departmentName: r.department_name,
      positionId: apiId(r.position_id),
      positionKey: r.position_key,
      versionId: apiId(r.scheme_version_id),
      total: r.total,
      grade: r.grade,
      status: r.status,
      rank: r.rank,
      computedAt: apiTime(r.computed_at),
    })),
  };
}

/**
 * One stored result, plus its explanation (per-indicator traces) recomputed on the fly.
 * @example const r = await getResult(db, employee, 3, 17); r.explanation.indicators[0].trace
 */
export async function getResult(db: Kysely<DB>, user: CurrentUser, cycleId: number, employeeId: number) {
  const { cycle, result } = await readableResult(db, user, cycleId, employeeId);
  const explained = await explainResult(db, result);
  return { ...resultView(cycle, result, explained), explanation: explained.explanation, inputsChanged: explained.inputsChanged };
}

/**
 * The parts of a result view shared with the evidence pack.
 * @example resultView(cycle, row, explained).schemeVersion.contentHash
 */
export function resultView(cycle: Row<'cycles'>, result: Row<'results'>, explained: Awaited<ReturnType<typeof explainResult>>) {
  const { version, entry } = explained;
  return {
    cycle: { id: apiId(cycle.id), key: cycle.key, title: cycle.title, status: cycle.status, startsOn: cycle.starts_on, endsOn: cycle.ends_on },
    employee: { id: apiId(entry.id), code: entry.code, name: entry.name, departmentId: apiId(entry.departmentId), departmentKey: entry.departmentKey, positionId: apiId(entry.positionId), positionKey: entry.positionKey },
    schemeVersion: { id: apiId(version.id), schemeKey: version.schemeKey, number: version.number, contentHash: version.contentHash },
    total: result.total,
    grade: result.grade,
    status: result.status,
    schemeHash: result.scheme_hash,
    inputsHash: result.inputs_hash,
    jobId: apiId(result.job_id),
    computedAt: apiTime(result.computed_at),
    result: result.result,
  };
}
