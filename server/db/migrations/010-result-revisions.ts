/**
 * @module 010-result-revisions
 * Results become append-only revisions. The table `results` of `006-evaluation` (one row per
 * cycle × employee, overwritten by every evaluation) is renamed `result_revisions` and keyed by
 * (cycle, employee, revision): every evaluation adds a revision, nothing is overwritten, and the
 * rows of the previous release become revision 1, unchanged, so they read and reproduce as before.
 *
 * - `results` is now a view: the latest revision per cycle × employee, unless that revision is a
 *   removal (`removed`: the employee was no longer assessed by that job). Every reader keeps
 *   reading `results`.
 * - `result_hash` is the hash of the result JSON as the job computed it (null on rows of the
 *   previous release; verification recomputes those). The audit's `evaluation.complete` digest
 *   covers the same hashes, so a changed row is found by either.
 * - One revision per job and employee (`result_revisions_once_per_job`): a resumed job that writes
 *   a chunk again adds nothing.
 * - UPDATE, DELETE and TRUNCATE of `result_revisions`, and UPDATE or DELETE through the view, raise
 *   SQLSTATE `YS002` (`append_only_guard()` of `005-inputs`).
 */
import type { Kysely, Migration } from 'kysely';
import { runSql } from './run-sql.ts';

export const resultRevisions: Migration = {
  async up(db: Kysely<unknown>) {
    await runSql(db, [
      `alter table results rename to result_revisions`,
      `alter table result_revisions add column revision integer not null default 1 check (revision >= 1)`,
      `alter table result_revisions alter column revision drop default`,
      `alter table result_revisions add column removed boolean not null default false`,
      `alter table result_revisions add column result_hash text check (result_hash ~ '^sha256:[0-9a-f]{64}$')`,
      `alter table result_revisions drop constraint results_pkey`,
      `alter table result_revisions add constraint result_revisions_pkey primary key (cycle_id, employee_id, revision)`,
      `create unique index result_revisions_once_per_job on result_revisions (cycle_id, employee_id, job_id)`,
      `create index result_revisions_job on result_revisions (job_id)`,
      `create view results as
        select r.cycle_id, r.employee_id, r.revision, r.scheme_version_id, r.scheme_hash, r.inputs_hash, r.total, r.grade,
               r.status, r.result, r.result_hash, r.job_id, r.computed_at
        from result_revisions r
        where not r.removed
          and not exists (select 1 from result_revisions later
                          where later.cycle_id = r.cycle_id and later.employee_id = r.employee_id and later.revision > r.revision)`,
      `create trigger result_revisions_append_only before update or delete on result_revisions
        for each row execute function append_only_guard()`,
      `create trigger result_revisions_no_truncate before truncate on result_revisions
        for each statement execute function append_only_guard()`,
      `create trigger results_append_only instead of update or delete on results
        for each row execute function append_only_guard()`,
    ]);
  },
};
