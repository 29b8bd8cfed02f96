/**
 * @module routes/jobs
 * Batch evaluation: start a job for a cycle, and watch its progress.
 */
import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { getJob, startEvaluation } from '../services/evaluation/jobs.ts';
import { parseId } from '../services/access/scope.ts';

const JOB = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    cycleId: { type: 'string' },
    status: { enum: ['queued', 'running', 'done', 'failed'] },
    total: { type: 'integer' },
    done: { type: 'integer' },
    error: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    startedAt: { type: ['string', 'null'] },
    finishedAt: { type: ['string', 'null'] },
  },
};

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
      response: { type: 'object', properties: { jobId: { type: 'string' } } },
    },
    (c, { params }) => startEvaluation(c.var.db, c.var.user!, parseId(params.id, 'cycle'), { requestedAt: c.var.receivedAt }),
  );

  route(
    app,
    { method: 'get', path: '/api/jobs/:id', summary: 'Progress of an evaluation job', tag: 'evaluation', roles: ['hr', 'manager', 'auditor'], description: '`done` of `total` results written; `error` says why a failed job stopped.', response: JOB },
    (c, { params }) => getJob(c.var.db, c.var.user!, parseId(params.id, 'job')),
  );
}
