/**
 * @module services/cycles/inputs
 * The data a cycle is evaluated on: the grid people fill in (employees × the inputs their
 * scheme version declares, with who entered each value, when and how), manual entry, and the
 * one write path every source shares (manual, API token, import).
 *
 * Values are stored per input key. Writing a value equal to the stored one changes nothing (not
 * even who/when), so repeating an entry or an import is harmless; the database's statement
 * triggers (migration 008) add an `input_history` row for every real change, set-wise. Values
 * can be entered while the cycle is open or collecting and no evaluation job is running.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import { cycleStatusesAllowing } from '../../../schemas/vocabulary.ts';
import type { DB, InputSource, JsonValue, Row } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiId, apiTime } from '../api-format.ts';
import { appendAudit } from '../audit/audit.ts';
import { assertCycleStatus, assertNoActiveJob, loadCycle, lockCycle } from './cycles.ts';
import { employeeAttributes } from '../evaluation/employee-data.ts';
import { loadRoster, type RosterEntry } from '../evaluation/roster.ts';
import { loadVersions, type LoadedVersion } from '../evaluation/versions.ts';
import { acceptInputs } from '../../../rules/inputs/index.ts';
import { parsePaging, queryId } from '../query-params.ts';
import { actorOf, assertCanReadDepartment, assertCanReadEmployee, assertCanWriteDepartment, readableDepartments } from '../access/scope.ts';
import { inTransaction } from '../transaction.ts';

/** One value to write. */
export interface InputWrite {
  employeeId: number;
  key: string;
  value: JsonValue;
}

/** How the values came in. */
export interface WriteMeta {
  source: InputSource;
  userId: number;
  batchId?: number;
}

/** A grid cell: the value and where it came from. */
export interface ApiCell {
  value: JsonValue;
  source: InputSource;
  enteredBy: string | null;
  enteredAt: string;
  importBatchId: string | null;
}

const WRITE_CHUNK = 5000;
const INPUT_STATUSES = cycleStatusesAllowing('inputs');

/**
 * Throw 409 unless the cycle can take input values now; under `lockCycle(…, 'share')` inside a
 * transaction, the answer holds until it commits.
 * @example const cycle = await assertAcceptsInputs(trx, await lockCycle(trx, 3, 'share'));
 */
export async function assertAcceptsInputs(db: Kysely<DB>, cycle: Row<'cycles'>): Promise<Row<'cycles'>> {
  assertCycleStatus(cycle, INPUT_STATUSES, 'take input values');
  await assertNoActiveJob(db, cycle, 'change input values');
  return cycle;
}

/**
 * Upsert values in chunks; returns how many were new or different. Must run inside the
 * transaction that also records the change in the audit log. Each chunk is one jsonb array
 * parameter (`[[employee id, key, value], …]`) unpacked by the database: one parse per chunk
 * rather than thousands of bound parameters, which keeps a 100,000-row import quick. Unchanged
 * values are skipped by the upsert's `where`, so the history triggers see only real changes.
 * @example await writeInputs(trx, 3, [{ employeeId: 17, key: 'complaints', value: 2 }], { source: 'manual', userId: 7 })
 */
export async function writeInputs(trx: Transaction<DB>, cycleId: number, values: readonly InputWrite[], meta: WriteMeta): Promise<number> {
  let changed = 0;
  const now = new Date();
  // Every writer locks rows in one order (employee, then key), so two writers touching the same
  // rows wait for each other instead of deadlocking.
  const ordered = [...values].sort((a, b) => a.employeeId - b.employeeId || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; i < ordered.length; i += WRITE_CHUNK) {
    const payload = JSON.stringify(ordered.slice(i, i + WRITE_CHUNK).map((v) => [v.employeeId, v.key, v.value]));
    const result = await sql`
      insert into inputs (cycle_id, employee_id, input_key, value, source, entered_by, entered_at, import_batch_id)
      select ${cycleId}, (x->>0)::bigint, x->>1, x->2, ${meta.source}, ${meta.userId}, ${now}, ${meta.batchId ?? null}
      from jsonb_array_elements(cast(cast(${payload} as text) as jsonb)) with ordinality as e(x, n)
      order by n
      on conflict (cycle_id, employee_id, input_key) do update set
        value = excluded.value, source = excluded.source, entered_by = excluded.entered_by,
        entered_at = excluded.entered_at, import_batch_id = excluded.import_batch_id
      -- The same value again is no change: who/when and the history stay as they were.
      where inputs.value is distinct from excluded.value`.execute(trx);
    changed += Number(result.numAffectedRows ?? 0);
  }
  return changed;
}

