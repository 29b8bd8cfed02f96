/**
 * @module routes/results
 * A cycle's results: the list, one result with its explanation, its revisions, dashboard
 * figures, and the reproduction check.
 */
import type { Hono } from 'hono';
import { ROLES } from '../../schemas/vocabulary.ts';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { NULLABLE_ID, PAGING_QUERY, withParts } from '../services/api-schemas.ts';
import { reproduceResult } from '../services/evaluation/reproduce.ts';
import { cycleStats } from '../services/evaluation/stats.ts';
import { listResultRevisions } from '../services/evaluation/result-revisions.ts';
import { getResult, listResults } from '../services/evaluation/results.ts';
import { parseId } from '../services/access/scope.ts';

const ALL = ROLES;
const SCOPE = 'HR and auditors see everyone, managers their departments, employees their own result once the cycle is published.';

/**
 * Declare the result, stats and reproduction routes.
 * @example registerResultRoutes(app)
 */
export function registerResultRoutes(app: Hono<AppEnv>): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/cycles/:id/results',
      summary: 'List the results of a cycle',
      tag: 'results',
      roles: ALL,
      description: SCOPE,
      query: {
        department: { type: 'string', description: 'Department id' },
        position: { type: 'string', description: 'Position id' },
        grade: { type: 'string', description: 'Grade key' },
        q: { type: 'string', description: 'Employee code or name contains' },
        sort: { type: 'string', enum: ['total', '-total', 'code'], description: 'Default code; missing totals last' },
        ...PAGING_QUERY,
      },
      response: { type: 'object', properties: { total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' }, items: { type: 'array', items: { type: 'object' } } } },
    },
    (c, { params, query }) => listResults(c.var.db, c.var.user!, parseId(params.id, 'cycle'), query),
  );

  route(
    app,
    {
      method: 'get',
      path: '/api/cycles/:id/results/:employeeId',
      summary: 'One result with its explanation',
      tag: 'results',
      roles: ALL,
      description: `The stored result plus an explanation with per-indicator traces, recomputed from the stored version and inputs (inputsChanged says whether the inputs changed since). ${SCOPE}`,
      response: withParts({
        cycle: { type: 'object' },
        employee: { type: 'object' },
        schemeVersion: { type: 'object' },
        total: { type: ['number', 'null'] },
        grade: { type: ['string', 'null'] },
        status: { type: 'string' },
        schemeHash: { type: 'string' },
        inputsHash: { type: 'string' },
        jobId: NULLABLE_ID,
        computedAt: { type: 'string' },
        result: { type: 'object', description: 'The stored EmployeeResult (indicator scores, totals, adjustments, distribution).' },
        explanation: { type: 'object', description: 'Per-indicator traces, recomputed from the stored version and inputs.' },
        inputsChanged: { type: 'boolean' },
      }),
    },
    (c, { params }) => getResult(c.var.db, c.var.user!, parseId(params.id, 'cycle'), parseId(params.employeeId, 'employee')),
  );

  route(
    app,
    {
      method: 'get',
      path: '/api/cycles/:id/results/:employeeId/revisions',
      summary: 'Every revision of one result',
      tag: 'results',
      roles: ['hr', 'auditor'],
      description: 'Results are append-only: each evaluation adds a revision. Lists them newest first with the evaluation job that wrote each (who started it, when), whether it removed the employee, and its scheme, inputs and result hashes (resultHash recomputed now, recordedResultHash as written).',
      response: { type: 'object', properties: { cycleId: { type: 'string' }, employeeId: { type: 'string' }, items: { type: 'array', items: { type: 'object' } } } },
    },
    (c, { params }) => listResultRevisions(c.var.db, c.var.user!, parseId(params.id, 'cycle'), parseId(params.employeeId, 'employee')),
  );

  route(
    app,
    {
      method: 'get',
      path: '/api/cycles/:id/stats',
      summary: 'Dashboard figures of a cycle',
      tag: 'results',
      roles: ['hr', 'manager', 'auditor'],
      description: 'Grade distribution overall and per department with each version’s quotas, per-indicator mean/min/max per department, and the top of the ranking. Managers get their departments only.',
      query: { top: { type: 'integer', description: 'How many top totals to list, 1–100 (default 10)' } },
      response: withParts({
        cycle: { type: 'object' },
        employees: { type: 'integer', minimum: 0 },
        incomplete: { type: 'integer', minimum: 0 },
        grades: withParts({ overall: { type: 'object', additionalProperties: { type: 'integer' } }, byDepartment: { type: 'array', items: { type: 'object' } } }),
      }),
    },
    (c, { params, query }) => cycleStats(c.var.db, c.var.user!, parseId(params.id, 'cycle'), query),
  );

  route(
    app,
    {
      method: 'post',
      path: '/api/cycles/:id/results/:employeeId/reproduce',
      summary: 'Recompute a stored result and compare',
      tag: 'results',
      roles: ['hr', 'auditor'],
      description: 'Re-evaluates the whole population of the result’s scheme version from the stored inputs with the stored document, and lists every difference (total, grade, status, indicator scores, inputs hash, scheme hash, result hash). Changes nothing.',
      response: { type: 'object', properties: { matches: { type: 'boolean' }, stored: { type: 'object' }, recomputed: { type: 'object' }, differences: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, stored: {}, recomputed: {} } } } } },
    },
    (c, { params }) => reproduceResult(c.var.db, c.var.user!, parseId(params.id, 'cycle'), parseId(params.employeeId, 'employee')),
  );
}
