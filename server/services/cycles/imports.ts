/**
 * @module services/cycles/imports
 * Bulk import of input values, all or nothing.
 *
 * **CSV** (the inputs sheet of `rules/inputs/layout.ts`): UTF-8 (with or without a byte-order
 * mark) or GB18030/GBK, comma-separated, RFC 4180 quoting; a header row with `employee` (the
 * employee code; `id` is accepted too) and one column per declared input; a multi-rater input
 * has one column per rater group, `<input>.<group>`, each cell holding `;`-separated ratings
 * (a multi-rater value is replaced as a whole, so give every group's column). Cells are typed by
 * `rules/inputs/cells.ts` (`85%` → 85, `yes`/`是` → true, enum and scale labels…). Bytes that are
 * neither encoding are a problem naming their row, never replaced. Limits are checked while the
 * file is read (`INPUT_SHEET_LIMITS`: columns, cell size, rows; the app's body limit bounds the bytes), and
 * reading and checking hand the event loop back every few thousand rows, so a hostile file is
 * refused quickly and other requests are answered meanwhile.
 * **JSON**: `{ rows: [{ employee, inputs: { key: value } }] }` with typed values.
 * An empty cell (or `null`) means "no value here": the stored value, if any, stays.
 *
 * Every row and cell is checked first; any problem answers 400 with `details.errors =
 * [{ row, column, message, code, args }]` (every problem, up to 1,000) and nothing is written;
 * `message` is English, `code` + `args` let a client word it in its own language (the codes are
 * listed in `rules/inputs/problems.ts`). Rows are numbered as the user sees them: CSV rows are
 * line numbers with the header as row 1; JSON rows count from 1. A manager's row naming an
 * employee outside their departments gets the same answer as an unknown code (nothing tells
 * them whether it exists or where it works), so one upload still reports all of its problems.
 *
 * A clean file is written in one transaction with an `import_batches` row and one audit entry
 * carrying the file's SHA-256: of the text as UTF-8 without a byte-order mark for CSV (the same
 * sheet saved as UTF-8 or GBK has one hash), of the canonical JSON of the body for JSON.
 * Importing the same file again changes nothing. Imports into one cycle write one at a time (a
 * transaction-level advisory lock keyed by the cycle), so concurrent imports of overlapping rows
 * queue instead of deadlocking.
 */
import type { Kysely } from 'kysely';
import { sql, type Transaction } from 'kysely';
import { canonicalJson } from '../../../rules/index.ts';
import { acceptInputValue, checkSheetHeader, coerceInputs, decodeInputBytes, INPUT_SHEET_LIMITS, readCsvRecords, type CellProblem, type InputIssue } from '../../../rules/inputs/index.ts';
import { YardstickError } from '../../../rules/errors.ts';
import type { DB, JsonValue, Row } from '../../db/types.ts';
import type { CurrentUser } from '../../domain/actor.ts';
import { apiId } from '../api-format.ts';
import { appendAudit } from '../audit/audit.ts';
import { loadCycle, lockCycle } from './cycles.ts';
import { sha256Tagged } from '../evaluation/employee-data.ts';
import { loadAssignments, loadRoster, type RosterEntry } from '../evaluation/roster.ts';
import { loadVersions, type LoadedVersion } from '../evaluation/versions.ts';
import { assertAcceptsInputs, writeInputs, type InputWrite } from './inputs.ts';
import { IMPORT_ERROR_CODES, type ImportError, type ImportErrorArgsByCode, type ImportErrorCode, type ValueArgs } from '../../../rules/inputs/problems.ts';
import { actorOf } from '../access/scope.ts';
import { inTransaction } from '../transaction.ts';

export { IMPORT_ERROR_CODES, type ImportError, type ImportErrorCode };

/** What to import: CSV text or JSON rows. */
export type ImportSource = { format: 'csv'; bytes: Uint8Array; filename?: string } | { format: 'json'; rows: Array<{ employee: string; inputs: Record<string, JsonValue> }>; filename?: string };

