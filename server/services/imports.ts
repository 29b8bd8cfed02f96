/**
 * @module services/imports
 * Bulk import of input values, all or nothing.
 *
 * **CSV** (UTF-8, with or without a byte-order mark, comma-separated, RFC 4180 quoting): a header
 * row with `employee` (the employee code) and one column per declared input; a multi-rater input
 * has one column per rater group, `<input>.<group>`, each cell holding `;`-separated ratings
 * (a multi-rater value is replaced as a whole, so give every group's column). Cells are read as
 * the rules pipeline reads CSV (`coerceInputs`: `85%` → 85, `yes`/`是` → true, enum labels…).
 * **JSON**: `{ rows: [{ employee, inputs: { key: value } }] }` with typed values.
 * An empty cell (or `null`) means "no value here": the stored value, if any, stays.
 *
 * Every row and cell is checked first; any problem answers 400 with `details.errors =
 * [{ row, column, message }]` (every problem, up to 1,000) and nothing is written. Rows are
 * numbered as the user sees them: CSV rows are line numbers with the header as row 1; JSON rows
 * count from 1. A manager importing an employee outside their departments gets such a row error
 * (not a bare 403), so one upload reports all of its problems at once.
 *
 * A clean file is written in one transaction with an `import_batches` row and one audit entry
 * carrying the file's SHA-256: of the UTF-8 text without a byte-order mark for CSV, of the
 * canonical JSON of the body for JSON. Importing the same file again changes nothing.
 */
import type { Kysely } from 'kysely';
import { parse } from 'csv-parse/sync';
import { canonicalJson, coerceInputs } from '../../rules/index.ts';
import { YardstickError } from '../../rules/errors.ts';
import type { DB, JsonValue, Row } from '../db/types.ts';
import type { CurrentUser } from '../http/env.ts';
import { apiId } from './api-format.ts';
import { appendAudit } from './audit.ts';
import { loadCycle, lockCycle } from './cycles.ts';
import { sha256Tagged } from './evaluation/employee-data.ts';
import { loadAssignments, loadRoster, type RosterEntry } from './evaluation/roster.ts';
import { loadVersions, type LoadedVersion } from './evaluation/versions.ts';
import { assertAcceptsInputs, writeInputs, type InputWrite } from './inputs.ts';
import { inputValidator } from './input-schema.ts';
import { actorOf } from './scope.ts';
import { inTransaction } from './transaction.ts';

/** One problem of an import; `column` is null for problems of a whole row. */
export interface ImportError {
  row: number;
  column: string | null;
  message: string;
}

/** What to import: CSV text or JSON rows. */
export type ImportSource = { format: 'csv'; text: string; filename?: string } | { format: 'json'; rows: Array<{ employee: string; inputs: Record<string, JsonValue> }>; filename?: string };

/** A data row before checking: its number, the employee code and its cells (text or typed). */
interface SourceRow {
  row: number;
  employee: string;
  cells: Record<string, string> | null;
  typed: Record<string, JsonValue> | null;
}

const MAX_ERRORS = 1000;
const EMPLOYEE_COLUMN = 'employee';

/**
 * Check and apply an import.
 * @example
 * await importInputs(db, hr, 3, { format: 'csv', text: 'employee,complaints\nE001,2\n', filename: 'q3.csv' })
 * // { batchId: '8', rows: 1, values: 1, changed: 1, sha256: 'sha256:…', sameAsBatchId: null }
 */
