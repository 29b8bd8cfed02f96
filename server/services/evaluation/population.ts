/**
 * @module services/evaluation/population
 * Evaluate everyone a scheme version applies to in a cycle, from the stored inputs, in one
 * deterministic order: by version id, then by employee code. That order is what an evaluation
 * job's `done_count` counts, so a resumed job knows exactly which rows are already written.
 */
import type { Kysely } from 'kysely';
import { evaluatePopulation, type EmployeeResult } from '../../../rules/index.ts';
import type { DB, JsonValue } from '../../db/types.ts';
import { inputsHash, loadInputs, toEmployeeData } from './employee-data.ts';
import type { RosterEntry } from './roster.ts';
import type { LoadedVersion } from './versions.ts';

/** One employee's freshly computed result and the hashes stored with it. */
export interface Evaluated {
  entry: RosterEntry;
  version: LoadedVersion;
  inputs: Record<string, JsonValue>;
  inputsHash: string;
  result: EmployeeResult;
}

/**
 * Evaluate a roster version by version (each version's population on its own: ranks, peer
 * thresholds and the forced distribution are computed within it).
 * @example
 * const rows = await evaluateRoster(db, 3, roster, versions);
 * rows[0].result.grade // 'B'
 */
export async function evaluateRoster(db: Kysely<DB>, cycleId: number, roster: readonly RosterEntry[], versions: ReadonlyMap<number, LoadedVersion>, options: { explain?: boolean } = {}): Promise<Evaluated[]> {
  const inputs = await loadInputs(db, cycleId, roster.length > 5000 ? undefined : roster.map((r) => r.id));
  const ordered = [...roster].sort((a, b) => a.versionId - b.versionId || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const out: Evaluated[] = [];
  for (let start = 0; start < ordered.length; ) {
    const versionId = ordered[start].versionId;
    let end = start;
    while (end < ordered.length && ordered[end].versionId === versionId) end++;
    const group = ordered.slice(start, end);
    const version = versions.get(versionId)!;
    const data = group.map((entry) => toEmployeeData(entry, inputs.get(entry.id)));
    const { employees } = evaluatePopulation(version.compiled, data, { explain: options.explain ?? false });
    group.forEach((entry, i) => {
      const own = inputs.get(entry.id) ?? {};
      out.push({ entry, version, inputs: own, inputsHash: inputsHash(own), result: employees[i] });
    });
    start = end;
  }
  return out;
}