/**
 * The input grid: assessed employees (in the user's scope, optionally one department or one
 * employee) × the inputs their version declares, a page at a time.
 * @example await inputGrid(db, manager, 3, { department: '2', limit: '100' })
 */
export async function inputGrid(db: Kysely<DB>, user: CurrentUser, cycleId: number, query: { department?: string; employee?: string; limit?: string; offset?: string }) {
  const cycle = await loadCycle(db, cycleId);
  const paging = parsePaging(query, 100);
  let departmentIds = readableDepartments(user);
  const department = queryId(query.department, 'department');
  if (department !== undefined) {
    assertCanReadDepartment(user, department);
    departmentIds = [department];
  }
  const employee = queryId(query.employee, 'employee');
  if (employee !== undefined) await assertCanReadEmployee(db, user, employee);
  const roster = await loadRoster(db, cycleId, { departmentIds, employeeIds: employee === undefined ? undefined : [employee] });
  const page = roster.slice(paging.offset, paging.offset + paging.limit);
  const versions = await loadVersions(db, [...new Set(roster.map((r) => r.versionId))]);
  const cells = await loadCells(db, cycleId, page.map((r) => r.id));
  return {
    cycle: { id: apiId(cycle.id), key: cycle.key, status: cycle.status, acceptsInputs: (INPUT_STATUSES as readonly string[]).includes(cycle.status) },
    versions: [...versions.values()].map(describeVersionInputs),
    total: roster.length,
    limit: paging.limit,
    offset: paging.offset,
    rows: page.map((r) => gridRow(r, versions.get(r.versionId)!, cells.get(r.id))),
  };
}

/**
 * Enter values for one employee by hand (or from a system with an API token: source `api`).
 * `null` clears a value. Validated against the version's declared inputs; 400 lists every bad key.
 * @example await enterInputs(db, manager, 3, 17, { complaints: 2, csat: 91.5, remark: null })
 */
export async function enterInputs(db: Kysely<DB>, user: CurrentUser, cycleId: number, employeeId: number, values: Record<string, JsonValue>) {
  const cycle = await loadCycle(db, cycleId);
  const employee = await db.selectFrom('employees').select(['id', 'code', 'department_id']).where('id', '=', employeeId).executeTakeFirst();
  if (!employee) throw new YardstickError('not_found', `No employee with id ${employeeId}.`, { employeeId: apiId(employeeId) });
  assertCanWriteDepartment(user, employee.department_id);
  await assertAcceptsInputs(db, cycle);
  const [entry] = await loadRoster(db, cycleId, { employeeIds: [employeeId] });
  if (!entry) throw new YardstickError('invalid_input', `Employee ${employee.code} is not assessed in cycle ${cycle.key}: no assignment covers their department and position (or they are inactive).`, { employeeId: apiId(employeeId) });
  const version = (await loadVersions(db, [entry.versionId])).get(entry.versionId)!;
  const issues = acceptInputs(version.scheme, values);
  if (issues.length) {
    const errors = issues.map((i) => ({ column: i.key, message: Object.hasOwn(version.scheme.inputs, i.key) ? `${JSON.stringify(values[i.key])}: ${i.message}` : i.message }));
    throw new YardstickError('invalid_input', `${errors[0].column}: ${errors[0].message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ''}`, { errors });
  }
  const set = Object.entries(values).filter(([, v]) => v !== null);
  const cleared = Object.keys(values).filter((k) => values[k] === null);
  const source: InputSource = user.via === 'token' ? 'api' : 'manual';
  await inTransaction(db, async (trx) => {
    await assertAcceptsInputs(trx, await lockCycle(trx, cycleId, 'share'));
    const changed = await writeInputs(trx, cycleId, set.map(([key, value]) => ({ employeeId, key, value })), { source, userId: user.id });
    const deleted = cleared.length ? await trx.deleteFrom('inputs').where('cycle_id', '=', cycleId).where('employee_id', '=', employeeId).where('input_key', 'in', cleared).executeTakeFirst() : undefined;
    await appendAudit(trx, {
      actor: actorOf(user),
      action: 'inputs.set',
      entityType: 'cycle_employee',
      entityId: cycleEmployeeId(cycleId, employeeId),
      payload: { cycleId: apiId(cycleId), employeeId: apiId(employeeId), employeeCode: employee.code, source, set: Object.fromEntries(set), cleared, changed: changed + Number(deleted?.numDeletedRows ?? 0) },
    });
  });
  const cells = await loadCells(db, cycleId, [employeeId]);
  return gridRow(entry, version, cells.get(employeeId));
}

