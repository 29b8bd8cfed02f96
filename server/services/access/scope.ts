/**
 * @module services/access/scope
 * What each role may see and change, enforced on the server for every request:
 * HR everything; auditors read everything and change nothing; managers their own
 * departments; employees only themselves. Refusals name what was refused.
 */
import type { Kysely } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';

/**
 * Departments the user may read: null means all.
 * @example readableDepartments(manager) // [3]
 */
export function readableDepartments(user: CurrentUser): number[] | null {
  if (user.role === 'hr' || user.role === 'auditor') return null;
  if (user.role === 'manager') return user.departmentIds;
  return [];
}

/**
 * Throw 403 unless the user may read data of the department.
 * @example assertCanReadDepartment(user, 3)
 */
export function assertCanReadDepartment(user: CurrentUser, departmentId: number | null): void {
  const allowed = readableDepartments(user);
  if (allowed === null) return;
  if (departmentId === null || !allowed.includes(departmentId)) throw new YardstickError('forbidden', 'You can only see your own department(s).', { departmentId: departmentId === null ? null : String(departmentId) });
}

/**
 * Throw 403 unless the user may change data of the department (HR anywhere, managers in their own).
 * @example assertCanWriteDepartment(user, 3)
 */
export function assertCanWriteDepartment(user: CurrentUser, departmentId: number | null): void {
  if (user.role === 'hr') return;
  if (user.role === 'manager' && departmentId !== null && user.departmentIds.includes(departmentId)) return;
  throw new YardstickError('forbidden', user.role === 'manager' ? 'You can only change your own department(s).' : `Your role (${user.role}) cannot make changes here.`, { departmentId: departmentId === null ? null : String(departmentId) });
}

/**
 * Throw 404/403 unless the user may read the employee; returns the employee's department.
 * Employees may read only themselves.
 * @example const { departmentId } = await assertCanReadEmployee(db, user, 17);
 */
export async function assertCanReadEmployee(db: Kysely<DB>, user: CurrentUser, employeeId: number): Promise<{ departmentId: number }> {
  const employee = await db.selectFrom('employees').select(['id', 'department_id']).where('id', '=', employeeId).executeTakeFirst();
  if (!employee) throw new YardstickError('not_found', `No employee with id ${employeeId}.`, { employeeId: String(employeeId) });
  if (user.role === 'employee') {
    if (user.employeeId !== employeeId) throw new YardstickError('forbidden', 'You can only see your own results.');
  } else {
    assertCanReadDepartment(user, employee.department_id);
  }
  return { departmentId: employee.department_id };
}

/**
 * Parse an id from a path or body, refusing anything but a positive integer.
 * @example parseId('12', 'scheme') // 12
 */
export function parseId(value: string | undefined, what: string): number {
  if (value === undefined || !/^[1-9]\d{0,15}$/.test(value)) throw new YardstickError('not_found', `No ${what} with id ${JSON.stringify(value ?? '')}.`);
  return Number(value);
}

/** The audit actor for a user. */
export function actorOf(user: CurrentUser): { userId: number; label: string } {
  return { userId: user.id, label: user.username };
}
