/**
 * @module services/org/org
 * Departments and positions: everyone who works with schemes reads them within their scope
 * (managers see their own departments, and positions shared by all or belonging to them);
 * only HR adds them.
 */
import type { Kysely } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB, Row } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiId, apiRecord } from '../api-format.ts';
import { appendAudit } from '../audit/audit.ts';
import { actorOf, readableDepartments } from '../access/scope.ts';
import { inTransaction } from '../transaction.ts';

function department(d: Row<'departments'>) {
  return apiRecord(d, ['id', 'key', 'name', 'parent_id', 'created_at']);
}

function position(p: Row<'positions'>) {
  return apiRecord(p, ['id', 'key', 'name', 'department_id', 'created_at']);
}

/**
 * Departments the user may see, by key.
 * @example await listDepartments(db, manager) // { items: [{ id: '3', key: 'cs', name: 'Customer service', parentId: null, … }] }
 */
export async function listDepartments(db: Kysely<DB>, user: CurrentUser) {
  const scope = readableDepartments(user);
  if (scope !== null && scope.length === 0) return { items: [] };
  const rows = await db
    .selectFrom('departments')
    .selectAll()
    .$if(scope !== null, (q) => q.where('id', 'in', scope!))
    .orderBy('key')
    .execute();
  return { items: rows.map(department) };
}

/**
 * Positions the user may see: shared ones (no department) and those of readable departments.
 * @example await listPositions(db, hr) // { items: [{ id: '1', key: 'agent', departmentId: '3', … }] }
 */
export async function listPositions(db: Kysely<DB>, user: CurrentUser) {
  const scope = readableDepartments(user);
  const rows = await db
    .selectFrom('positions')
    .selectAll()
    .$if(scope !== null, (q) => q.where((eb) => (scope!.length ? eb.or([eb('department_id', 'is', null), eb('department_id', 'in', scope!)]) : eb('department_id', 'is', null))))
    .orderBy('key')
    .execute();
  return { items: rows.map(position) };
}

/**
 * Add a department (HR).
 * @example await createDepartment(db, hr, { key: 'ops', name: 'Operations', parentId: null })
 */
export async function createDepartment(db: Kysely<DB>, user: CurrentUser, input: { key: string; name: string; parentId?: number | null }) {
  const parentId = input.parentId ?? null;
  if (parentId !== null) await assertExists(db, 'departments', parentId, 'department');
  await assertKeyFree(db, 'departments', input.key, 'department');
  const row = await inTransaction(db, async (trx) => {
    const row = await trx.insertInto('departments').values({ key: input.key, name: input.name, parent_id: parentId }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, { actor: actorOf(user), action: 'department.create', entityType: 'department', entityId: row.id, payload: { key: row.key, name: row.name, parentId: apiId(parentId) } });
    return row;
  });
  return department(row);
}

/**
 * Add a position (HR); `departmentId` null means shared by all departments.
 * @example await createPosition(db, hr, { key: 'driver', name: 'Driver', departmentId: 3 })
 */
export async function createPosition(db: Kysely<DB>, user: CurrentUser, input: { key: string; name: string; departmentId?: number | null }) {
  const departmentId = input.departmentId ?? null;
  if (departmentId !== null) await assertExists(db, 'departments', departmentId, 'department');
  await assertKeyFree(db, 'positions', input.key, 'position');
  const row = await inTransaction(db, async (trx) => {
    const row = await trx.insertInto('positions').values({ key: input.key, name: input.name, department_id: departmentId }).returningAll().executeTakeFirstOrThrow();
    await appendAudit(trx, { actor: actorOf(user), action: 'position.create', entityType: 'position', entityId: row.id, payload: { key: row.key, name: row.name, departmentId: apiId(departmentId) } });
    return row;
  });
  return position(row);
}

/**
 * 404 naming the id when the row does not exist.
 * @example await assertExists(db, 'positions', 7, 'position')
 */
export async function assertExists(db: Kysely<DB>, table: 'departments' | 'positions' | 'employees', id: number, what: string): Promise<void> {
  const found = await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst();
  if (!found) throw new YardstickError('not_found', `No ${what} with id ${id}.`, { [`${what}Id`]: String(id) });
}

async function assertKeyFree(db: Kysely<DB>, table: 'departments' | 'positions', key: string, what: string): Promise<void> {
  const taken = await db.selectFrom(table).select('id').where('key', '=', key).executeTakeFirst();
  if (taken) throw new YardstickError('conflict', `A ${what} with key "${key}" already exists (id ${taken.id}).`, { key });
}