/** A data row before checking: its number, the employee code and its cells (text or typed). */
interface SourceRow {
  row: number;
  employee: string;
  cells: Record<string, string> | null;
  typed: Record<string, JsonValue> | null;
}

const MAX_ERRORS = 1000;
/** Rows read or checked between two yields to the event loop. */
const YIELD_EVERY = 2000;
const EMPLOYEE_COLUMN = 'employee';

/** Let other requests run: a macrotask turn, so timers and sockets are served too. */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One import problem: where, the English message, and the same as a code with its args.
 * @example problem(4, 'employee', 'unknown employee code E999', 'employee_unknown', { employee: 'E999' })
 */
function problem<C extends ImportErrorCode>(row: number, column: string | null, message: string, code: C, args: ImportErrorArgsByCode[C]): ImportError {
  // Optional args that are absent are left out, so a client can test for them with hasOwn.
  const sent = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as Record<string, string | number>;
  return { row, column, message, code, args: sent };
}

/** Reports a problem of the row being checked. */
type Report = <C extends ImportErrorCode>(column: string | null, message: string, code: C, args: ImportErrorArgsByCode[C]) => void;

/**
 * Check and apply an import.
 * @example
 * await importInputs(db, hr, 3, { format: 'csv', text: 'employee,complaints\nE001,2\n', filename: 'q3.csv' })
 * // { batchId: '8', rows: 1, values: 1, changed: 1, sha256: 'sha256:…', sameAsBatchId: null }
 */
export async function importInputs(db: Kysely<DB>, user: CurrentUser, cycleId: number, source: ImportSource) {
  const cycle = await loadCycle(db, cycleId);
  await assertAcceptsInputs(db, cycle);
  const errors: ImportError[] = [];
  // A CSV is decoded and read (within its limits) before anything else is loaded, so a hostile
  // file is refused at once.
  const sheet = source.format === 'csv' ? await readSheet(source.bytes, errors) : undefined;
  if (errors.length) throw importRefused(errors);
  const assignments = await loadAssignments(db, cycleId);
  if (assignments.length === 0) throw new YardstickError('conflict', `Cycle ${cycle.key} has no scheme version assigned yet, so it declares no inputs; assign versions first.`, { cycleId: apiId(cycleId) });
  const roster = await loadRoster(db, cycleId, {}, assignments);
  const versions = await loadVersions(db, assignments.map((a) => a.versionId));
  const rows = source.format === 'csv' ? await sheetRows(sheet!.records, versions, errors) : source.rows.map((r, i) => ({ row: i + 1, employee: r.employee, cells: null, typed: r.inputs }));
  const writes = await checkRows(db, user, cycle, rows, roster, versions, errors);
  if (rows.length === 0 && errors.length === 0) errors.push(problem(source.format === 'csv' ? 2 : 1, null, 'there are no data rows to import', 'no_rows', {}));
  if (errors.length) throw importRefused(errors);
  const sha256 = source.format === 'csv' ? sha256Tagged(sheet!.text) : sha256Tagged(canonicalJson({ rows: source.rows }));
  const filename = source.filename || `import.${source.format}`;
  return inTransaction(db, async (trx) => {
    await lockImports(trx, cycleId);
    await assertAcceptsInputs(trx, await lockCycle(trx, cycleId, 'share'));
    const earlier = await trx.selectFrom('import_batches').select('id').where('cycle_id', '=', cycleId).where('content_hash', '=', sha256).where('status', '=', 'applied').orderBy('id').executeTakeFirst();
    const batch = await trx.insertInto('import_batches').values({ cycle_id: cycleId, filename, format: source.format, content_hash: sha256, row_count: rows.length, status: 'applied', created_by: user.id }).returning('id').executeTakeFirstOrThrow();
    const changed = await writeInputs(trx, cycleId, writes, { source: 'import', userId: user.id, batchId: batch.id });
    const summary = { batchId: apiId(batch.id), rows: rows.length, values: writes.length, changed, sha256, sameAsBatchId: earlier ? apiId(earlier.id) : null };
    await appendAudit(trx, { actor: actorOf(user), action: 'inputs.import', entityType: 'cycle', entityId: cycleId, payload: { key: cycle.key, filename, format: source.format, ...summary } });
    return summary;
  });
}

