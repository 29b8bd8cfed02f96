/**
 * @module services/evaluation/jobs
 * Batch evaluation of a cycle as a job: HR starts it, it runs in this process in the
 * background, and anyone watching polls its progress (`done` of `total`). The work itself is
 * in `evaluation/run-job.ts`.
 *
 * - At most one job per cycle is queued or running (checked under the cycle's lock and backed by
 *   a unique index); a second start is 409. So is a start *sent* while a job was unfinished but
 *   served after it finished: on PGlite every query waits for the one connection, so five
 *   simultaneous clicks used to run five jobs back to back.
 * - Open, collecting and evaluated cycles can be evaluated; calibrated, published and closed
 *   ones cannot (409). While a job runs, the cycle's inputs, assignments and status are frozen.
 * - `runEvaluationJob` is awaitable (tests, scripts); the route starts it without waiting.
 * - `resumeEvaluationJobs` runs at server start and finishes jobs a previous process left queued
 *   or running. It assumes one server process per database: with several, a job another live
 *   process is running would be run twice (harmless to the results, which are upserts, but
 *   wasteful) until jobs carry a lease.
 */
import type { Kysely, Transaction } from 'kysely';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB, Row } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiId, apiRecord } from '../api-format.ts';
import { appendAudit } from '../audit/audit.ts';
import { assertNoActiveJob, lockCycle } from '../cycles/cycles.ts';
import { loadAssignments, loadRoster } from './roster.ts';
import { assertEvaluable, executeJob, type JobOptions } from './run-job.ts';
import { actorOf } from '../access/scope.ts';
import { inTransaction } from '../transaction.ts';

/** A job as the API shows it (for a progress bar: `done` of `total`). */
export interface ApiJob {
  id: string;
  cycleId: string;
  status: Row<'evaluation_jobs'>['status'];
  total: number;
  done: number;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const running = new Map<number, Promise<ApiJob>>();

function toApiJob(row: Row<'evaluation_jobs'>): ApiJob {
  return { ...apiRecord(row, ['id', 'cycle_id', 'status', 'total']), done: row.done_count, ...apiRecord(row, ['error', 'created_at', 'started_at', 'finished_at']) };
}

export interface StartOptions {
  /** false: only queue the job (run it with `runEvaluationJob`). */
  background?: boolean;
  /** When the request arrived; a job of the cycle that finished after it makes this start a duplicate (409). */
  requestedAt?: Date;
}

/**
 * Queue an evaluation job for a cycle and (unless `background: false`) start running it in
 * this process without waiting; returns the job's id.
 * @example
 * const { jobId } = await startEvaluation(db, hr, 3);                           // runs in the background
 * const queued = await startEvaluation(db, hr, 3, { background: false });       // run it yourself:
 * await runEvaluationJob(db, Number(queued.jobId));
 */
export async function startEvaluation(db: Kysely<DB>, user: CurrentUser, cycleId: number, options: StartOptions = {}): Promise<{ jobId: string }> {
  const started = await inTransaction(db, async (trx) => {
    const cycle = await lockCycle(trx, cycleId);
    assertEvaluable(cycle);
    await assertNoActiveJob(trx, cycle, 'start another evaluation');
    if (options.requestedAt) await assertNoJobFinishedSince(trx, cycle, options.requestedAt);
    const assignments = await loadAssignments(trx, cycleId);
    if (assignments.length === 0) throw new YardstickError('conflict', `Cycle ${cycle.key} has no scheme version assigned; assign one before evaluating.`, { cycleId: apiId(cycleId) });
    const total = (await loadRoster(trx, cycleId, {}, assignments)).length;
    if (total === 0) throw new YardstickError('conflict', `Cycle ${cycle.key} has nobody to evaluate: no active employee is covered by its assignments.`, { cycleId: apiId(cycleId) });
    const job = await trx.insertInto('evaluation_jobs').values({ cycle_id: cycleId, total, created_by: user.id }).returning('id').executeTakeFirstOrThrow();
    await appendAudit(trx, { actor: actorOf(user), action: 'evaluation.start', entityType: 'cycle', entityId: cycleId, payload: { key: cycle.key, jobId: apiId(job.id), employees: total, status: cycle.status } });
    return { jobId: apiId(job.id) };
  });
  if (options.background !== false) {
    // runEvaluationJob records the job's own failures; only a lost database can reject here.
    runEvaluationJob(db, Number(started.jobId)).catch((err) => console.error(`[${new Date().toISOString()}] evaluation job ${started.jobId} could not run:`, err));
  }
  return started;
}

/** 409 when a job of the cycle finished after `requestedAt`: the request was sent while it ran. */
async function assertNoJobFinishedSince(trx: Transaction<DB>, cycle: Row<'cycles'>, requestedAt: Date): Promise<void> {
  // finished_at is written with the server's clock (run-job.ts), the same clock as requestedAt.
  const job = await trx.selectFrom('evaluation_jobs').select(['id', 'status']).where('cycle_id', '=', cycle.id).where('finished_at', '>', requestedAt).orderBy('id', 'desc').executeTakeFirst();
  if (job) {
    throw new YardstickError('invalid_transition', `Cycle ${cycle.key} was being evaluated when this request was sent; that job (${job.id}) has finished (${job.status}) while the request waited. Start the evaluation again if you need another run.`, { cycleId: apiId(cycle.id), jobId: apiId(job.id) });
  }
}

/**
 * Run a job to its end (or join the run already going in this process) and return its final
 * state. Safe to call for a job that is already done: it just returns it.
 * @example const job = await runEvaluationJob(db, 42); job.status // 'done'
 */
export function runEvaluationJob(db: Kysely<DB>, jobId: number, options: JobOptions = {}): Promise<ApiJob> {
  const current = running.get(jobId);
  if (current) return current;
  const run = executeJob(db, jobId, options)
    .then(async () => toApiJob(await db.selectFrom('evaluation_jobs').selectAll().where('id', '=', jobId).executeTakeFirstOrThrow()))
    .finally(() => running.delete(jobId));
  running.set(jobId, run);
  return run;
}

/**
 * Finish every job left queued or running (by a server that stopped), one after another.
 * Call once at server start; resolves when they are all done. Never rejects (it runs unawaited
 * at start-up): a job that cannot run because the database is unreachable is logged and left
 * for the next start.
 * @example void resumeEvaluationJobs(database.db);
 */
export async function resumeEvaluationJobs(db: Kysely<DB>, options: JobOptions = {}): Promise<ApiJob[]> {
  const out: ApiJob[] = [];
  try {
    const jobs = await db.selectFrom('evaluation_jobs').select('id').where('status', 'in', ['queued', 'running']).orderBy('id').execute();
    for (const { id } of jobs) out.push(await runEvaluationJob(db, id, options));
  } catch (err) {
    console.error(`[${new Date().toISOString()}] resuming evaluation jobs failed:`, err);
  }
  return out;
}

/**
 * A job's progress. HR and auditors see every job; managers those of any cycle (progress only,
 * no personal data).
 * @example await getJob(db, hr, 42) // { status: 'running', total: 10000, done: 3500, error: null, … }
 */
export async function getJob(db: Kysely<DB>, _user: CurrentUser, jobId: number): Promise<ApiJob> {
  const row = await db.selectFrom('evaluation_jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
  if (!row) throw new YardstickError('not_found', `No evaluation job with id ${jobId}.`, { jobId: apiId(jobId) });
  return toApiJob(row);
}
