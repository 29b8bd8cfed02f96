/**
 * @module routes/results
 * A cycle's results: the list, one result with its explanation, its revisions, dashboard
 * figures, and the reproduction check.
 */
import type { Hono } from 'hono';
import { CYCLE_STATUSES, ROLES } from '../../schemas/vocabulary.ts';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { API_ID, DAY, NULLABLE_ID, pageOf, PAGING_QUERY, record, TIME, titled, withParts } from '../services/api-schemas.ts';
import { reproduceResult } from '../services/evaluation/reproduce.ts';
import { cycleStats } from '../services/evaluation/stats.ts';
import { listResultRevisions } from '../services/evaluation/result-revisions.ts';
import { getResult, listResults } from '../services/evaluation/results.ts';
import { parseId } from '../services/access/scope.ts';

const ALL = ROLES;
const SCOPE = 'HR and auditors see everyone, managers their departments, employees their own result once the cycle is published.';

const TOTAL = { type: ['number', 'null'], description: 'null when the result is incomplete.' } as const;
const GRADE = { type: ['string', 'null'] } as const;
const STATUS = { enum: ['ok', 'incomplete'] } as const;

const RESULT_ITEM = titled(
  'ResultItem',
  record({
    employeeId: API_ID,
    code: { type: 'string' },
    name: { type: 'string' },
    departmentId: API_ID,
    departmentKey: { type: 'string' },
    departmentName: { type: 'string' },
    positionId: API_ID,
    positionKey: { type: 'string' },
    versionId: API_ID,
    total: TOTAL,
    grade: GRADE,
    status: STATUS,
    rank: { type: ['integer', 'null'], description: 'Position in the ranking of the result’s population, when the scheme ranks.' },
    computedAt: TIME,
  }),
);

const RESULT_DETAIL = titled(
  'ResultDetail',
  record({
    cycle: record({ id: API_ID, key: { type: 'string' }, title: { type: 'string' }, status: { enum: CYCLE_STATUSES }, startsOn: DAY, endsOn: DAY }),
    employee: record({ id: API_ID, code: { type: 'string' }, name: { type: 'string' }, departmentId: API_ID, departmentKey: { type: 'string' }, positionId: API_ID, positionKey: { type: 'string' } }),
    schemeVersion: record({ id: API_ID, schemeKey: { type: 'string' }, number: { type: 'integer', minimum: 1 }, contentHash: { type: 'string' } }),
    total: TOTAL,
    grade: GRADE,
    status: STATUS,
    schemeHash: { type: 'string' },
    inputsHash: { type: 'string' },
    jobId: NULLABLE_ID,
    computedAt: TIME,
    result: { type: 'object', description: 'The stored EmployeeResult (indicator scores, totals, adjustments, distribution).' },
    explanation: { type: 'object', description: 'Per-indicator traces, recomputed from the stored version and inputs.' },
    inputsChanged: { type: 'boolean', description: 'Whether the inputs changed since the result was computed.' },
  }),
);

const RESULT_REVISION = titled(
  'ResultRevision',
  record({
    revision: { type: 'integer', minimum: 1 },
    current: { type: 'boolean' },
    removed: { type: 'boolean', description: 'The evaluation that wrote it no longer assessed the employee.' },
    jobId: NULLABLE_ID,
    startedBy: { type: ['string', 'null'], description: 'User name of who started the evaluation.' },
    startedByName: { type: ['string', 'null'] },
    reason: { type: 'string' },
    computedAt: TIME,
    versionId: API_ID,
    total: TOTAL,
    grade: GRADE,
    status: STATUS,
    schemeHash: { type: 'string' },
    inputsHash: { type: 'string' },
    resultHash: { type: 'string', description: 'Recomputed now from the stored result.' },
    recordedResultHash: { type: ['string', 'null'], description: 'As written with the revision.' },
  }),
);

const COMPARED = titled('ReproducedFigures', record({
  total: TOTAL,
  grade: GRADE,
  status: STATUS,
  inputsHash: { type: 'string' },
  schemeHash: { type: 'string' },
  contentHash: { type: 'string' },
  resultHash: { type: 'string' },
  indicators: { type: 'object', additionalProperties: { type: ['number', 'null'] }, description: 'Indicator scores by key.' },
}));

const REPRODUCTION = titled(
  'Reproduction',
  record({
    matches: { type: 'boolean' },
    versionId: API_ID,
    population: { type: 'integer', minimum: 0, description: 'Employees re-evaluated with it (the result’s whole population).' },
    stored: COMPARED,
    recomputed: COMPARED,
    differences: { type: 'array', items: record({ field: { type: 'string', description: 'e.g. total, grade or indicators.csat' }, stored: {}, recomputed: {} }) },
  }),
);

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
      response: pageOf(RESULT_ITEM),
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
      response: RESULT_DETAIL,
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
      response: record({ cycleId: API_ID, employeeId: API_ID, items: { type: 'array', items: RESULT_REVISION } }),
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
      response: REPRODUCTION,
    },
    (c, { params }) => reproduceResult(c.var.db, c.var.user!, parseId(params.id, 'cycle'), parseId(params.employeeId, 'employee')),
  );
}
