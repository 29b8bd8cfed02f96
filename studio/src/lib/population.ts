/**
 * @module lib/population
 * A cycle's stored inputs as the rules pipeline's employee records, for what-if evaluation in
 * the browser (the simulator).
 */
import type { EmployeeData } from '../../../rules/scheme/employee-run.ts';
import { api } from './api.ts';
import type { Department, InputGrid, Position } from './types.ts';

export interface PopulationRow {
  data: EmployeeData;
  employeeId: string;
  name: string;
}

/**
 * Every employee of a cycle assessed with one scheme version, with their stored inputs.
 * Employee ids are their codes, positions and departments their keys (as the server evaluates).
 */
export async function loadPopulation(cycleId: string, versionId: string, departments: Department[], positions: Position[]): Promise<PopulationRow[]> {
  const deptKey = new Map(departments.map((d) => [d.id, d.key]));
  const posKey = new Map(positions.map((p) => [p.id, p.key]));
  const out: PopulationRow[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api.get<InputGrid>(`/api/cycles/${cycleId}/inputs`, { limit: 500, offset });
    for (const row of page.rows) {
      if (row.versionId !== versionId) continue;
      const inputs: Record<string, unknown> = {};
      for (const [key, cell] of Object.entries(row.cells)) if (cell && cell.value !== null && cell.value !== undefined) inputs[key] = cell.value;
      out.push({ employeeId: row.employeeId, name: row.name, data: { id: row.code, position: posKey.get(row.positionId) ?? null, department: deptKey.get(row.departmentId) ?? null, inputs } });
    }
    if (offset + 500 >= page.total) return out;
  }
}
