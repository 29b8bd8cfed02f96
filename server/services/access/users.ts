/**
 * @module services/access/users
 * User accounts (HR creates them; HR and auditors list them). A user has one role; managers
 * cover one or more departments, employees are linked to their own employee record. Passwords
 * are stored only as scrypt hashes; a user without a password signs in with API tokens only.
 */
import type { Kysely } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import type { Locale } from '../../../schemas/vocabulary.ts';
import type { DB, UserRole } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiId, apiRecord } from '../api-format.ts';
import { appendAudit } from '../audit/audit.ts';
import { assertExists } from '../org/org.ts';
import { assertPasswordAcceptable, hashPassword } from './passwords.ts';
import { actorOf } from './scope.ts';
import { inTransaction } from '../transaction.ts';

export interface NewUser {
  username: string;
  displayName: string;
  role: UserRole;
  /** Must pass `assertPasswordAcceptable` (at least 12 characters, …); omitted: no password login (API tokens only). */
  password?: string;
  locale?: Locale;
  /** Managers only, at least one. */
  departmentIds?: number[];
  /** Employees only, required. */
  employeeId?: number;
}

/**
 * Every user, by user name, without secrets.
 * @example await listUsers(db) // { items: [{ id: '1', username: 'hr', role: 'hr', departmentIds: [], hasPassword: true, … }] }
 */
export async function listUsers(db: Kysely<DB>) {
  const [users, links] = await Promise.all([
    db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'employee_id', 'locale', 'created_at', 'password_hash']).orderBy('username').execute(),
    db.selectFrom('user_departments').select(['user_id', 'department_id']).orderBy('department_id').execute(),
  ]);
  const departments = new Map<number, string[]>();
  for (const link of links) departments.set(link.user_id, [...(departments.get(link.user_id) ?? []), String(link.department_id)]);
  return {
    items: users.map((u) => ({
      ...apiRecord(u, ['id', 'username', 'display_name', 'role', 'locale']),
      departmentIds: departments.get(u.id) ?? [],
      ...apiRecord(u, ['employee_id']),
      hasPassword: u.password_hash !== null,
      ...apiRecord(u, ['created_at']),
    })),
  };
}

/**
 * Create a user (HR). The audit entry records who was created with which role and scope, never the password.
 * @example await createUser(db, hr, { username: 'wang', displayName: 'Wang Fang', role: 'manager', password: 'harbour lantern 7', departmentIds: [3] })
 */
export async function createUser(db: Kysely<DB>, user: CurrentUser, input: NewUser) {
  const departmentIds = [...new Set(input.departmentIds ?? [])];
  checkScopeFields(input, departmentIds);
  if (input.password !== undefined) assertPasswordAcceptable(input.password, input.username);
  for (const id of departmentIds) await assertExists(db, 'departments', id, 'department');
  if (input.employeeId !== undefined) await assertEmployeeFree(db, input.employeeId);
  const taken = await db.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
  if (taken) throw new YardstickError('conflict', `The user name "${input.username}" is taken.`, { username: input.username });
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);

  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('users')
      .values({ username: input.username, display_name: input.displayName, password_hash: passwordHash, role: input.role, employee_id: input.employeeId ?? null, ...(input.locale ? { locale: input.locale } : {}) })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (departmentIds.length > 0) await trx.insertInto('user_departments').values(departmentIds.map((department_id) => ({ user_id: row.id, department_id }))).execute();
    await appendAudit(trx, {
      actor: actorOf(user),
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      payload: { username: input.username, role: input.role, departmentIds: departmentIds.map(String), employeeId: apiId(input.employeeId ?? null), passwordLogin: passwordHash !== null },
    });
    return row.id;
  });
  const created = (await listUsers(db)).items.find((u) => u.id === String(id))!;
  return created;
}

/** Scope fields must fit the role, so a user can never see more than their role implies. */
function checkScopeFields(input: NewUser, departmentIds: number[]): void {
  if (input.role === 'manager' && departmentIds.length === 0) throw new YardstickError('invalid_argument', 'A manager needs at least one department (departmentIds).', { field: 'departmentIds' });
  if (input.role !== 'manager' && departmentIds.length > 0) throw new YardstickError('invalid_argument', `Only managers have departments; a ${input.role} sees ${input.role === 'employee' ? 'only their own record' : 'every department'}.`, { field: 'departmentIds' });
  if (input.role === 'employee' && input.employeeId === undefined) throw new YardstickError('invalid_argument', 'An employee user needs employeeId, the employee record they may see.', { field: 'employeeId' });
  if (input.role !== 'employee' && input.employeeId !== undefined) throw new YardstickError('invalid_argument', 'Only employee users are linked to an employee record (employeeId).', { field: 'employeeId' });
}

async function assertEmployeeFree(db: Kysely<DB>, employeeId: number): Promise<void> {
  await assertExists(db, 'employees', employeeId, 'employee');
  const linked = await db.selectFrom('users').select(['id', 'username']).where('employee_id', '=', employeeId).executeTakeFirst();
  if (linked) throw new YardstickError('conflict', `Employee ${employeeId} already has a user (${linked.username}).`, { employeeId: String(employeeId), userId: String(linked.id) });
}

/**
 * Change the language a user's studio and messages speak.
 * @example await setLocale(db, user, 'en')
 */
export async function setLocale(db: Kysely<DB>, user: CurrentUser, locale: Locale): Promise<void> {
  const updated = await db.updateTable('users').set({ locale }).where('id', '=', user.id).executeTakeFirst();
  if (!updated.numUpdatedRows) throw new YardstickError('not_found', 'Your user no longer exists.');
}
