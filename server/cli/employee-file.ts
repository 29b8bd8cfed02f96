/**
 * @module cli/employee-file
 * Turning an inputs file (CSV or JSON) into the employees `evaluatePopulation` takes, checking
 * every cell first. All problems of the file are collected and reported together, each naming
 * the file, the row (CSV: as a spreadsheet numbers it, the header being row 1; JSON: the
 * employee's 1-based place in the array) and the column or field, so one run lists everything
 * to fix; nothing is evaluated while any problem remains.
 *
 * CSV: the inputs sheet the server imports (`rules/inputs/`: the same reader, limits, decoding
 * and cell typing), plus what only a file evaluated on its own needs. Columns:
 * - the employee code: `employee`, or `id` (this command's older name, still read), or the
 *   column named with `--id-column`; the position column (`position`) and the department column
 *   (`department`); the names can be changed with options;
 * - one column per declared input; multi-rater inputs take one column per rater group,
 *   `<input>.<group>`, holding the ratings separated by `;`;
 * - employee attributes: those named with `--attribute`, and those the scheme itself reads
 *   (a population or distribution scope such as `team`, or `employee.<name>` in a rule), which
 *   are recognised automatically and announced in a note;
 * - anything else is an unknown column: an error, unless unknown columns are ignored.
 */
import { collectVars, type EmployeeData, type Scheme } from '../../rules/index.ts';
import { checkInputValue } from '../../rules/inputs/values.ts';
import { coerceInputs, EMPLOYEE_COLUMN, EMPLOYEE_COLUMN_NAMES, employeeColumnIndex, INPUT_SHEET_LIMITS, raterGroupKeys, readCsvRecords } from '../../rules/inputs/index.ts';
import { CliError, EXIT } from './command.ts';
import { parseJsonText, type InputFile } from './read-input-file.ts';

/** How the columns of an inputs CSV map onto employees. */
export interface EmployeeFileOptions {
  /** The employee-code column; by default `employee`, or `id` when the file has no `employee`. */
  idColumn: string;
  positionColumn: string;
  departmentColumn: string;
  /** Columns to read as employee attributes (CSV), e.g. team or level. */
  attributes: string[];
  /** Drop unknown columns (CSV) and unknown inputs (JSON) instead of failing. */
  ignoreUnknown: boolean;
}

export const DEFAULT_EMPLOYEE_FILE_OPTIONS: EmployeeFileOptions = {
  idColumn: EMPLOYEE_COLUMN,
  positionColumn: 'position',
  departmentColumn: 'department',
  attributes: [],
  ignoreUnknown: false,
};

/** One employee and where it came from, for messages. */
export interface EmployeeRecord {
  data: EmployeeData;
  /** e.g. `row 7` (CSV) or `employee 3` (JSON). */
  where: string;
}

export interface EmployeeFile {
  employees: EmployeeRecord[];
  /** Things worth saying that are not errors (columns read as attributes, columns ignored). */
  notes: string[];
}

/**
 * Read employees from CSV or JSON text, decided by the file's extension (`.csv`, `.json`) or,
 * failing that, by its first character. Throws one `CliError` (exit 1) listing every problem.
 * @example
 * const { employees, notes } = readEmployeeFile({ name: 'inputs.csv', text }, scheme, DEFAULT_EMPLOYEE_FILE_OPTIONS);
 */
