/**
 * @module services/org/employees
 * The people being assessed. HR and auditors see everyone, managers their own departments;
 * only HR adds and changes employee records. Employees read their own record through their
 * results, not here.
 */
import type { Kysely } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import { canonicalJson } from '../../../rules/hash.ts';
import type { DB, JsonObject, Row } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiRecord } from '../api-format.ts';
import { appendAudit } from '../audit/audit.ts';
import { assertExists } from './org.ts';
import type { Paging } from '../query-params.ts';
import { actorOf, assertCanReadDepartment, assertCanReadEmployee, readableDepartments } from '../access/scope.ts';
import { inTransaction } from '../transaction.ts';

export interface EmployeeFilter {
  departmentId?: number;
  positionId?: number;
  /** Part of the code or the name, case-insensitive. */
  q?: string;
}

export interface EmployeeFields {
  code: string;
  name: string;
  departmentId: number;
  positionId: number;
  level?: string | null;
  managerId?: number | null;
  attributes?: JsonObject;
  active?: boolean;
}

type EmployeeRow = Row<'employees'> & { department_key: string; position_key: string };

function employee(e: EmployeeRow) {
  return {
    // Keys as the scheme's weights and scopes name them, so a preview can be filled in directly.
    ...apiRecord(e, ['id', 'code', 'name', 'department_id', 'department_key', 'position_id', 'position_key', 'level', 'manager_id', 'attributes', 'active', 'created_at', 'updated_at']),
  };
}

function selectEmployees(db: Kysely<DB>) {
  return db
    .selectFrom('employees as e')
    .innerJoin('departments as d', 'd.id', 'e.department_id')
    .innerJoin('positions as p', 'p.id', 'e.position_id')
    .selectAll('e')
    .select(['d.key as department_key', 'p.key as position_key']);
}

/**
 * One page of employees the user may see, by code, with the total matching count.
 * @example await listEmployees(db, manager, { q: 'li' }, { limit: 50, offset: 0 }) // { items, total, limit, offset }
 */
export async function listEmployees(db: Kysely<DB>, user: CurrentUser, filter: EmployeeFilter, paging: Paging) {
  if (filter.departmentId !== undefined) assertCanReadDepartment(user, filter.departmentId);
  const scope = readableDepartments(user);
  if (scope !== null && scope.length === 0) return { items: [], total: 0, ...paging };
  const pattern = filter.q === undefined ? undefined : `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const base = selectEmployees(db)
    .$if(scope !== null, (q) => q.where('e.department_id', 'in', scope!))
    .$if(filter.departmentId !== undefined, (q) => q.where('e.department_id', '=', filter.departmentId!))
    .$if(filter.positionId !== undefined, (q) => q.where('e.position_id', '=', filter.positionId!))
    .$if(pattern !== undefined, (q) => q.where((eb) => eb.or([eb('e.code', 'ilike', pattern!), eb('e.name', 'ilike', pattern!)])));
  const [rows, count] = await Promise.all([
    base.orderBy('e.code').limit(paging.limit).offset(paging.offset).execute(),
    base.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(employee), total: count.n, ...paging };
}

/**
 * One employee (404 unknown, 403 another department's).
 * @example await getEmployee(db, manager, 17)
 */
export async function getEmployee(db: Kysely<DB>, user: CurrentUser, id: number) {
  await assertCanReadEmployee(db, user, id);
  return employee(await selectEmployees(db).where('e.id', '=', id).executeTakeFirstOrThrow());
}

/**
 * Add an employee (HR).
 * @example await createEmployee(db, hr, { code: 'E0101', name: 'Li Na', departmentId: 3, positionId: 1 })
 */
export async function createEmployee(db: Kysely<DB>, user: CurrentUser, input: EmployeeFields) {
  await checkReferences(db, input);
  await assertCodeFree(db, input.code);
  const id = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('employees')
      .values({
        code: input.code,
        name: input.name,
        department_id: input.departmentId,
        position_id: input.positionId,
        level: input.level ?? null,
        manager_id: input.managerId ?? null,
        attributes: input.attributes ?? {},
        active: input.active ?? true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, { actor: actorOf(user), action: 'employee.create', entityType: 'employee', entityId: row.id, payload: auditFields(input) });
    return row.id;
  });
  return employee(await selectEmployees(db).where('e.id', '=', id).executeTakeFirstOrThrow());
}

/**
 * Change some fields of an employee (HR). The audit entry keeps each changed field's old and new value.
 * @example await updateEmployee(db, hr, 17, { positionId: 4, level: 'P6' })
 */
export async function updateEmployee(db: Kysely<DB>, user: CurrentUser, id: number, input: Partial<EmployeeFields>) {
  const before = await db.selectFrom('employees').selectAll().where('id', '=', id).executeTakeFirst();
  if (!before) throw new YardstickError('not_found', `No employee with id ${id}.`, { employeeId: String(id) });
  if (input.managerId === id) throw new YardstickError('invalid_argument', 'An employee cannot be their own manager.', { managerId: String(id) });
  await checkReferences(db, input);
  if (input.code !== undefined && input.code !== before.code) await assertCodeFree(db, input.code);
  const set = {
    code: input.code,
    name: input.name,
    department_id: input.departmentId,
    position_id: input.positionId,
    level: input.level,
    manager_id: input.managerId,
    attributes: input.attributes,
    active: input.active,
  };
  // Canonical JSON, so attributes that only come back from jsonb in another key order are not a change.
  const changed = Object.fromEntries(Object.entries(set).filter(([column, value]) => value !== undefined && canonicalJson(value) !== canonicalJson(before[column as keyof typeof before])));
  if (Object.keys(changed).length > 0) {
    await inTransaction(db, async (trx) => {
      await trx.updateTable('employees').set({ ...changed, updated_at: new Date() }).where('id', '=', id).execute();
      const diff = Object.fromEntries(Object.keys(changed).map((column) => [column, { before: auditValue(before[column as keyof typeof before]), after: auditValue(changed[column]) }]));
      await appendAudit(trx, { actor: actorOf(user), action: 'employee.update', entityType: 'employee', entityId: id, payload: { code: before.code, changes: diff } });
    });
  }
  return employee(await selectEmployees(db).where('e.id', '=', id).executeTakeFirstOrThrow());
}

async function checkReferences(db: Kysely<DB>, input: Partial<EmployeeFields>): Promise<void> {
  if (input.departmentId !== undefined) await assertExists(db, 'departments', input.departmentId, 'department');
  if (input.positionId !== undefined) await assertExists(db, 'positions', input.positionId, 'position');
  if (input.managerId !== undefined && input.managerId !== null) await assertExists(db, 'employees', input.managerId, 'employee');
}

async function assertCodeFree(db: Kysely<DB>, code: string): Promise<void> {
  const taken = await db.selectFrom('employees').select('id').where('code', '=', code).executeTakeFirst();
  if (taken) throw new YardstickError('conflict', `Employee code "${code}" is already used (employee id ${taken.id}).`, { code, employeeId: String(taken.id) });
}

/** Ids as strings in audit payloads too, like everywhere in the API. */
function auditValue(value: unknown): unknown {
  return typeof value === 'number' ? String(value) : value instanceof Date ? value.toISOString() : (value ?? null);
}

function auditFields(input: EmployeeFields) {
  return {
    code: input.code,
    name: input.name,
    departmentId: String(input.departmentId),
    positionId: String(input.positionId),
    level: input.level ?? null,
    managerId: input.managerId == null ? null : String(input.managerId),
    attributes: input.attributes ?? {},
    active: input.active ?? true,
  };
}
