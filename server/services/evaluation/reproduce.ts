/**
 * @module services/evaluation/reproduce
 * Recompute a stored result from scratch and say whether it still comes out the same: the
 * whole population of its scheme version (ranks and quotas depend on everyone) from the stored
 * inputs with the stored version document. What is compared:
 *
 * | field              | stored                           | recomputed                              |
 * |--------------------|----------------------------------|-----------------------------------------|
 * | total, grade, status | the results row's columns      | the fresh evaluation                    |
 * | indicators.<key>   | scores in the stored result      | fresh scores                            |
 * | inputsHash         | `inputs_hash`                    | hash of the inputs stored now            |
 * | schemeHash         | `scheme_hash`                    | `contentHash` of the stored document     |
 * | contentHash        | the version's `content_hash`     | `contentHash` of the stored document     |
 * | resultHash         | hash of the stored result JSON   | hash of the fresh result                 |
 *
 * Any difference means the data, the version or the result row changed after evaluation.
 * A result stored before results carried message codes (`noteMessages` and the other `…Message`
 * fields) is compared with the fresh result without them, so the format change alone is no
 * difference.
 */
import type { Kysely } from 'kysely';
import { contentHash, type EmployeeResult } from '../../../rules/index.ts';
import type { DB } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiId } from '../api-format.ts';
import { readableResult } from './results.ts';
import { canonicalResult } from './employee-data.ts';
import { evaluateRoster } from './population.ts';
import { resultPopulation } from './roster.ts';
import { loadVersion } from './versions.ts';

type Compared = { total: number | null; grade: string | null; status: string; inputsHash: string; schemeHash: string; contentHash: string; resultHash: string; indicators: Record<string, number | null> };

/**
 * Reproduce one employee's stored result.
 * @example
 * const r = await reproduceResult(db, auditor, 3, 17);
 * r.matches // true
 * r.differences // [] — or e.g. [{ field: 'total', stored: 91, recomputed: 88.5 }]
 */
export async function reproduceResult(db: Kysely<DB>, user: CurrentUser, cycleId: number, employeeId: number) {
  const { result: stored } = await readableResult(db, user, cycleId, employeeId);
  const version = await loadVersion(db, stored.scheme_version_id);
  const population = await resultPopulation(db, cycleId, version.id);
  const fresh = (await evaluateRoster(db, cycleId, population, new Map([[version.id, version]]))).find((r) => r.entry.id === employeeId)!;
  const documentHash = contentHash(version.document);
  const before: Compared = {
    total: stored.total,
    grade: stored.grade,
    status: stored.status,
    inputsHash: stored.inputs_hash,
    schemeHash: stored.scheme_hash,
    contentHash: version.contentHash,
    resultHash: canonicalResult(stored.result).hash,
    indicators: scores(stored.result),
  };
  const after: Compared = {
    total: fresh.result.total,
    grade: fresh.result.grade,
    status: fresh.result.status,
    inputsHash: fresh.inputsHash,
    schemeHash: documentHash,
    contentHash: documentHash,
    resultHash: canonicalResult(Object.hasOwn(stored.result, 'noteMessages') ? fresh.result : withoutMessages(fresh.result)).hash,
    indicators: scores(fresh.result),
  };
  const differences: Array<{ field: string; stored: unknown; recomputed: unknown }> = [];
  for (const field of ['total', 'grade', 'status', 'inputsHash', 'schemeHash', 'contentHash', 'resultHash'] as const) {
    if (before[field] !== after[field]) differences.push({ field, stored: before[field], recomputed: after[field] });
  }
  for (const key of new Set([...Object.keys(before.indicators), ...Object.keys(after.indicators)])) {
    const s = before.indicators[key] ?? null;
    const r = after.indicators[key] ?? null;
    if (s !== r) differences.push({ field: `indicators.${key}`, stored: s, recomputed: r });
  }
  return { matches: differences.length === 0, versionId: apiId(version.id), population: population.length, stored: before, recomputed: after, differences };
}

function scores(result: EmployeeResult): Record<string, number | null> {
  return Object.fromEntries((result.indicators ?? []).map((i) => [i.key, i.score]));
}

/**
 * A result as it was stored before message codes existed: the same texts, no `…Message` fields.
 * @example canonicalResult(withoutMessages(fresh)).hash // equals the hash of an older stored result
 */
export function withoutMessages(result: EmployeeResult): EmployeeResult {
  const { noteMessages: _notes, ...rest } = result;
  return {
    ...rest,
    indicators: result.indicators.map(({ explanationMessage: _why, ...indicator }) => indicator),
    adjustments: result.adjustments.map(({ noteMessage: _note, ...adjustment }) => adjustment),
    ...(result.distribution ? { distribution: (({ reasonMessage: _reason, ...distribution }) => distribution)(result.distribution) } : {}),
  };
}
