/**
 * @module routes/org
 * The organisation: departments, positions and employees. HR, managers (own departments) and
 * auditors read; HR writes. Employees are refused: they see themselves through their results.
 */
import type { Hono } from 'hono';
import type { JsonObject } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { API_ID, ID, KEY, listOf, NAME, NULLABLE_ID, pageOf, PAGING_QUERY, record, TIME, titled } from '../services/api-schemas.ts';
import { createEmployee, type EmployeeFields, getEmployee, listEmployees, updateEmployee } from '../services/org/employees.ts';
import { createDepartment, createPosition, listDepartments, listPositions } from '../services/org/org.ts';
import { parsePaging, queryId } from '../services/query-params.ts';
import { parseId } from '../services/access/scope.ts';

const READERS = ['hr', 'manager', 'auditor'] as const;

const DEPARTMENT = titled('Department', record({ id: API_ID, key: { type: 'string' }, name: { type: 'string' }, parentId: NULLABLE_ID, createdAt: TIME }));
const POSITION = titled('Position', record({ id: API_ID, key: { type: 'string' }, name: { type: 'string' }, departmentId: { ...NULLABLE_ID, description: 'null: shared by all departments.' }, createdAt: TIME }));
const EMPLOYEE = titled('Employee', record({
  id: API_ID,
  code: { type: 'string', description: 'The employee code (工号).' },
  name: { type: 'string' },
  departmentId: API_ID,
  departmentKey: { type: 'string' },
  positionId: API_ID,
  positionKey: { type: 'string' },
  level: { type: ['string', 'null'] },
  managerId: NULLABLE_ID,
  attributes: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean', 'null'] } },
  active: { type: 'boolean' },
  createdAt: TIME,
  updatedAt: TIME,
}));

/** Employee fields as the API takes them (ids as strings). */
interface EmployeeBody {
  code?: string;
  name?: string;
  departmentId?: string;
  positionId?: string;
  level?: string | null;
  managerId?: string | null;
  attributes?: JsonObject;
  active?: boolean;
}

const EMPLOYEE_PROPERTIES = {
  code: { type: 'string', minLength: 1, maxLength: 64, pattern: '^\\S+$' },
  name: NAME,
  departmentId: ID,
  positionId: ID,
  level: { type: ['string', 'null'], maxLength: 64 },
  managerId: { anyOf: [ID, { type: 'null' }] },
  attributes: { type: 'object', maxProperties: 100, additionalProperties: { type: ['string', 'number', 'boolean', 'null'] }, description: 'Other facts rules and scopes may use (team, site, …).' },
  active: { type: 'boolean' },
};

function employeeFields(body: EmployeeBody): Partial<EmployeeFields> {
  const id = (v: string | null | undefined) => (v === undefined ? undefined : v === null ? null : Number(v));
  return {
    code: body.code,
    name: body.name,
    departmentId: id(body.departmentId) ?? undefined,
    positionId: id(body.positionId) ?? undefined,
    level: body.level,
    managerId: id(body.managerId),
    attributes: body.attributes,
    active: body.active,
  };
}

export function registerOrgRoutes(app: Hono<AppEnv>): void {
  route(app, { method: 'get', path: '/api/departments', summary: 'List departments', tag: 'organisation', roles: READERS, description: 'Managers see their own departments only.', response: listOf(DEPARTMENT) }, (c) =>
    listDepartments(c.var.db, c.var.user!),
  );

  route<{ key: string; name: string; parentId?: string | null }>(
    app,
    {
      method: 'post',
      path: '/api/departments',
      summary: 'Add a department',
      tag: 'organisation',
      roles: ['hr'],
      status: 201,
      response: DEPARTMENT,
      body: { type: 'object', additionalProperties: false, required: ['key', 'name'], properties: { key: KEY, name: NAME, parentId: { anyOf: [ID, { type: 'null' }] } } },
    },
    (c, { body }) => createDepartment(c.var.db, c.var.user!, { key: body.key, name: body.name, parentId: body.parentId == null ? null : Number(body.parentId) }),
  );

  route(
    app,
    { method: 'get', path: '/api/positions', summary: 'List positions', tag: 'organisation', roles: READERS, description: 'Managers see positions shared by all departments and those of their own.', response: listOf(POSITION) },
    (c) => listPositions(c.var.db, c.var.user!),
  );

  route<{ key: string; name: string; departmentId?: string | null }>(
    app,
    {
      method: 'post',
      path: '/api/positions',
      summary: 'Add a position',
      tag: 'organisation',
      roles: ['hr'],
      status: 201,
      response: POSITION,
      description: 'The key is what schemes name in `weights.positions`. Without departmentId the position is shared by all departments.',
      body: { type: 'object', additionalProperties: false, required: ['key', 'name'], properties: { key: KEY, name: NAME, departmentId: { anyOf: [ID, { type: 'null' }] } } },
    },
    (c, { body }) => createPosition(c.var.db, c.var.user!, { key: body.key, name: body.name, departmentId: body.departmentId == null ? null : Number(body.departmentId) }),
  );

  route(
    app,
    {
      method: 'get',
      path: '/api/employees',
      summary: 'List employees',
      tag: 'organisation',
      roles: READERS,
      description: 'By employee code, a page at a time, with the total count. Managers see their own departments only (403 when filtering by another).',
      response: pageOf(EMPLOYEE),
      query: {
        department: { type: 'string', description: 'Department id.' },
        position: { type: 'string', description: 'Position id.' },
        q: { type: 'string', description: 'Part of the code or name, case-insensitive.' },
        ...PAGING_QUERY,
      },
    },
    (c, { query }) =>
      listEmployees(
        c.var.db,
        c.var.user!,
        { departmentId: queryId(query.department, 'department'), positionId: queryId(query.position, 'position'), q: query.q === undefined || query.q === '' ? undefined : query.q.slice(0, 200) },
        parsePaging(query),
      ),
  );

  route(app, { method: 'get', path: '/api/employees/:id', summary: 'Read an employee', tag: 'organisation', roles: READERS, description: "Managers: own departments' employees only (403 otherwise).", response: EMPLOYEE }, (c, { params }) =>
    getEmployee(c.var.db, c.var.user!, parseId(params.id, 'employee')),
  );

  route<EmployeeBody>(
    app,
    {
      method: 'post',
      path: '/api/employees',
      summary: 'Add an employee',
      tag: 'organisation',
      roles: ['hr'],
      status: 201,
      response: EMPLOYEE,
      body: { type: 'object', additionalProperties: false, required: ['code', 'name', 'departmentId', 'positionId'], properties: EMPLOYEE_PROPERTIES },
    },
    (c, { body }) => createEmployee(c.var.db, c.var.user!, employeeFields(body) as EmployeeFields),
  );

  route<EmployeeBody>(
    app,
    {
      method: 'patch',
      path: '/api/employees/:id',
      summary: 'Change an employee',
      tag: 'organisation',
      roles: ['hr'],
      description: 'Only the fields sent change; the audit entry keeps each changed field before and after. Set active false when someone leaves (records stay for past results).',
      body: { type: 'object', additionalProperties: false, minProperties: 1, properties: EMPLOYEE_PROPERTIES },
      response: EMPLOYEE,
    },
    (c, { params, body }) => updateEmployee(c.var.db, c.var.user!, parseId(params.id, 'employee'), employeeFields(body)),
  );
}
