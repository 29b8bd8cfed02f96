/**
 * @module services/evaluation/run-job
 * What an evaluation job does, start to finish:
 *
 * 1. claim the job (queued or running → running);
 * 2. evaluate every assessed employee from the stored inputs (`evaluateRoster`, fixed order);
 * 3. write results in chunks, each chunk and the job's `done_count` in one transaction (the
 *    next chunk is serialised while the database stores the current one);
 * 4. finish in one transaction: a removal revision for people no longer assessed, cycle →
 *    evaluated, job → done, and an audit entry with the counts and digests of every result hash
 *    and every inputs hash it wrote (`resultsHash`, `inputsHash`), then an `evaluation.results`
 *    entry with the Merkle root of the result hashes (`results-tree.ts`) for evidence packs.
 *
 * A job found `running` after a crash starts again at step 1. Evaluation is deterministic, so
 * the rows before `done_count` are exactly what it would write again; it skips them (only if the
 * number of assessed employees is unchanged, otherwise it rewrites all) and carries on.
 * Any failure marks the job failed with a plain message; the cycle keeps its status.
 */
import type { Kysely } from 'kysely';
import { isYardstickError, YardstickError } from '../../../rules/errors.ts';
import { cycleStatusesAllowing } from '../../../schemas/vocabulary.ts';
import type { DB, Row } from '../../db/types.ts';
import { appendAudit } from '../audit/audit.ts';
import { loadCycle, lockCycle } from '../cycles/cycles.ts';
import { inTransaction } from '../transaction.ts';
import { yieldToEventLoop } from '../yield.ts';
import { canonicalResult } from './employee-data.ts';
import { evaluateRoster, type Evaluated } from './population.ts';
import { loadAssignments, loadRoster } from './roster.ts';
import { loadVersions } from './versions.ts';
import { resultsTree } from './results-tree.ts';
import { prepareChunk, removeResults, resultsDigest, writeChunk } from './write-results.ts';

export interface JobOptions {
  /** Results per transaction (default 500). */
  chunkSize?: number;
}

/** The statuses a cycle can be evaluated in. */
export const EVALUABLE_STATUSES = cycleStatusesAllowing('evaluation');

const SYSTEM = { userId: null, label: 'system' };

/**
 * Throw 409 unless the cycle can be evaluated now.
 * @example assertEvaluable(cycle) // Cycle 2026-Q3 is closed; closed cycles cannot be evaluated.
 */
export function assertEvaluable(cycle: Row<'cycles'>): void {
  if ((EVALUABLE_STATUSES as readonly string[]).includes(cycle.status)) return;
  throw new YardstickError('invalid_transition', `Cycle ${cycle.key} is ${cycle.status}; ${cycle.status} cycles cannot be evaluated.`, { cycleId: String(cycle.id), status: cycle.status, allowed: EVALUABLE_STATUSES });
}

/**
 * Run (or resume) one job to its end. Never throws for problems of the job itself; those are
 * recorded on the job row.
 * @example await executeJob(db, 42, { chunkSize: 500 });
 */
export async function executeJob(db: Kysely<DB>, jobId: number, options: JobOptions = {}): Promise<void> {
  const chunkSize = options.chunkSize ?? 500;
  const job = await db
    .updateTable('evaluation_jobs')
    .set((eb) => ({ status: 'running', started_at: eb.fn.coalesce('started_at', eb.val(new Date())) }))
    .where('id', '=', jobId)
    .where('status', 'in', ['queued', 'running'])
    .returningAll()
    .executeTakeFirst();
  if (!job) return;
  let written = job.done_count;
  try {
    await yieldToEventLoop();
    const cycle = await loadCycle(db, job.cycle_id);
    assertEvaluable(cycle);
    const assignments = await loadAssignments(db, cycle.id);
    const roster = await loadRoster(db, cycle.id, {}, assignments);
    if (roster.length === 0) throw new YardstickError('conflict', `Cycle ${cycle.key} has nobody to evaluate: no active employee is covered by its assignments.`);
    const rows = await evaluateRoster(db, cycle.id, roster, await loadVersions(db, assignments.map((a) => a.versionId)));
    await yieldToEventLoop();
    if (job.total !== rows.length || written > rows.length) {
      await db.updateTable('evaluation_jobs').set({ total: rows.length, done_count: 0 }).where('id', '=', jobId).execute();
      written = 0;
    }
    const hashes = rows.slice(0, written).map((r) => canonicalResult(r.result).hash);
    let next = prepareChunk(rows.slice(written, written + chunkSize));
    while (next.size > 0) {
      const chunk = next;
      const end = written + chunk.size;
      const writing = inTransaction(db, async (trx) => {
        await writeChunk(trx, cycle.id, jobId, chunk);
        await trx.updateTable('evaluation_jobs').set({ done_count: end }).where('id', '=', jobId).execute();
      });
      // Serialise the next chunk while the database stores this one (PostgreSQL works in its own process).
      next = prepareChunk(rows.slice(end, end + chunkSize));
      await writing;
      hashes.push(...chunk.hashes);
      written = end;
      await yieldToEventLoop();
    }
    await finish(db, job, rows, hashes);
  } catch (err) {
    await fail(db, job, written, err);
  }
}

