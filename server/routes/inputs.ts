/**
 * @module routes/inputs
 * A cycle's input data: the grid, entry for one employee (people or systems with an API token),
 * and all-or-nothing imports from CSV or JSON.
 */
import type { Hono } from 'hono';
import type { JsonValue } from '../db/types.ts';
import type { AppEnv } from '../http/env.ts';
import { route } from '../http/route.ts';
import { CYCLE_STATUSES } from '../../schemas/vocabulary.ts';
import { API_ID, NULLABLE_ID, PAGING_QUERY, record, TIME, titled } from '../services/api-schemas.ts';
import { IMPORT_ERROR_CODES } from '../../rules/inputs/problems.ts';
import { importInputs } from '../services/cycles/imports.ts';
import { enterInputs, inputGrid } from '../services/cycles/inputs.ts';
import { parseId } from '../services/access/scope.ts';

const NULLABLE_NUMBER = { type: ['number', 'null'] } as const;
const SCALAR = { type: ['string', 'number', 'boolean', 'null'] } as const;

const CELL = titled(
  'InputCell',
  record({ value: { description: 'The stored value (JSON).' }, source: { enum: ['manual', 'import', 'api'] }, enteredBy: NULLABLE_ID, enteredAt: TIME, importBatchId: NULLABLE_ID }),
);
const ROW = titled(
  'InputRow',
  record({
    employeeId: API_ID,
    code: { type: 'string' },
    name: { type: 'string' },
    departmentId: API_ID,
    positionId: API_ID,
    versionId: API_ID,
    attributes: { type: 'object', additionalProperties: SCALAR, description: 'Scalar employee attributes and the level, as rules and peer-group scopes read them.' },
    cells: { type: 'object', additionalProperties: { anyOf: [CELL, { type: 'null' }] }, description: 'Every input the version declares, null where nothing is stored.' },
  }),
);
const GRID_INPUT = titled(
  'GridInput',
  record({
    key: { type: 'string' },
    title: { type: 'string' },
    type: { $ref: 'scheme.schema.json#/$defs/input/properties/type' },
    unit: { type: ['string', 'null'] },
    minimum: NULLABLE_NUMBER,
    maximum: NULLABLE_NUMBER,
    options: { anyOf: [{ type: 'array', items: { type: ['string', 'number'] } }, { type: 'null' }], description: 'The values an enum or rating input takes.' },
    multiRater: { type: 'boolean' },
    raterGroups: { anyOf: [{ type: 'array', items: { type: 'string' } }, { type: 'null' }] },
    required: { type: 'boolean' },
  }),
);
const GRID_VERSION = titled('GridVersion', record({ id: API_ID, schemeKey: { type: 'string' }, number: { type: 'integer', minimum: 1 }, inputs: { type: 'array', items: GRID_INPUT } }));
const GRID = titled(
  'InputGrid',
  record({
    cycle: record({ id: API_ID, key: { type: 'string' }, status: { enum: CYCLE_STATUSES }, acceptsInputs: { type: 'boolean' } }),
    versions: { type: 'array', items: GRID_VERSION },
    total: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1 },
    offset: { type: 'integer', minimum: 0 },
    rows: { type: 'array', items: ROW },
  }),
);
const IMPORT_RESULT = titled(
  'ImportResult',
  record({
    batchId: API_ID,
    rows: { type: 'integer', minimum: 0 },
    values: { type: 'integer', minimum: 0 },
    changed: { type: 'integer', minimum: 0 },
    sha256: { type: 'string' },
    sameAsBatchId: { ...NULLABLE_ID, description: 'An earlier batch of this cycle with the same bytes, if any.' },
  }),
);
const IMPORT_ERRORS = `On any problem: 400 invalid_input with details.errors = [{ row, column, message, code, args }] (CSV rows are line numbers, header = 1; JSON rows count from 1; column is null for a whole row) and details.truncated, and nothing written. message is English; code is one of ${IMPORT_ERROR_CODES.join(', ')}; args are the values the message was filled with (strings and numbers, lists joined with ", "), so clients can word the problem in their own language.`;

/**
 * Declare the input grid, entry and import routes.
 * @example registerInputRoutes(app)
 */
export function registerInputRoutes(app: Hono<AppEnv>): void {
  route(
    app,
    {
      method: 'get',
      path: '/api/cycles/:id/inputs',
      summary: 'The input grid of a cycle',
      tag: 'inputs',
      roles: ['hr', 'manager', 'auditor'],
      description: 'Assessed employees × the inputs their scheme version declares, with who entered each value, when and how. Managers see their own departments.',
      query: { department: { type: 'string', description: 'Department id' }, employee: { type: 'string', description: 'Employee id' }, ...PAGING_QUERY },
      response: GRID,
    },
    (c, { params, query }) => inputGrid(c.var.db, c.var.user!, parseId(params.id, 'cycle'), query),
  );

  route<{ inputs: Record<string, JsonValue> }>(
    app,
    {
      method: 'put',
      path: '/api/cycles/:id/inputs/:employeeId',
      summary: 'Enter input values for one employee',
      tag: 'inputs',
      roles: ['hr', 'manager'],
      description: 'Values are checked against the declared inputs of the employee’s scheme version (type, range, options, rater groups); null clears a value. With an API token the source is recorded as api. Open or collecting cycles only.',
      body: { type: 'object', additionalProperties: false, required: ['inputs'], properties: { inputs: { type: 'object', minProperties: 1, maxProperties: 500 } } },
      response: ROW,
    },
    (c, { params, body }) => enterInputs(c.var.db, c.var.user!, parseId(params.id, 'cycle'), parseId(params.employeeId, 'employee'), body.inputs),
  );

  route<{ rows: Array<{ employee: string; inputs: Record<string, JsonValue> }> }>(
    app,
    {
      method: 'post',
      path: '/api/cycles/:id/import',
      summary: 'Import input values from CSV or JSON',
      tag: 'inputs',
      roles: ['hr', 'manager'],
      description: `CSV: UTF-8 (a byte-order mark is fine) or GB18030/GBK, header "employee" (the employee code; "id" is accepted too) plus one column per declared input; multi-rater inputs as <input>.<group> with ;-separated ratings; an empty cell leaves the stored value. JSON: { rows: [{ employee, inputs }] }. All or nothing. ${IMPORT_ERRORS} A manager's rows for employees outside their departments are reported like unknown employee codes (not a 403), so one upload reports all its problems and discloses nothing of other departments.`,
      rawBody: { contentTypes: ['text/csv'], description: 'CSV text, UTF-8 or GB18030/GBK; at most 1,000 columns, 100,000 characters a cell and 200,000 data rows' },
      body: { type: 'object', additionalProperties: false, required: ['rows'], properties: { rows: { type: 'array', maxItems: 200000, items: { type: 'object', additionalProperties: false, required: ['employee', 'inputs'], properties: { employee: { type: 'string', minLength: 1, maxLength: 64 }, inputs: { type: 'object', maxProperties: 500 } } } } } },
      query: { filename: { type: 'string', description: 'The uploaded file’s name, kept with the import batch' } },
      response: IMPORT_RESULT,
    },
    (c, { params, body, raw, query }) => {
      const filename = query.filename?.slice(0, 255);
      return importInputs(c.var.db, c.var.user!, parseId(params.id, 'cycle'), raw !== undefined ? { format: 'csv', bytes: raw, filename } : { format: 'json', rows: body.rows, filename });
    },
  );
}
