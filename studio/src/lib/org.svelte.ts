/**
 * @module lib/org
 * Departments and positions, loaded once per session and shared by every page that names them
 * (filters, the clone form, the weight matrix, cycle assignments).
 */
import { api } from './api.ts';
import { Resource } from './resource.svelte.ts';
import type { Department, Position } from './types.ts';

let departments: Resource<Department[]> | null = null;
let positions: Resource<Position[]> | null = null;

/** The departments the user may see (managers: their own). */
export function departmentsResource(): Resource<Department[]> {
  if (!departments) {
    departments = new Resource(async () => (await api.get<{ items: Department[] }>('/api/departments')).items);
    void departments.load();
  }
  return departments;
}

/** Positions shared by all departments and those of the user's departments. */
export function positionsResource(): Resource<Position[]> {
  if (!positions) {
    positions = new Resource(async () => (await api.get<{ items: Position[] }>('/api/positions')).items);
    void positions.load();
  }
  return positions;
}

/** Forget the cached lists (on logout, so the next user loads their own scope). */
export function resetOrg(): void {
  departments = null;
  positions = null;
}

/** A department's name by id, or the id when unknown. */
export function departmentName(id: string | null, list: Department[] | undefined): string | null {
  if (id === null) return null;
  return list?.find((d) => d.id === id)?.name ?? id;
}

/** Keys as the scheme schema allows them: letters of any script, digits, _ and -, no dots. */
export const KEY_PATTERN = /^[\p{L}\p{N}_][\p{L}\p{N}\p{M}_-]*$/u;

/** Whether a key is usable (pattern, length, not a forbidden name). */
export function isValidKey(key: string): boolean {
  return key.length > 0 && key.length <= 64 && KEY_PATTERN.test(key) && !['__proto__', 'constructor', 'prototype'].includes(key);
}
