/**
 * @module services/evaluation/explain
 * The explanation of a stored result, recomputed on request instead of stored: evaluation is
 * deterministic, so the per-indicator traces follow from the stored version, the employee's
 * inputs and the population values the stored result recorded. Population-wide steps (ranks,
 * the forced distribution) are in the stored result itself; the explanation covers one person.
 */
import type { Kysely } from 'kysely';
import { evaluateEmployee, type EmployeeResult } from '../../../rules/index.ts';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB, JsonValue, Row } from '../../db/types.ts';
import { inputsHash, loadInputs, toEmployeeData } from './employee-data.ts';
import { employeeEntry, type RosterEntry } from './roster.ts';
import { loadVersion, type LoadedVersion } from './versions.ts';

export interface Explained {
  version: LoadedVersion;
  entry: RosterEntry;
  /** The employee's inputs as stored now. */
  inputs: Record<string, JsonValue>;
  /** True when the inputs changed after the result was computed (the explanation uses today's). */
  inputsChanged: boolean;
  explanation: EmployeeResult;
}

/**
 * Recompute one stored result with traces.
 * @example const { explanation } = await explainResult(db, resultRow); explanation.indicators[0].trace
 */
export async function explainResult(db: Kysely<DB>, stored: Row<'results'>): Promise<Explained> {
  const version = await loadVersion(db, stored.scheme_version_id);
  const entry = await employeeEntry(db, stored.employee_id, version.id);
  if (!entry) throw new YardstickError('not_found', `No employee with id ${stored.employee_id}.`, { employeeId: String(stored.employee_id) });
  const inputs = (await loadInputs(db, stored.cycle_id, [stored.employee_id])).get(stored.employee_id) ?? {};
  const explanation = evaluateEmployee(version.compiled, toEmployeeData(entry, inputs), { explain: true, population: stored.result.population ?? {} });
  return { version, entry, inputs, inputsChanged: inputsHash(inputs) !== stored.inputs_hash, explanation };
}
