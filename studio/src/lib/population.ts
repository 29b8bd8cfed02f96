/**
 * @module lib/population
 * A cycle's stored inputs as the rules pipeline's employee records, for what-if evaluation in
 * the browser (the simulator).
 */
import type { EmployeeData } from '../../../rules/4-evaluate/employee-run.ts';
import { api, fetchAllPages } from './api.ts';
import type { Department, InputGrid, Position } from './types.ts';

export interface PopulationRow {
  data: EmployeeData;
  employeeId: string;
  name: string;
}

/**
 * Every employee of a cycle assessed with one scheme version, with their stored inputs and
 * attributes. Employee ids are their codes, positions and departments their keys, attributes
 * (team, group, level) as the server evaluates them, so peer groups and quotas per team match.
 */
export async function loadPopulation(cycleId: string, versionId: string, departments: Department[], positions: Position[]): Promise<PopulationRow[]> {
  const deptKey = new Map(departments.map((d) => [d.id, d.key]));
  const posKey = new Map(positions.map((p) => [p.id, p.key]));
  const rows = await fetchAllPages(async (offset, limit) => {
    const page = await api.get<InputGrid>(`/api/cycles/${cycleId}/inputs`, { limit, offset });
    return { items: page.rows, total: page.total };
  });
  const out: PopulationRow[] = [];
  for (const row of rows) {
    if (row.versionId !== versionId) continue;
    const inputs: Record<string, unknown> = {};
    for (const [key, cell] of Object.entries(row.cells)) if (cell && cell.value !== null && cell.value !== undefined) inputs[key] = cell.value;
    const data: EmployeeData = { id: row.code, position: posKey.get(row.positionId) ?? null, department: deptKey.get(row.departmentId) ?? null, attributes: row.attributes ?? {}, inputs };
    out.push({ employeeId: row.employeeId, name: row.name, data });
  }
  return out;
}
