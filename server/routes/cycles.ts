/**
 * @module routes/cycles
 * Assessment cycles: list, create, one cycle with its assignments and counts, replace the
 * assignments, and move a cycle along open → collecting → evaluated → calibrated → published → closed.
 */
import type { Hono } from 'hono';
import { CYCLE_STATUSES, PERIODS, ROLES, type CycleStatus, type Period as CyclePeriod } from '../../schemas/vocabulary.ts';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { API_ID, DAY, ID, listOf, NAME, NULLABLE_ID, record, TIME, titled } from '../services/api-schemas.ts';
import { createCycle, getCycle, listCycles, replaceAssignments, transitionCycle, type AssignmentInput } from '../services/cycles/cycles.ts';
import { parseId } from '../services/access/scope.ts';

const ALL = ROLES;
const STATUSES = CYCLE_STATUSES;

const CYCLE_FIELDS = {
  id: API_ID,
  key: { type: 'string' },
  title: { type: 'string' },
  period: { enum: PERIODS },
  startsOn: DAY,
  endsOn: DAY,
  status: { enum: STATUSES },
  nextStatuses: { type: 'array', items: { enum: STATUSES }, description: 'Where a transition may take the cycle from here.' },
  createdBy: NULLABLE_ID,
  createdAt: TIME,
  updatedAt: TIME,
};

const CYCLE = titled('Cycle', record(CYCLE_FIELDS));

const ASSIGNMENT = titled(
  'Assignment',
  record({ id: API_ID, versionId: API_ID, schemeId: API_ID, schemeKey: { type: 'string' }, versionNumber: { type: 'integer', minimum: 1 }, contentHash: { type: 'string' }, departmentId: NULLABLE_ID, positionId: NULLABLE_ID }),
);

const COUNT = { type: 'integer', minimum: 0 } as const;

const CYCLE_DETAIL = titled(
  'CycleDetail',
  record({
    ...CYCLE_FIELDS,
    assignments: { type: 'array', items: ASSIGNMENT },
    counts: record({ employees: COUNT, employeesWithInputs: COUNT, inputValues: COUNT, results: COUNT, openAppeals: COUNT }),
  }),
);

/**
 * Declare the cycle routes.
 * @example registerCycleRoutes(app)
 */
export function registerCycleRoutes(app: Hono<AppEnv>): void {
  route(
    app,
    { method: 'get', path: '/api/cycles', summary: 'List cycles', tag: 'cycles', roles: ALL, description: 'Newest first. Employees see only cycles with a published result of theirs.', response: listOf(CYCLE) },
    async (c) => ({ items: await listCycles(c.var.db, c.var.user!) }),
  );

  route<{ key: string; title: string; period: CyclePeriod; startsOn: string; endsOn: string }>(
    app,
    {
      method: 'post',
      path: '/api/cycles',
      summary: 'Open a cycle',
      tag: 'cycles',
      roles: ['hr'],
      status: 201,
      description: 'The cycle starts open; assign scheme versions next.',
      body: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'title', 'period', 'startsOn', 'endsOn'],
        properties: { key: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$', description: 'e.g. 2026-Q3' }, title: NAME, period: { enum: PERIODS }, startsOn: DAY, endsOn: DAY },
      },
      response: CYCLE,
    },
    (c, { body }) => createCycle(c.var.db, c.var.user!, body),
  );

  route(
    app,
    { method: 'get', path: '/api/cycles/:id', summary: 'One cycle with its assignments and counts', tag: 'cycles', roles: ALL, description: 'Counts cover the caller’s scope (a manager’s departments, an employee’s own record).', response: CYCLE_DETAIL },
    (c, { params }) => getCycle(c.var.db, c.var.user!, parseId(params.id, 'cycle')),
  );

  route<AssignmentInput[]>(
    app,
    {
      method: 'put',
      path: '/api/cycles/:id/assignments',
      summary: 'Replace which scheme versions apply to whom',
      tag: 'cycles',
      roles: ['hr'],
      description: 'Only published versions. The most specific assignment applies to an employee: department + position, then position, then department, then the cycle-wide one (neither). Refused once the cycle is evaluated or later.',
      body: { type: 'array', maxItems: 1000, items: { type: 'object', additionalProperties: false, required: ['versionId'], properties: { versionId: ID, departmentId: { anyOf: [ID, { type: 'null' }] }, positionId: { anyOf: [ID, { type: 'null' }] } } } },
      response: CYCLE_DETAIL,
    },
    (c, { params, body }) => replaceAssignments(c.var.db, c.var.user!, parseId(params.id, 'cycle'), body),
  );

  route<{ to: CycleStatus }>(
    app,
    {
      method: 'post',
      path: '/api/cycles/:id/transition',
      summary: 'Move a cycle to its next status',
      tag: 'cycles',
      roles: ['hr'],
      description: 'open → collecting; evaluated → calibrated or back to collecting; calibrated → published; published → closed. A cycle becomes evaluated by running an evaluation.',
      body: { type: 'object', additionalProperties: false, required: ['to'], properties: { to: { enum: STATUSES } } },
      response: CYCLE,
    },
    (c, { params, body }) => transitionCycle(c.var.db, c.var.user!, parseId(params.id, 'cycle'), body.to),
  );
}
