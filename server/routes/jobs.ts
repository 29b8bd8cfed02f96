/**
 * @module routes/jobs
 * Batch evaluation: start a job for a cycle, and watch its progress.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { API_ID, NULLABLE_TIME, record, TIME, titled } from '../services/api-schemas.ts';
import { getJob, startEvaluation } from '../services/evaluation/jobs.ts';
import { parseId } from '../services/access/scope.ts';

const JOB = titled(
  'Job',
  record({
    id: API_ID,
    cycleId: API_ID,
    status: { enum: ['queued', 'running', 'done', 'failed'] },
    total: { type: 'integer', minimum: 0, description: 'Results to write.' },
    done: { type: 'integer', minimum: 0, description: 'Results written so far.' },
    error: { type: ['string', 'null'], description: 'Why a failed job stopped.' },
    createdAt: TIME,
    startedAt: NULLABLE_TIME,
    finishedAt: NULLABLE_TIME,
  }),
);

/**
 * Declare the evaluation job routes.
 * @example registerJobRoutes(app)
 */
export function registerJobRoutes(app: Hono<AppEnv>): void {
  route(
    app,
    {
      method: 'post',
      path: '/api/cycles/:id/evaluate',
      summary: 'Evaluate a cycle',
      tag: 'evaluation',
      roles: ['hr'],
      status: 202,
      description: 'Starts a background job that evaluates every assessed employee from the stored inputs and stores the results; the cycle becomes evaluated when it finishes. Poll GET /api/jobs/{jobId}. Open, collecting and evaluated cycles only; one job per cycle at a time: a request sent while a job of the cycle was unfinished is 409, even if that job has finished by the time the request gets its turn (double clicks, retries).',
      response: record({ jobId: API_ID }),
    },
    (c, { params }) => startEvaluation(c.var.db, c.var.user!, parseId(params.id, 'cycle'), { requestedAt: c.var.receivedAt }),
  );

  route(
    app,
    { method: 'get', path: '/api/jobs/:id', summary: 'Progress of an evaluation job', tag: 'evaluation', roles: ['hr', 'manager', 'auditor'], description: '`done` of `total` results written; `error` says why a failed job stopped.', response: JOB },
    (c, { params }) => getJob(c.var.db, c.var.user!, parseId(params.id, 'job')),
  );
}