export async function importInputs(db: Kysely<DB>, user: CurrentUser, cycleId: number, source: ImportSource) {
  const cycle = await loadCycle(db, cycleId);
  await assertAcceptsInputs(db, cycle);
  const assignments = await loadAssignments(db, cycleId);
  if (assignments.length === 0) throw new YardstickError('conflict', `Cycle ${cycle.key} has no scheme version assigned yet, so it declares no inputs; assign versions first.`, { cycleId: apiId(cycleId) });
  const roster = await loadRoster(db, cycleId, {}, assignments);
  const versions = await loadVersions(db, assignments.map((a) => a.versionId));
  const errors: ImportError[] = [];
  const rows = source.format === 'csv' ? readCsv(source.text, versions, errors) : source.rows.map((r, i) => ({ row: i + 1, employee: r.employee, cells: null, typed: r.inputs }));
  const writes = await checkRows(db, user, cycle, rows, roster, versions, errors);
  if (rows.length === 0 && errors.length === 0) errors.push({ row: source.format === 'csv' ? 2 : 1, column: null, message: 'there are no data rows to import' });
  if (errors.length) {
    errors.sort((a, b) => a.row - b.row); // stable: within a row, columns stay in file order
    const first = errors[0];
    throw new YardstickError('invalid_input', `The import has ${errors.length >= MAX_ERRORS ? `at least ${MAX_ERRORS}` : errors.length} problem(s); nothing was imported. First: row ${first.row}${first.column ? `, column ${first.column}` : ''}: ${first.message}.`, { errors: errors.slice(0, MAX_ERRORS), truncated: errors.length > MAX_ERRORS });
  }
  const sha256 = source.format === 'csv' ? sha256Tagged(source.text.replace(/^\uFEFF/, '')) : sha256Tagged(canonicalJson({ rows: source.rows }));
  const filename = source.filename || `import.${source.format}`;
  return inTransaction(db, async (trx) => {
    await assertAcceptsInputs(trx, await lockCycle(trx, cycleId, 'share'));
    const earlier = await trx.selectFrom('import_batches').select('id').where('cycle_id', '=', cycleId).where('content_hash', '=', sha256).where('status', '=', 'applied').orderBy('id').executeTakeFirst();
    const batch = await trx.insertInto('import_batches').values({ cycle_id: cycleId, filename, format: source.format, content_hash: sha256, row_count: rows.length, status: 'applied', created_by: user.id }).returning('id').executeTakeFirstOrThrow();
    const changed = await writeInputs(trx, cycleId, writes, { source: 'import', userId: user.id, batchId: batch.id });
    const summary = { batchId: apiId(batch.id), rows: rows.length, values: writes.length, changed, sha256, sameAsBatchId: earlier ? apiId(earlier.id) : null };
    await appendAudit(trx, { actor: actorOf(user), action: 'inputs.import', entityType: 'cycle', entityId: cycleId, payload: { key: cycle.key, filename, format: source.format, ...summary } });
    return summary;
  });
}

/** Parse CSV into rows, reporting header problems (row 1) and malformed rows. */
function readCsv(text: string, versions: Map<number, LoadedVersion>, errors: ImportError[]): SourceRow[] {
  let records: Array<{ record: string[]; info: { lines: number; empty_lines: number } }>;
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { info: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    errors.push({ row: line, column: null, message: `the file is not valid CSV: ${(err as Error).message}` });
    return [];
  }
  if (records.length === 0) {
    errors.push({ row: 1, column: null, message: 'the file is empty; it needs a header row with an "employee" column' });
    return [];
  }
  const header = records[0].record.map((h) => h.trim());
  const rejected = checkHeader(header, versions, errors);
  const out: SourceRow[] = [];
  let previousEnd = records[0].info.lines;
  let previousEmpty = records[0].info.empty_lines;
  for (const { record, info } of records.slice(1)) {
    // The line the record starts on (a quoted cell may span lines; skipped empty lines count).
    const row = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    if (record.length !== header.length) errors.push({ row, column: null, message: `has ${record.length} cell(s); the header has ${header.length}` });
    const cells: Record<string, string> = {};
    header.forEach((column, i) => {
      // Columns the header check refused are reported once, on row 1, not again on every row.
      if (column !== EMPLOYEE_COLUMN && !rejected.has(column)) cells[column] = record[i] ?? '';
    });
    out.push({ row, employee: (record[header.indexOf(EMPLOYEE_COLUMN)] ?? '').trim(), cells, typed: null });
  }
  return out;
}

/** Report header problems on row 1; returns the columns to leave out of every row. */
function checkHeader(header: string[], versions: Map<number, LoadedVersion>, errors: ImportError[]): Set<string> {
  const known = new Set<string>();
  const multi = new Map<string, string[]>();
  for (const v of versions.values()) {
    for (const [key, def] of Object.entries(v.scheme.inputs)) {
      if (!def.multiRater) {
        known.add(key);
        continue;
      }
      const groups = v.scheme.raters?.groups.map((x) => x.key) ?? ['all'];
      for (const g of groups) known.add(`${key}.${g}`);
      multi.set(key, [...new Set([...(multi.get(key) ?? []), ...groups])]);
    }
  }
  if (!header.includes(EMPLOYEE_COLUMN)) errors.push({ row: 1, column: null, message: 'the header has no "employee" column (the employee code)' });
  const seen = new Set<string>();
  const rejected = new Set<string>();
  header.forEach((column, i) => {
    const refuse = (message: string) => {
      errors.push({ row: 1, column: column || `#${i + 1}`, message });
      rejected.add(column);
    };
    if (column === '') return refuse(`column ${i + 1} has no name`);
    if (seen.has(column)) return refuse(`column "${column}" appears more than once`);
    seen.add(column);
    if (column === EMPLOYEE_COLUMN || known.has(column)) return;
    const groups = multi.get(column);
    const message = groups
      ? `"${column}" is rated by several raters; use one column per rater group: ${groups.map((g) => `${column}.${g}`).join(', ')}`
      : `unknown column "${column}": no scheme version of this cycle declares such an input${known.size ? ` (columns: ${[...known].sort().join(', ')})` : ''}`;
    refuse(message);
  });
  return rejected;
}