export function readEmployeeFile(file: InputFile, scheme: Scheme, options: EmployeeFileOptions): EmployeeFile {
  const lower = file.name.toLowerCase();
  const json = lower.endsWith('.json') || (!lower.endsWith('.csv') && /^\s*[[{]/.test(file.text));
  const problems: string[] = [];
  const result = json ? readJson(file, scheme, options, problems) : readCsv(file, scheme, options, problems);
  if (!problems.length) checkDuplicateIds(file, result.employees, problems);
  if (problems.length) {
    throw new CliError(EXIT.problems, `${file.name}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was evaluated.`, { lines: problems });
  }
  return result;
}

function checkDuplicateIds(file: InputFile, employees: EmployeeRecord[], problems: string[]): void {
  const first = new Map<string, EmployeeRecord>();
  for (const e of employees) {
    const earlier = first.get(e.data.id);
    if (earlier) problems.push(`${file.name} ${earlier.where} and ${e.where} both have id ${JSON.stringify(e.data.id)}`);
    else first.set(e.data.id, e);
  }
}

// ---------------------------------------------------------------- CSV

type ColumnRole =
  | { kind: 'id' | 'position' | 'department' }
  | { kind: 'input'; input: string }
  | { kind: 'attribute'; auto: boolean }
  | { kind: 'ignored' };

function readCsv(file: InputFile, scheme: Scheme, given: EmployeeFileOptions, problems: string[]): EmployeeFile {
  const records: Array<{ row: number; cells: string[] }> = [];
  for (const item of readCsvRecords(file.text, INPUT_SHEET_LIMITS)) {
    if (item.problem) throw new CliError(EXIT.problems, `${file.name} row ${item.row}: ${item.problem.message}`);
    records.push(item);
  }
  const isBlank = (r: string[]) => r.every((c) => c.trim() === '');
  const headerIndex = records.findIndex((r) => !isBlank(r.cells));
  if (headerIndex < 0) throw new CliError(EXIT.problems, `${file.name} is empty: expected a header row with an "${given.idColumn}" column and one column per input`);
  const header = records[headerIndex].cells.map((h) => h.trim());
  // The default employee column also answers to its other names (`id`), as in the server's import.
  const idAt = given.idColumn === EMPLOYEE_COLUMN ? employeeColumnIndex(header, EMPLOYEE_COLUMN_NAMES) : -1;
  const options = idAt >= 0 ? { ...given, idColumn: header[idAt] } : given;
  const rowName = (index: number) => `row ${records[index].row}`;

  const notes: string[] = [];
  const roles = classifyColumns(file, scheme, header, records.slice(headerIndex + 1).map((r) => r.cells), options, problems, notes);
  if (!header.includes(options.idColumn)) {
    const names = options.idColumn === EMPLOYEE_COLUMN ? EMPLOYEE_COLUMN_NAMES.map((n) => `"${n}"`).join(' or ') : `"${options.idColumn}"`;
    problems.push(`${file.name} has no ${names} column (columns: ${header.filter(Boolean).map((h) => `"${h}"`).join(', ')}); name the id column with --id-column`);
  }
  if (problems.length) return { employees: [], notes };

  const employees: EmployeeRecord[] = [];
  for (let index = headerIndex + 1; index < records.length; index++) {
    const record = records[index].cells;
    if (isBlank(record)) continue;
    const where = rowName(index);
    if (record.length > header.length && record.slice(header.length).some((c) => c.trim() !== '')) {
      problems.push(`${file.name} ${where} has ${record.length} cells, but the header has ${header.length} columns`);
      continue;
    }
    const data: EmployeeData = { id: '', inputs: {} };
    const cells: Record<string, string> = {};
    const attributes: Record<string, string | null> = {};
    header.forEach((column, c) => {
      const role = roles[c];
      const raw = record[c] ?? '';
      const cell = raw.trim();
      switch (role.kind) {
        case 'id':
          data.id = cell;
          break;
        case 'position':
          data.position = cell || null;
          break;
        case 'department':
          data.department = cell || null;
          break;
        case 'attribute':
          attributes[column] = cell || null;
          break;
        case 'input':
          cells[column] = raw;
          break;
      }
    });
    if (!data.id) problems.push(`${file.name} ${where}, column "${options.idColumn}": is empty; every employee needs an id`);
    const { values, errors } = coerceInputs(scheme, cells);
    for (const e of errors) problems.push(`${file.name} ${where}, column "${e.column}": ${e.message}`);
    data.inputs = values;
    if (Object.keys(attributes).length) data.attributes = attributes;
    employees.push({ data, where });
  }
  if (!employees.length && !problems.length) problems.push(`${file.name} has a header but no employee rows`);
  return { employees, notes };
}

/** Decide what each column is; header-level problems are reported once, not once per row. */
function classifyColumns(file: InputFile, scheme: Scheme, header: string[], rows: string[][], options: EmployeeFileOptions, problems: string[], notes: string[]): ColumnRole[] {
  const used = schemeAttributes(scheme);
  const declared = new Set(options.attributes);
  const seen = new Map<string, number>();
  const unknown: string[] = [];
  const auto: string[] = [];
  const groups = raterGroupKeys(scheme);

  const roles = header.map((column, c): ColumnRole => {
    if (column === '') {
      // Spreadsheets often save a trailing empty column; an unnamed column with data is a mistake.
      if (rows.every((r) => (r[c] ?? '').trim() === '')) return { kind: 'ignored' };
      problems.push(`${file.name} row 1, column ${c + 1}: has data but no name in the header`);
      return { kind: 'ignored' };
    }
    const earlier = seen.get(column);
    if (earlier !== undefined) {
      problems.push(`${file.name} row 1: column "${column}" appears twice (columns ${earlier + 1} and ${c + 1})`);
      return { kind: 'ignored' };
    }
    seen.set(column, c);
    if (column === options.idColumn) return { kind: 'id' };
    if (column === options.positionColumn) return { kind: 'position' };
    if (column === options.departmentColumn) return { kind: 'department' };
    const [key, group] = column.split('.', 2) as [string, string | undefined];
    if (Object.hasOwn(scheme.inputs, key)) {
      if (declared.has(column)) problems.push(`--attribute ${column}: "${column}" is a declared input of scheme "${scheme.key}", not an attribute`);
      const def = scheme.inputs[key];
      if (group === undefined) {
        if (def.multiRater && header.some((h) => h.startsWith(`${key}.`))) problems.push(`${file.name} row 1: column "${column}" and per-group columns "${key}.<group>" both give input "${key}"; keep one form`);
        return { kind: 'input', input: key };
      }
      if (!def.multiRater) {
        problems.push(`${file.name} row 1, column "${column}": input "${key}" is not a multi-rater input, so it takes one column named "${key}"`);
        return { kind: 'ignored' };
      }
      if (!groups.includes(group)) {
        problems.push(`${file.name} row 1, column "${column}": "${group}" is not a rater group of scheme "${scheme.key}" (groups: ${groups.join(', ')})`);
        return { kind: 'ignored' };
      }
      return { kind: 'input', input: key };
    }
    if (declared.has(column)) return { kind: 'attribute', auto: false };
    if (used.has(column)) {
      auto.push(column);
      return { kind: 'attribute', auto: true };
    }
    unknown.push(column);
    return { kind: 'ignored' };
  });

  for (const a of options.attributes) {
    if (!header.includes(a)) problems.push(`--attribute ${a}: ${file.name} has no column "${a}"`);
  }
  if (auto.length) notes.push(`${file.name}: column${auto.length > 1 ? 's' : ''} ${auto.map((c) => `"${c}"`).join(', ')} read as employee attribute${auto.length > 1 ? 's' : ''} (the scheme uses ${auto.length > 1 ? 'them' : 'it'} as a scope or employee.* value).`);
  if (unknown.length) {
    if (options.ignoreUnknown) notes.push(`${file.name}: ignored unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')}.`);
    else {
      const hints = unknown.map((c) => {
        const near = closest(c, [...Object.keys(scheme.inputs), options.idColumn, options.positionColumn, options.departmentColumn]);
        return near ? `"${c}" (did you mean "${near}"?)` : `"${c}"`;
      });
      problems.push(
        `${file.name} row 1: unknown column${unknown.length > 1 ? 's' : ''} ${hints.join(', ')}: not ${unknown.length > 1 ? 'inputs' : 'an input'} of scheme "${scheme.key}" (inputs: ${Object.keys(scheme.inputs).join(', ')}). ` +
          'Name employee attributes with --attribute <column>, or pass --ignore-unknown.',
      );
    }
  }
  return roles;
}

/**
 * Employee attributes the scheme reads: population and distribution scopes, and `employee.<x>`
 * in any rule. id, position and department are columns of their own.
 */
export function schemeAttributes(scheme: Scheme): Set<string> {
  const out = new Set<string>();
  const scopes = [...(scheme.population?.values ?? []).map((v) => v.scope), scheme.population?.distribution?.scope];
  for (const s of scopes) if (s && s !== 'all') out.add(s);
  const rules: unknown[] = [...scheme.indicators.map((i) => i.score), ...(scheme.adjustments ?? []).flatMap((a) => [a.when, a.points]), scheme.grading.rule];
  for (const rule of rules) {
    if (rule === undefined) continue;
    try {
      for (const v of collectVars(rule)) {
        const [namespace, key] = v.path.split('.');
        if (namespace === 'employee' && key) out.add(key);
      }
    } catch {
      // A rule that cannot be read is reported by analysis; it names no attributes.
    }
  }
  for (const builtIn of ['id', 'position', 'department']) out.delete(builtIn);
  return out;
}

/** The candidate within edit distance 2 (and less than half the word), if exactly one is closest. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= 2 && bestDistance < word.length / 2 ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = Math.min(prev[j] + 1, prev[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = prev[j];
      prev[j] = next;
    }
  }
  return prev[b.length];
}

// ---------------------------------------------------------------- JSON

const EMPLOYEE_FIELDS = new Set(['id', 'position', 'department', 'attributes', 'inputs']);

function readJson(file: InputFile, scheme: Scheme, options: EmployeeFileOptions, problems: string[]): EmployeeFile {
  const value = parseJsonText(file);
  if (!Array.isArray(value)) {
    throw new CliError(EXIT.problems, `${file.name}: expected an array of employees ({ "id", "position", "department", "attributes", "inputs" }), found ${describeType(value)}`);
  }
  const notes: string[] = [];
  const ignored = new Set<string>();
  const employees: EmployeeRecord[] = [];
  value.forEach((item: unknown, index) => {
    const where = `employee ${index + 1}`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`${file.name} ${where}: expected an object with "id" and "inputs", found ${describeType(item)}`);
      return;
    }
    const e = item as Record<string, unknown>;
    const idText = typeof e.id === 'string' ? e.id.trim() : typeof e.id === 'number' && Number.isFinite(e.id) ? String(e.id) : '';
    const at = `${file.name} ${where}${idText ? ` (id ${JSON.stringify(idText)})` : ''}`;
    if (!idText) problems.push(`${at}, id: ${e.id === undefined ? 'is missing' : `must be a non-empty string, found ${describeType(e.id)}`}`);
    for (const field of Object.keys(e)) if (!EMPLOYEE_FIELDS.has(field)) problems.push(`${at}: unknown field "${field}" (allowed: ${[...EMPLOYEE_FIELDS].join(', ')})`);
    const data: EmployeeData = { id: idText, inputs: {} };
    for (const field of ['position', 'department'] as const) {
      const v = e[field];
      if (v === undefined || v === null) continue;
      if (typeof v === 'string') data[field] = v.trim() || null;
      else problems.push(`${at}, ${field}: must be a string, found ${describeType(v)}`);
    }
    if (e.attributes !== undefined) {
      if (typeof e.attributes !== 'object' || e.attributes === null || Array.isArray(e.attributes)) problems.push(`${at}, attributes: must be an object, found ${describeType(e.attributes)}`);
      else {
        const attributes: NonNullable<EmployeeData['attributes']> = {};
        for (const [k, v] of Object.entries(e.attributes)) {
          if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') attributes[k] = v;
          else problems.push(`${at}, attributes.${k}: must be text, a number, true/false or null, found ${describeType(v)}`);
        }
        data.attributes = attributes;
      }
    }
    if (typeof e.inputs !== 'object' || e.inputs === null || Array.isArray(e.inputs)) {
      problems.push(`${at}, inputs: ${e.inputs === undefined ? 'is missing' : `must be an object, found ${describeType(e.inputs)}`}`);
    } else {
      for (const [key, v] of Object.entries(e.inputs)) {
        if (!Object.hasOwn(scheme.inputs, key)) {
          if (options.ignoreUnknown) ignored.add(key);
          else problems.push(`${at}, inputs.${key}: "${key}" is not an input of scheme "${scheme.key}" (inputs: ${Object.keys(scheme.inputs).join(', ')}); pass --ignore-unknown to drop it`);
          continue;
        }
        const typed = jsonInput(scheme, key, v);
        if ('error' in typed) problems.push(`${at}, inputs.${key}: ${typed.error}`);
        else data.inputs[key] = typed.value;
      }
    }
    employees.push({ data, where });
  });
  if (ignored.size) notes.push(`${file.name}: ignored unknown input${ignored.size > 1 ? 's' : ''} ${[...ignored].map((k) => `"${k}"`).join(', ')}.`);
  if (!employees.length && !problems.length) problems.push(`${file.name}: the array of employees is empty`);
  return { employees, notes };
}

/**
 * One JSON input value: typed values are checked against the declared type; text is coerced as
 * a CSV cell would be ("85%", "yes"); multi-rater inputs take `{ group: [ratings] }` or a list.
 */
function jsonInput(scheme: Scheme, key: string, value: unknown): { value: unknown } | { error: string } {
  const def = scheme.inputs[key];
  if (value === null) return { value: null };
  if (typeof value === 'string') {
    const { values, errors } = coerceInputs(scheme, { [key]: value });
    return errors.length ? { error: errors.map((e) => e.message).join('; ') } : { value: Object.hasOwn(values, key) ? values[key] : null };
  }
  if (def.multiRater && typeof value === 'object') {
    const groups = raterGroupKeys(scheme);
    const isRatings = (x: unknown) => Array.isArray(x) && x.every((r) => r === null || (typeof r === 'number' && Number.isFinite(r)));
    if (Array.isArray(value)) return isRatings(value) ? { value } : { error: 'ratings must be numbers (or null)' };
    for (const [g, ratings] of Object.entries(value as Record<string, unknown>)) {
      if (!groups.includes(g)) return { error: `"${g}" is not a rater group of scheme "${scheme.key}" (groups: ${groups.join(', ')})` };
      if (!isRatings(ratings)) return { error: `ratings of group "${g}" must be a list of numbers` };
    }
    return { value };
  }
  switch (def.type) {
    case 'number':
    case 'integer':
    case 'rating':
      return typeof value === 'number' && Number.isFinite(value) ? { value } : { error: `must be a number, found ${describeType(value)}` };
    case 'boolean':
      return typeof value === 'boolean' ? { value } : { error: `must be true or false, found ${describeType(value)}` };
    case 'enum':
      // The declaration's own check: a number is an option only when it is one of the values.
      return checkInputValue(key, def, value) ? { error: `must be one of ${(def.options ?? []).map((o) => JSON.stringify(o.value)).join(', ')}, found ${describeType(value)}` } : { value };
    case 'text':
      return { error: `must be text, found ${describeType(value)}` };
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `${typeof value === 'number' ? 'the number' : typeof value === 'boolean' ? 'the value' : 'a'} ${String(value)}`;
}