/**
 * The audit entity id of one employee in one cycle (entity type `cycle_employee`).
 * @example cycleEmployeeId(3, 17) // '3:17'
 */
export function cycleEmployeeId(cycleId: number, employeeId: number): string {
  return `${cycleId}:${employeeId}`;
}

/**
 * What a version asks for, for the grid's column headers.
 * @example describeVersionInputs(version).inputs[0] // { key: 'complaints', type: 'integer', minimum: 0, required: true, … }
 */
export function describeVersionInputs(v: LoadedVersion) {
  return {
    id: apiId(v.id),
    schemeKey: v.schemeKey,
    number: v.number,
    inputs: Object.entries(v.scheme.inputs).map(([key, def]) => ({
      key,
      title: def.title ?? key,
      type: def.type,
      unit: def.unit ?? null,
      minimum: def.minimum ?? null,
      maximum: def.maximum ?? null,
      options: def.options?.map((o) => o.value) ?? (def.scale ? def.scale.points.map((p) => p.value) : null),
      multiRater: def.multiRater === true,
      raterGroups: def.multiRater ? (v.scheme.raters?.groups.map((g) => g.key) ?? ['all']) : null,
      required: def.required !== false && def.default === undefined,
    })),
  };
}

function gridRow(r: RosterEntry, version: LoadedVersion, cells: Map<string, ApiCell> | undefined) {
  return {
    employeeId: apiId(r.id),
    code: r.code,
    name: r.name,
    departmentId: apiId(r.departmentId),
    positionId: apiId(r.positionId),
    versionId: apiId(r.versionId),
    // What evaluation reads besides the inputs (team, group, level …), so a client can re-evaluate
    // the grid exactly as the server does (the studio's simulator).
    attributes: employeeAttributes(r.attributes, r.level),
    cells: Object.fromEntries(Object.keys(version.scheme.inputs).map((key) => [key, cells?.get(key) ?? null])),
  };
}

/** Stored values with their origin, per employee and key. */
async function loadCells(db: Kysely<DB>, cycleId: number, employeeIds: readonly number[]): Promise<Map<number, Map<string, ApiCell>>> {
  const out = new Map<number, Map<string, ApiCell>>();
  if (employeeIds.length === 0) return out;
  const rows = await db
    .selectFrom('inputs as i')
    .leftJoin('users as u', 'u.id', 'i.entered_by')
    .select(['i.employee_id', 'i.input_key', 'i.value', 'i.source', 'u.username', 'i.entered_at', 'i.import_batch_id'])
    .where('i.cycle_id', '=', cycleId)
    .where('i.employee_id', 'in', [...employeeIds])
    .execute();
  for (const row of rows) {
    let cells = out.get(row.employee_id);
    if (!cells) out.set(row.employee_id, (cells = new Map()));
    cells.set(row.input_key, { value: row.value, source: row.source, enteredBy: row.username, enteredAt: apiTime(row.entered_at), importBatchId: apiId(row.import_batch_id) });
  }
  return out;
}