async function finish(db: Kysely<DB>, job: Row<'evaluation_jobs'>, rows: readonly Evaluated[], hashes: readonly string[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    const cycle = await lockCycle(trx, job.cycle_id);
    assertEvaluable(cycle);
    // People evaluated before but no longer assessed (left, moved out of every assignment).
    const assessed = new Set(rows.map((r) => r.entry.id));
    const stored = await trx.selectFrom('results').select('employee_id').where('cycle_id', '=', cycle.id).execute();
    const stale = stored.map((r) => r.employee_id).filter((id) => !assessed.has(id));
    await removeResults(trx, cycle.id, job.id, stale);
    await trx.updateTable('cycles').set({ status: 'evaluated', updated_at: new Date() }).where('id', '=', cycle.id).execute();
    await trx.updateTable('evaluation_jobs').set({ status: 'done', done_count: rows.length, finished_at: new Date(), error: null }).where('id', '=', job.id).execute();
    await appendAudit(trx, { actor: SYSTEM, action: 'evaluation.complete', entityType: 'cycle', entityId: cycle.id, payload: summary(job, cycle, rows, hashes, stale.length) });
    // No company-wide figures here, so an evidence pack can carry this entry whole (see results-tree.ts).
    const root = resultsTree(rows.map((r, i) => ({ code: r.entry.code, hash: hashes[i]! }))).root;
    await appendAudit(trx, { actor: SYSTEM, action: 'evaluation.results', entityType: 'cycle', entityId: cycle.id, payload: { jobId: String(job.id), resultsRoot: root } });
  });
}

function summary(job: Row<'evaluation_jobs'>, cycle: Row<'cycles'>, rows: readonly Evaluated[], hashes: readonly string[], removed: number) {
  const gradeCounts: Record<string, number> = {};
  const versions = new Map<number, { versionId: string; contentHash: string; employees: number }>();
  let incomplete = 0;
  for (const r of rows) {
    if (r.result.grade !== null) gradeCounts[r.result.grade] = (gradeCounts[r.result.grade] ?? 0) + 1;
    if (r.result.status !== 'ok') incomplete++;
    const v = versions.get(r.version.id) ?? { versionId: String(r.version.id), contentHash: r.version.contentHash, employees: 0 };
    v.employees++;
    versions.set(r.version.id, v);
  }
  return {
    jobId: String(job.id),
    key: cycle.key,
    from: cycle.status,
    employees: rows.length,
    incomplete,
    gradeCounts,
    versions: [...versions.values()],
    removed,
    resultsHash: resultsDigest(rows.map((r, i) => ({ code: r.entry.code, hash: hashes[i]! }))),
    // Since migration 010: the same digest over the inputs hash of each result written.
    inputsHash: resultsDigest(rows.map((r) => ({ code: r.entry.code, hash: r.inputsHash }))),
  };
}

async function fail(db: Kysely<DB>, job: Row<'evaluation_jobs'>, written: number, err: unknown): Promise<void> {
  const message = isYardstickError(err) ? err.message : `The evaluation stopped on an unexpected error after ${written} result(s) were written; start it again.`;
  if (!isYardstickError(err)) console.error(`[${new Date().toISOString()}] evaluation job ${job.id} failed:`, err);
  try {
    await inTransaction(db, async (trx) => {
      await trx.updateTable('evaluation_jobs').set({ status: 'failed', error: message, finished_at: new Date() }).where('id', '=', job.id).execute();
      await appendAudit(trx, { actor: SYSTEM, action: 'evaluation.fail', entityType: 'cycle', entityId: job.cycle_id, payload: { jobId: String(job.id), written, error: message } });
    });
  } catch (second) {
    // The database itself is gone; the job stays running and resumeEvaluationJobs picks it up.
    console.error(`[${new Date().toISOString()}] could not record the failure of evaluation job ${job.id}:`, second);
  }
}
