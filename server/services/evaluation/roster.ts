/**
 * @module services/evaluation/roster
 * Who is assessed in a cycle, and with which scheme version.
 *
 * A cycle's assignments each name a department, a position, both, or neither. The version that
 * applies to an employee is the most specific assignment that matches them:
 *
 *   department + position  >  position  >  department  >  cycle-wide (neither)
 *
 * Departments match exactly (an assignment to a parent department does not reach its
 * sub-departments; give them their own row). Active employees that no assignment matches are
 * not assessed in the cycle: they have no inputs grid row and no result.
 */
import type { Kysely } from 'kysely';
import type { DB, JsonObject } from '../../db/types.ts';

/** An assignment as stored. */
export interface Assignment {
  id: number;
  versionId: number;
  departmentId: number | null;
  positionId: number | null;
}

/** An assessed employee with everything evaluation needs about them. */
export interface RosterEntry {
  id: number;
  code: string;
  name: string;
  departmentId: number;
  departmentKey: string;
  departmentName: string;
  positionId: number;
  positionKey: string;
  level: string | null;
  attributes: JsonObject;
  versionId: number;
}

/** Narrow the roster; every filter is optional and they combine with AND. */
export interface RosterFilter {
  /** Only these departments (null or undefined: all). */
  departmentIds?: readonly number[] | null;
  employeeIds?: readonly number[];
  positionIds?: readonly number[];
}

/**
 * The cycle's assignments.
 * @example const assignments = await loadAssignments(db, 3);
 */
export async function loadAssignments(db: Kysely<DB>, cycleId: number): Promise<Assignment[]> {
  const rows = await db.selectFrom('cycle_assignments').select(['id', 'scheme_version_id', 'department_id', 'position_id']).where('cycle_id', '=', cycleId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, versionId: r.scheme_version_id, departmentId: r.department_id, positionId: r.position_id }));
}

/**
 * A function answering "which version applies to (department, position)?", or null.
 * @example
 * const versionFor = versionResolver([{ id: 1, versionId: 7, departmentId: null, positionId: null }]);
 * versionFor(3, 5) // 7
 */
export function versionResolver(assignments: readonly Assignment[]): (departmentId: number, positionId: number) => number | null {
  const byScope = new Map(assignments.map((a) => [`${a.departmentId ?? ''}/${a.positionId ?? ''}`, a.versionId]));
  return (departmentId, positionId) =>
    byScope.get(`${departmentId}/${positionId}`) ?? byScope.get(`/${positionId}`) ?? byScope.get(`${departmentId}/`) ?? byScope.get('/') ?? null;
}

/**
 * The assessed employees of a cycle, ordered by employee code, each with their version.
 * One query for the employees, resolution in memory (assignments are few).
 * @example
 * const roster = await loadRoster(db, 3, { departmentIds: user.departmentIds });
 */
export async function loadRoster(db: Kysely<DB>, cycleId: number, filter: RosterFilter = {}, assignments?: readonly Assignment[]): Promise<RosterEntry[]> {
  const versionFor = versionResolver(assignments ?? (await loadAssignments(db, cycleId)));
  if (filter.departmentIds?.length === 0 || filter.employeeIds?.length === 0 || filter.positionIds?.length === 0) return [];
  let q = employeeRows(db).where('e.active', '=', true);
  if (filter.departmentIds) q = q.where('e.department_id', 'in', [...filter.departmentIds]);
  if (filter.employeeIds) q = q.where('e.id', 'in', [...filter.employeeIds]);
  if (filter.positionIds) q = q.where('e.position_id', 'in', [...filter.positionIds]);
  const rows = await q.orderBy('e.code').execute();
  const out: RosterEntry[] = [];
  for (const r of rows) {
    const versionId = versionFor(r.department_id, r.position_id);
    if (versionId !== null) out.push(toEntry(r, versionId));
  }
  return out;
}

/**
 * One employee (active or not) as a roster entry with a given version: for explaining and
 * reproducing a stored result, whose version is fixed by the result row.
 * @example const entry = await employeeEntry(db, 17, result.scheme_version_id);
 */
export async function employeeEntry(db: Kysely<DB>, employeeId: number, versionId: number): Promise<RosterEntry | undefined> {
  const row = await employeeRows(db).where('e.id', '=', employeeId).executeTakeFirst();
  return row && toEntry(row, versionId);
}

/**
 * The employees whose stored result in the cycle was computed with the version: the population
 * that version was evaluated over, whoever has left or moved since.
 * @example const peers = await resultPopulation(db, 3, 12);
 */
export async function resultPopulation(db: Kysely<DB>, cycleId: number, versionId: number): Promise<RosterEntry[]> {
  const rows = await employeeRows(db)
    .innerJoin('results as r', 'r.employee_id', 'e.id')
    .where('r.cycle_id', '=', cycleId)
    .where('r.scheme_version_id', '=', versionId)
    .execute();
  return rows.map((r) => toEntry(r, versionId));
}

function employeeRows(db: Kysely<DB>) {
  return db
    .selectFrom('employees as e')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .innerJoin('positions as p', 'p.id', 'e.position_id')
    .select(['e.id', 'e.code', 'e.name', 'e.department_id', 'd.key as department_key', 'd.name as department_name', 'e.position_id', 'p.key as position_key', 'e.level', 'e.attributes']);
}

type EmployeeRow = Awaited<ReturnType<ReturnType<typeof employeeRows>['executeTakeFirstOrThrow']>>;

function toEntry(r: EmployeeRow, versionId: number): RosterEntry {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    departmentId: r.department_id,
    departmentKey: r.department_key,
    departmentName: r.department_name,
    positionId: r.position_id,
    positionKey: r.position_key,
    level: r.level,
    attributes: r.attributes,
    versionId,
  };
}