/** Check every row; returns the values to write (meaningful only when no error was added). */
async function checkRows(db: Kysely<DB>, user: CurrentUser, cycle: Row<'cycles'>, rows: SourceRow[], roster: RosterEntry[], versions: Map<number, LoadedVersion>, errors: ImportError[]): Promise<InputWrite[]> {
  const byCode = new Map(roster.map((r) => [r.code, r]));
  const absent = await describeAbsent(db, cycle, rows.map((r) => r.employee).filter((code) => code !== '' && !byCode.has(code)));
  const firstRow = new Map<string, number>();
  const writes: InputWrite[] = [];
  for (const row of rows) {
    const err = (column: string | null, message: string) => void errors.push({ row: row.row, column, message });
    if (row.employee === '') {
      err(EMPLOYEE_COLUMN, 'the employee code is missing');
      continue;
    }
    if (firstRow.has(row.employee)) err(EMPLOYEE_COLUMN, `employee ${row.employee} already appears in row ${firstRow.get(row.employee)}`);
    else firstRow.set(row.employee, row.row);
    const entry = byCode.get(row.employee);
    if (!entry) {
      err(EMPLOYEE_COLUMN, absent.get(row.employee) ?? `unknown employee code ${row.employee}`);
      continue;
    }
    if (user.role !== 'hr' && !user.departmentIds.includes(entry.departmentId)) {
      err(EMPLOYEE_COLUMN, `employee ${row.employee} is in department ${entry.departmentName}, which is not one of yours`);
      continue;
    }
    const version = versions.get(entry.versionId)!;
    const values = row.typed ? checkTyped(row.typed, version, err) : checkCells(row.cells ?? {}, version, entry, err);
    for (const [key, value] of Object.entries(values)) writes.push({ employeeId: entry.id, key, value });
    if (errors.length > MAX_ERRORS) break;
  }
  return writes;
}

/** Why codes missing from the roster are missing: unknown, inactive, or not assessed in the cycle. */
async function describeAbsent(db: Kysely<DB>, cycle: Row<'cycles'>, codes: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const unique = [...new Set(codes)];
  for (let i = 0; i < unique.length; i += 5000) {
    const found = await db.selectFrom('employees').select(['code', 'active']).where('code', 'in', unique.slice(i, i + 5000)).execute();
    for (const e of found) out.set(e.code, e.active ? `employee ${e.code} is not assessed in cycle ${cycle.key}: no assignment covers their department and position` : `employee ${e.code} is no longer active`);
  }
  return out;
}

/** CSV cells → typed values, checked against the row's version. */
function checkCells(cells: Record<string, string>, version: LoadedVersion, entry: RosterEntry, err: (column: string | null, message: string) => void): Record<string, JsonValue> {
  const validator = inputValidator(version.scheme, version.contentHash);
  const usable: Record<string, string> = {};
  for (const [column, cell] of Object.entries(cells)) {
    if (cell.trim() === '') continue;
    const [key, group] = column.split('.', 2);
    const def = version.scheme.inputs[key];
    const fits = def !== undefined && (group === undefined ? !def.multiRater : def.multiRater === true && validator.checkOne(key, { [group]: [] }).length === 0);
    if (fits) usable[column] = cell;
    else err(column, `"${column}" is not an input of scheme ${version.schemeKey} v${version.number}, which applies to ${entry.code}`);
  }
  const { values, errors } = coerceInputs(version.scheme, usable);
  const bad = new Set<string>();
  for (const e of errors) {
    err(e.column, e.message);
    bad.add(e.column.split('.')[0]);
  }
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(values)) {
    if (bad.has(key)) continue;
    if (version.scheme.inputs[key].multiRater) {
      // Each group on its own, so a problem names its column (`attitude.peer`).
      const groups = Object.entries(value as Record<string, number[]>);
      const problems = groups.flatMap(([g, ratings]) => validator.checkOne(key, { [g]: ratings }).map((i) => ({ column: `${key}.${g}`, message: `"${usable[`${key}.${g}`]}": ${i.message.replace(/^\S+\.\d+ /, '')}` })));
      problems.forEach((p) => err(p.column, p.message));
      if (!problems.length) out[key] = value as JsonValue;
      continue;
    }
    const problems = validator.checkOne(key, value);
    problems.forEach((p) => err(key, `"${usable[key].trim()}": ${p.message}`));
    if (!problems.length) out[key] = value as JsonValue;
  }
  return out;
}

/** JSON rows: values are already typed; null means "no value". */
function checkTyped(inputs: Record<string, JsonValue>, version: LoadedVersion, err: (column: string | null, message: string) => void): Record<string, JsonValue> {
  const validator = inputValidator(version.scheme, version.contentHash);
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (value === null) continue;
    const problems = validator.checkOne(key, value);
    problems.forEach((p) => err(key, p.message.startsWith('"') ? p.message : `${JSON.stringify(value)}: ${p.message}`));
    if (!problems.length) out[key] = value;
  }
  return out;
}
