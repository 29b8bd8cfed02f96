/**
 * @module services/evaluation/result-revisions
 * The history of one employee's result in a cycle: every revision ever written (results are
 * append-only since migration 010), newest first, with who started the evaluation that wrote it,
 * when, and its hashes, so an auditor can see what changed between evaluations and check each.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/types.ts';
import type { CurrentUser } from '../../http/env.ts';
import { apiId, apiTime } from '../api-format.ts';
import { loadCycle } from '../cycles/cycles.ts';
import { canonicalResult } from './employee-data.ts';
import { assertCanReadEmployee } from '../access/scope.ts';

/**
 * Every revision of the employee's result in the cycle, newest first (HR and auditors).
 * `resultHash` is recomputed from the stored result; `recordedResultHash` is the hash written
 * with it (null before migration 010). They differ only if the row was changed afterwards.
 * @example
 * const { items } = await listResultRevisions(db, auditor, 3, 17);
 * items[0] // { revision: 2, current: true, removed: false, jobId: '9', startedBy: 'hr', reason: 'evaluation job 9', … }
 */
export async function listResultRevisions(db: Kysely<DB>, user: CurrentUser, cycleId: number, employeeId: number) {
  const cycle = await loadCycle(db, cycleId);
  await assertCanReadEmployee(db, user, employeeId);
  const rows = await db
    .selectFrom('result_revisions as r')
    .leftJoin('evaluation_jobs as j', 'j.id', 'r.job_id')
    .leftJoin('users as u', 'u.id', 'j.created_by')
    .selectAll('r')
    .select(['u.username', 'u.display_name'])
    .where('r.cycle_id', '=', cycleId)
    .where('r.employee_id', '=', employeeId)
    .orderBy('r.revision', 'desc')
    .execute();
  return {
    cycleId: apiId(cycle.id),
    employeeId: apiId(employeeId),
    items: rows.map((r, i) => ({
      revision: r.revision,
      current: i === 0 && !r.removed,
      removed: r.removed,
      jobId: apiId(r.job_id),
      startedBy: r.username,
      startedByName: r.display_name,
      reason: r.removed
        ? `evaluation job ${r.job_id} no longer assessed this employee`
        : r.job_id === null ? 'evaluation (job unknown)' : `evaluation job ${r.job_id}`,
      computedAt: apiTime(r.computed_at),
      versionId: apiId(r.scheme_version_id),
      total: r.total,
      grade: r.grade,
      status: r.status,
      schemeHash: r.scheme_hash,
      inputsHash: r.inputs_hash,
      resultHash: canonicalResult(r.result).hash,
      recordedResultHash: r.result_hash,
    })),
  };
}
