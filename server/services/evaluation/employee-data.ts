/**
 * @module services/evaluation/employee-data
 * Stored inputs shaped for the rules pipeline, and the hashes that make a stored result
 * reproducible by anyone:
 *
 * ```text
 * inputs_hash = "sha256:" + hex(sha256(utf8(canonicalJson({ <input key>: <stored value>, … }))))
 *               every value stored for the employee in the cycle, as returned by the API
 * result hash = "sha256:" + hex(sha256(utf8(canonicalJson(<stored result object>))))
 * ```
 * `canonicalJson` is `rules/hash.ts` (keys sorted by UTF-16 code units, no whitespace), the same
 * function that gives a scheme version its content hash (for a result, `stringifyCanonical`: the
 * same text of the JSON the result serialises to).
 */

/** Re-exported so the result and import writers keep their import; the one helper is `rules/hash.ts`. */
export { sha256Tagged };
import { sql, type Kysely } from 'kysely';
import { canonicalJson, sha256Tagged, stringifyCanonical } from '../../../rules/hash.ts';
import type { EmployeeData } from '../../../rules/index.ts';
import '../../native-hash.ts';
import type { DB, JsonObject, JsonValue } from '../../db/types.ts';
import type { RosterEntry } from './roster.ts';

/**
 * The hash stored as `inputs_hash`.
 * @example inputsHash({ complaints: 2, csat: 91.5 }) // 'sha256:…'
 */
export function inputsHash(inputs: Record<string, JsonValue>): string {
  return sha256Tagged(canonicalJson(inputs));
}

/**
 * A result's canonical JSON (what is stored) and its hash: the canonical JSON of the JSON the
 * result serialises to (a value JSON.stringify writes as null is null here too), so the stored
 * text and the hash always describe the same object.
 * @example const { json, hash } = canonicalResult(result);
 */
export function canonicalResult(result: unknown): { json: string; hash: string } {
  const json = stringifyCanonical(result) ?? 'null';
  return { json, hash: sha256Tagged(json) };
}

/**
 * Every stored input value of the given employees (all employees of the cycle when omitted),
 * aggregated per employee by the database, so 100,000 employees are 100,000 rows, not millions.
 * @example const inputs = await loadInputs(db, 3); inputs.get(17) // { complaints: 2 }
 */
export async function loadInputs(db: Kysely<DB>, cycleId: number, employeeIds?: readonly number[]): Promise<Map<number, Record<string, JsonValue>>> {
  const out = new Map<number, Record<string, JsonValue>>();
  if (employeeIds?.length === 0) return out;
  let q = db
    .selectFrom('inputs')
    .select(['employee_id', sql<Record<string, JsonValue>>`jsonb_object_agg(input_key, value)`.as('values')])
    .where('cycle_id', '=', cycleId)
    .groupBy('employee_id');
  // Long id lists go as one array parameter, not thousands of placeholders.
  if (employeeIds) q = q.where(sql<boolean>`employee_id = any(${sql.val(`{${employeeIds.join(',')}}`)}::bigint[])`);
  for (const row of await q.execute()) out.set(row.employee_id, row.values);
  return out;
}

/**
 * One roster entry and its inputs as the rules pipeline's `EmployeeData`: the employee code as
 * id, position and department keys, and `level` plus the employee's scalar attributes.
 * @example toEmployeeData(entry, { complaints: 2 }) // { id: 'E001', position: 'agent', department: 'cs', attributes: { level: 'staff', team: 'A' }, inputs: { complaints: 2 } }
 */
export function toEmployeeData(entry: RosterEntry, inputs: Record<string, JsonValue> | undefined): EmployeeData {
  return { id: entry.code, position: entry.positionKey, department: entry.departmentKey, attributes: employeeAttributes(entry.attributes, entry.level), inputs: inputs ?? {} };
}

/**
 * An employee's attributes as rules and peer-group scopes read them (employee.team, scope "team"):
 * the scalar attributes plus the level.
 * @example employeeAttributes({ team: 'CS-A', skills: ['x'] }, 'staff') // { team: 'CS-A', level: 'staff' }
 */
export function employeeAttributes(attributes: JsonObject, level: string | null): Record<string, string | number | boolean | null> {
  const out: Record<string, string | number | boolean | null> = {};
  // Rules compare scalars; nested attribute values are not addressable as employee.<key>.
  for (const [key, value] of Object.entries(attributes)) if (value === null || typeof value !== 'object') out[key] = value;
  out.level = level;
  return out;
}
