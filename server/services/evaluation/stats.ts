/**
 * @module services/evaluation/stats
 * Dashboard figures for a cycle, computed by the database from the stored results (no result
 * is loaded into memory): the grade distribution overall and per department next to each
 * scheme version's quotas, per-indicator mean/min/max per department (the heat map), and the
 * top of the ranking. Managers get the same figures for their own departments only.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiId } from '../api-format.ts';
import { loadCycle } from '../cycles/cycles.ts';
import { readableDepartments } from '../access/scope.ts';
import { loadVersions } from './versions.ts';

/**
 * The figures; `top` is the number of best totals to list (1–100, default 10).
 * @example const stats = await cycleStats(db, hr, 3, { top: '5' }); stats.grades.overall // { A: 2, B: 7, … }
 */
export async function cycleStats(db: Kysely<DB>, user: CurrentUser, cycleId: number, query: { top?: string } = {}) {
  const cycle = await loadCycle(db, cycleId);
  const top = query.top === undefined ? 10 : Number(query.top);
  if (!Number.isInteger(top) || top < 1 || top > 100) throw new YardstickError('invalid_argument', 'top must be a whole number from 1 to 100.', { top: query.top });
  const departments = readableDepartments(user);
  const inScope: RawBuilder<boolean> = departments === null ? sql<boolean>`true` : sql<boolean>`e.department_id in (${sql.join(departments.length ? departments : [0])})`;

  const gradeRows = (
    await sql<{ department_id: number; key: string; name: string; version_id: number; grade: string | null; status: string; n: number }>`
      select e.department_id, d.key, d.name, r.scheme_version_id as version_id, r.grade, r.status, count(*) as n
      from results r join employees e on e.id = r.employee_id join departments d on d.id = e.department_id
      where r.cycle_id = ${cycleId} and ${inScope}
      group by e.department_id, d.key, d.name, r.scheme_version_id, r.grade, r.status
      order by d.key`.execute(db)
  ).rows;
  const indicatorRows = (
    await sql<{ department_id: number; indicator: string; mean: number; min: number; max: number; n: number }>`
      select e.department_id, ind->>'key' as indicator, avg((ind->>'score')::float8) as mean,
             min((ind->>'score')::float8) as min, max((ind->>'score')::float8) as max, count(*) as n
      from results r join employees e on e.id = r.employee_id
      cross join lateral jsonb_array_elements(r.result->'indicators') as ind
      where r.cycle_id = ${cycleId} and ${inScope} and ind->>'status' = 'ok' and jsonb_typeof(ind->'score') = 'number'
      group by e.department_id, ind->>'key'
      order by e.department_id, ind->>'key'`.execute(db)
  ).rows;
  const topRows = (
    await sql<{ employee_id: number; code: string; name: string; department_id: number; total: number; grade: string | null }>`
      select r.employee_id, e.code, e.name, e.department_id, r.total, r.grade
      from results r join employees e on e.id = r.employee_id
      where r.cycle_id = ${cycleId} and ${inScope} and r.total is not null
      order by r.total desc, e.code limit ${top}`.execute(db)
  ).rows;

  const overall: Record<string, number> = {};
  const byDepartment = new Map<number, { departmentId: string; departmentKey: string; departmentName: string; employees: number; incomplete: number; grades: Record<string, number>; versionIds: string[] }>();
  let employees = 0;
  let incomplete = 0;
  for (const r of gradeRows) {
    const dept = byDepartment.get(r.department_id) ?? { departmentId: apiId(r.department_id), departmentKey: r.key, departmentName: r.name, employees: 0, incomplete: 0, grades: {}, versionIds: [] };
    byDepartment.set(r.department_id, dept);
    dept.employees += r.n;
    employees += r.n;
    if (r.status !== 'ok') {
      dept.incomplete += r.n;
      incomplete += r.n;
    }
    if (r.grade !== null) {
      dept.grades[r.grade] = (dept.grades[r.grade] ?? 0) + r.n;
      overall[r.grade] = (overall[r.grade] ?? 0) + r.n;
    }
    if (!dept.versionIds.includes(apiId(r.version_id))) dept.versionIds.push(apiId(r.version_id));
  }
  const versions = await loadVersions(db, [...new Set(gradeRows.map((r) => r.version_id))]);
  return {
    cycle: { id: apiId(cycle.id), key: cycle.key, status: cycle.status },
    employees,
    incomplete,
    grades: { overall, byDepartment: [...byDepartment.values()] },
    schemes: [...versions.values()].map((v) => ({
      versionId: apiId(v.id),
      schemeKey: v.schemeKey,
      number: v.number,
      grades: v.scheme.grading.grades.map((g) => g.key),
      distribution: v.scheme.population?.distribution ?? null,
    })),
    indicators: indicatorRows.map((r) => ({ departmentId: apiId(r.department_id), indicator: r.indicator, mean: r.mean, min: r.min, max: r.max, count: r.n })),
    top: topRows.map((r, i) => ({ rank: i + 1, employeeId: apiId(r.employee_id), code: r.code, name: r.name, departmentId: apiId(r.department_id), total: r.total, grade: r.grade })),
  };
}