/**
 * Imports into one cycle, one at a time, until the transaction ends: two imports of overlapping
 * rows would otherwise lock the same inputs rows in different orders and one would fail on a
 * deadlock. The key pairs a fixed namespace with the cycle id.
 */
async function lockImports(trx: Transaction<DB>, cycleId: number): Promise<void> {
  await sql`select pg_advisory_xact_lock(${IMPORT_LOCK_NAMESPACE}, ${cycleId})`.execute(trx);
}
/** The first key of the import advisory lock ("YSim" in ASCII), so no other lock shares it. */
const IMPORT_LOCK_NAMESPACE = 0x5953696d;

/** The 400 listing every problem (up to `MAX_ERRORS`), sorted by row. */
function importRefused(errors: ImportError[]): YardstickError {
  errors.sort((a, b) => a.row - b.row); // stable: within a row, columns stay in file order
  const first = errors[0];
  return new YardstickError('invalid_input', `The import has ${errors.length >= MAX_ERRORS ? `at least ${MAX_ERRORS}` : errors.length} problem(s); nothing was imported. First: row ${first.row}${first.column ? `, column ${first.column}` : ''}: ${first.message}.`, { errors: errors.slice(0, MAX_ERRORS), truncated: errors.length > MAX_ERRORS });
}

/**
 * Decode a CSV and read its records within `INPUT_SHEET_LIMITS`; a problem of the file
 * (encoding, quoting, a limit) is added to `errors`. The text is what the file hash is computed on.
 */
async function readSheet(bytes: Uint8Array, errors: ImportError[]): Promise<{ text: string; records: Array<{ row: number; cells: string[] }> }> {
  const decoded = decodeInputBytes(bytes);
  if ('badRow' in decoded) {
    errors.push(problem(decoded.badRow, null, 'this row is neither UTF-8 nor GBK text; save the file as "CSV UTF-8" and import it again', 'invalid_encoding', {}));
    return { text: '', records: [] };
  }
  const records: Array<{ row: number; cells: string[] }> = [];
  for (const item of readCsvRecords(decoded.text, INPUT_SHEET_LIMITS)) {
    if (item.problem) {
      errors.push(problem(item.row, null, item.problem.message, item.problem.code, item.problem.args as never));
      break;
    }
    records.push(item);
    if (records.length % YIELD_EVERY === 0) await yieldToEventLoop();
  }
  if (records.length === 0 && errors.length === 0) errors.push(problem(1, null, 'the file is empty; it needs a header row with an "employee" column', 'empty_file', {}));
  return { text: decoded.text, records };
}

/** The sheet's data rows, reporting header problems (row 1) and rows with the wrong number of cells. */
async function sheetRows(records: Array<{ row: number; cells: string[] }>, versions: Map<number, LoadedVersion>, errors: ImportError[]): Promise<SourceRow[]> {
  const header = records[0].cells.map((h) => h.trim());
  const { employeeIndex, rejected, problems } = checkSheetHeader(header, [...versions.values()].map((v) => v.scheme));
  for (const p of problems) errors.push(problem(1, p.column, p.message, p.code, p.args as never));
  const out: SourceRow[] = [];
  for (let r = 1; r < records.length; r++) {
    if (r % YIELD_EVERY === 0) await yieldToEventLoop();
    const { row, cells: record } = records[r];
    if (record.length !== header.length) errors.push(problem(row, null, `has ${record.length} cell(s); the header has ${header.length}`, 'cell_count', { cells: record.length, expected: header.length }));
    const cells: Record<string, string> = {};
    header.forEach((column, i) => {
      // Columns the header check refused are reported once, on row 1, not again on every row.
      if (i !== employeeIndex && !rejected.has(column)) cells[column] = record[i] ?? '';
    });
    out.push({ row, employee: employeeIndex < 0 ? '' : (record[employeeIndex] ?? '').trim(), cells, typed: null });
    if (errors.length > MAX_ERRORS) break;
  }
  return out;
}

