/**
 * @module routes/appeals
 * Appeals against published results: the employee files, the department's manager reviews
 * first, HR decides.
 */
import type { Hono } from 'hono';
import { ROLES } from '../../schemas/vocabulary.ts';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { API_ID, listOf, NULLABLE_ID, record, TIME, titled } from '../services/api-schemas.ts';
import { decideAppeal, fileAppeal, listAppeals, STATUSES, type Decision } from '../services/appeals/appeals.ts';
import { parseId } from '../services/access/scope.ts';

const DECISIONS = ['department-review', 'hr-review', 'accepted', 'rejected'] as const;

const APPEAL = titled(
  'Appeal',
  record({
    id: API_ID,
    cycleId: API_ID,
    cycleKey: { type: 'string' },
    employeeId: API_ID,
    employeeCode: { type: 'string' },
    employeeName: { type: 'string' },
    departmentId: API_ID,
    status: { enum: [...STATUSES] },
    reason: { type: 'string' },
    evidence: { type: 'array' },
    decision: { type: ['string', 'null'] },
    decidedBy: NULLABLE_ID,
    nextDecisions: { type: 'array', items: { enum: DECISIONS }, description: 'What the caller may decide next, given their role and the status.' },
    createdAt: TIME,
    updatedAt: TIME,
  }),
);

const TEXT = (max: number) => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' });

/**
 * Declare the appeal routes.
 * @example registerAppealRoutes(app)
 */
export function registerAppealRoutes(app: Hono<AppEnv>): void {
  route<{ reason: string; evidence?: string }>(
    app,
    {
      method: 'post',
      path: '/api/cycles/:id/results/:employeeId/appeals',
      summary: 'Appeal my result',
      tag: 'appeals',
      roles: ['employee'],
      status: 201,
      description: 'Only for one’s own result, while the cycle is published; one open appeal per result.',
      body: { type: 'object', additionalProperties: false, required: ['reason'], properties: { reason: TEXT(5000), evidence: TEXT(20000) } },
      response: APPEAL,
    },
    (c, { params, body }) => fileAppeal(c.var.db, c.var.user!, parseId(params.id, 'cycle'), parseId(params.employeeId, 'employee'), body),
  );

  route(
    app,
    {
      method: 'get',
      path: '/api/appeals',
      summary: 'List appeals',
      tag: 'appeals',
      roles: ROLES,
      description: 'HR and auditors see all, managers their departments’, employees their own; newest first (at most 500).',
      query: { cycle: { type: 'string', description: 'Cycle id' }, status: { type: 'string', enum: [...STATUSES], description: 'Appeal status' } },
      response: listOf(APPEAL),
    },
    (c, { query }) => listAppeals(c.var.db, c.var.user!, query),
  );

  route<{ decision: Decision; note: string }>(
    app,
    {
      method: 'post',
      path: '/api/appeals/:id/decide',
      summary: 'Review or decide an appeal',
      tag: 'appeals',
      roles: ['hr', 'manager'],
      description: 'The department’s manager reviews first (department-review, then hr-review); HR decides (accepted or rejected), also directly.',
      body: { type: 'object', additionalProperties: false, required: ['decision', 'note'], properties: { decision: { enum: DECISIONS }, note: TEXT(5000) } },
      response: APPEAL,
    },
    (c, { params, body }) => decideAppeal(c.var.db, c.var.user!, parseId(params.id, 'appeal'), body),
  );
}