/** Check every row; returns the values to write (meaningful only when no error was added). */
async function checkRows(db: Kysely<DB>, user: CurrentUser, cycle: Row<'cycles'>, rows: SourceRow[], roster: RosterEntry[], versions: Map<number, LoadedVersion>, errors: ImportError[]): Promise<InputWrite[]> {
  const byCode = new Map(roster.map((r) => [r.code, r]));
  // A manager's rows outside their departments read like unknown codes: no existence, department
  // or status of another department's employee is disclosed.
  const inScope = (departmentId: number) => user.role === 'hr' || user.departmentIds.includes(departmentId);
  const absent = await describeAbsent(db, rows.map((r) => r.employee).filter((code) => code !== '' && !byCode.has(code)), inScope);
  const firstRow = new Map<string, number>();
  const writes: InputWrite[] = [];
  let count = 0;
  for (const row of rows) {
    if (++count % YIELD_EVERY === 0) await yieldToEventLoop();
    // Each problem of a row that names an employee carries the code, so a long list reads by person.
    const err: Report = (column, message, code, args) => void errors.push(row.employee === '' ? problem(row.row, column, message, code, args) : { ...problem(row.row, column, message, code, args), employee: row.employee });
    const employee = row.employee;
    if (employee === '') {
      err(EMPLOYEE_COLUMN, 'the employee code is missing', 'employee_missing', {});
      continue;
    }
    const first = firstRow.get(employee);
    if (first !== undefined) err(EMPLOYEE_COLUMN, `employee ${employee} already appears in row ${first}`, 'employee_duplicate', { employee, firstRow: first });
    else firstRow.set(employee, row.row);
    const found = byCode.get(employee);
    const entry = found && inScope(found.departmentId) ? found : undefined;
    if (!entry) {
      const why = absent.get(employee);
      if (why === 'inactive') err(EMPLOYEE_COLUMN, `employee ${employee} is no longer active`, 'employee_inactive', { employee });
      else if (why === 'not-assessed') err(EMPLOYEE_COLUMN, `employee ${employee} is not assessed in cycle ${cycle.key}: no assignment covers their department and position`, 'employee_not_assessed', { employee, cycle: cycle.key });
      else err(EMPLOYEE_COLUMN, `unknown employee code ${employee}`, 'employee_unknown', { employee });
      continue;
    }
    const version = versions.get(entry.versionId)!;
    const values = row.typed ? checkTyped(row.typed, version, err) : checkCells(row.cells ?? {}, version, entry, err);
    for (const [key, value] of Object.entries(values)) writes.push({ employeeId: entry.id, key, value });
    if (errors.length > MAX_ERRORS) break;
  }
  return writes;
}

/**
 * Why codes missing from the roster are missing: inactive, or not assessed in the cycle. Unknown
 * codes, and codes of employees outside the user's scope, are not in the map.
 */
async function describeAbsent(db: Kysely<DB>, codes: string[], inScope: (departmentId: number) => boolean): Promise<Map<string, 'inactive' | 'not-assessed'>> {
  const out = new Map<string, 'inactive' | 'not-assessed'>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 5000) {
    const found = await db.selectFrom('employees').select(['code', 'active', 'department_id']).where('code', 'in', unique.slice(i, i + 5000)).execute();
    for (const e of found) if (inScope(e.department_id)) out.set(e.code, e.active ? 'not-assessed' : 'inactive');
  }
  return out;
}

/** CSV cells → typed values, checked against the row's version. */
function checkCells(cells: Record<string, string>, version: LoadedVersion, entry: RosterEntry, err: Report): Record<string, JsonValue> {
  const usable: Record<string, string> = {};
  for (const [column, cell] of Object.entries(cells)) {
    if (cell.trim() === '') continue;
    const [key, group] = column.split('.', 2);
    const def = version.scheme.inputs[key];
    const fits = def !== undefined && (group === undefined ? !def.multiRater : def.multiRater === true && acceptInputValue(version.scheme, key, { [group]: [] }).length === 0);
    if (fits) usable[column] = cell;
    else err(column, `"${column}" is not an input of scheme ${version.schemeKey} v${version.number}, which applies to ${entry.code}`, 'column_not_in_version', { column, scheme: version.schemeKey, version: version.number, employee: entry.code });
  }
  const { values, errors } = coerceInputs(version.scheme, usable);
  const bad = new Set<string>();
  for (const e of errors) {
    reportCell(e, err);
    bad.add(e.column.split('.')[0]);
  }
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(values)) {
    if (bad.has(key)) continue;
    if (version.scheme.inputs[key].multiRater) {
      // Each group on its own, so a problem names its column (`attitude.peer`).
      let refused = false;
      for (const [g, ratings] of Object.entries(value as Record<string, number[]>)) {
        const column = `${key}.${g}`;
        for (const issue of acceptInputValue(version.scheme, key, { [g]: ratings })) {
          // The rating's place (`peer.1`) is left out: the column names the group, the cell shows the ratings.
          const { where, ...args } = issue.args;
          const place = where === undefined || /^\S+\.\d+$/.test(String(where)) ? {} : { where };
          err(column, `"${usable[column]}": ${issue.message.replace(/^\S+\.\d+ /, '')}`, issue.code, { ...valueArgs(key, version, { cell: usable[column], raterGroup: g }), ...args, ...place } as never);
          refused = true;
        }
      }
      if (!refused) out[key] = value as JsonValue;
      continue;
    }
    const problems = acceptInputValue(version.scheme, key, value);
    for (const issue of problems) reportIssue(err, key, `"${usable[key].trim()}": ${issue.message}`, issue, valueArgs(key, version, { cell: usable[key].trim() }));
    if (!problems.length) out[key] = value as JsonValue;
  }
  return out;
}

/** JSON rows: values are already typed; null means "no value". */
function checkTyped(inputs: Record<string, JsonValue>, version: LoadedVersion, err: Report): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (value === null) continue;
    const problems = acceptInputValue(version.scheme, key, value);
    for (const issue of problems) {
      const message = issue.message.startsWith('"') ? issue.message : `${JSON.stringify(value)}: ${issue.message}`;
      reportIssue(err, key, message, issue, valueArgs(key, version, { value: JSON.stringify(value) }));
    }
    if (!problems.length) out[key] = value;
  }
  return out;
}

/** The args every value problem of `key` carries: the input, its title, and where the value came from. */
function valueArgs(key: string, version: LoadedVersion, from: Pick<ValueArgs, 'cell' | 'value' | 'raterGroup'>): ValueArgs {
  const title = Object.hasOwn(version.scheme.inputs, key) ? version.scheme.inputs[key].title : undefined;
  return { input: key, title: title && title !== key ? title : undefined, ...from };
}

/** A validator issue as an import problem: its own code and args, after the value's. */
function reportIssue(err: Report, key: string, message: string, issue: InputIssue, value: ValueArgs): void {
  // `not_an_input` names the input and scheme only; its message does not show the value.
  if (issue.code === 'not_an_input') err(key, message, 'not_an_input', issue.args as ImportErrorArgsByCode['not_an_input']);
  else err(key, message, issue.code, { ...value, ...issue.args } as never);
}

/** A cell `coerceInputs` could not read, with its own code and args. */
function reportCell(e: CellProblem, err: Report): void {
  err(e.column, e.message, e.code, e.args as never);
}
