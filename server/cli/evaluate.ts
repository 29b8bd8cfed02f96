/**
 * @module cli/evaluate
 * `yardstick evaluate scheme.json inputs.csv`: the whole file is one population (ranks,
 * rank-linear scores, peer thresholds and the forced distribution are computed across it), and
 * every employee gets indicator scores, a total and a grade. Every bad cell of the file is
 * reported before anything is evaluated.
 */
import { analyze, compileScheme, evaluatePopulation, type EmployeeResult, type IndicatorResult, type PopulationResult } from '../../rules/index.ts';
import { findingLines } from './check.ts';
import { choice, CliError, EXIT, parseCommandArgs, usageError, type Command } from './command.ts';
import { DEFAULT_EMPLOYEE_FILE_OPTIONS, readEmployeeFile } from './employee-file.ts';
import { csvRecord, FORMATS, plural, renderTable, showNumber, toJson, type Align } from './output.ts';
import { loadScheme, readSheetFile } from './read-input-file.ts';

const OPTIONS = {
  format: { type: 'string' },
  explain: { type: 'boolean' },
  'id-column': { type: 'string' },
  'position-column': { type: 'string' },
  'department-column': { type: 'string' },
  attribute: { type: 'string', multiple: true },
  'ignore-unknown': { type: 'boolean' },
} as const;

export const evaluate: Command = {
  name: 'evaluate',
  summary: 'Score a population from a CSV or JSON file of inputs',
  usage: `Usage: yardstick evaluate <scheme.json> <inputs.csv|inputs.json> [options]

Evaluates every employee of the file as one population: population values (ranks,
rank-linear scores, peer thresholds) and the forced distribution are computed across
the whole file. Prints indicator scores, total, grade and status per employee;
incomplete employees show why.

Inputs CSV (UTF-8, a byte order mark is fine, or GBK; the header is row 1) — the same
sheet the server imports (POST /api/cycles/:id/import), plus position and department:
  employee (or id)           the employee code
  position, department       who the employee is (position selects the weight row)
  <input>                    one column per declared input
  <input>.<group>            multi-rater inputs: one column per rater group, ratings
                             separated by ";" (e.g. attitude.peer = "7;8;9")
  other columns              employee attributes if named with --attribute, or if the
                             scheme reads them (a scope such as team, or employee.<name>);
                             anything else is an error unless --ignore-unknown
Inputs JSON: [{ "id", "position"?, "department"?, "attributes"?, "inputs": { … } }, …]

Options:
  --format table|json|csv     table (default); json: the full results with explanations
                              and traces; csv: one row per employee (indicators, total,
                              grade, status, reason)
  --explain                   table: each indicator's explanation and rule trace,
                              adjustments, rank and distribution under each employee
  --id-column <name>          column with the employee code (default: employee, or id)
  --position-column <name>    column with the position (default: position)
  --department-column <name>  column with the department (default: department)
  --attribute <column>        read a column as an employee attribute (repeatable)
  --ignore-unknown            skip unknown columns (CSV) or inputs (JSON) instead of failing

Exit status: 0 evaluated, 1 invalid scheme, analysis errors or bad input cells (all listed,
nothing evaluated), 2 usage or missing file.

Examples:
  yardstick evaluate scheme.json q3.csv
  yardstick evaluate scheme.json q3.csv --format csv > q3-results.csv
  yardstick evaluate scheme.json q3.csv --explain --attribute team`,

  async run(argv, { io }) {
    const { values, positionals } = parseCommandArgs(this, argv, OPTIONS, { required: ['scheme.json', 'inputs.csv|inputs.json'] });
    const format = choice(this, 'format', values.format, FORMATS, 'table');
    const fileOptions = {
      idColumn: columnOption(this, 'id-column', values['id-column'], DEFAULT_EMPLOYEE_FILE_OPTIONS.idColumn),
      positionColumn: columnOption(this, 'position-column', values['position-column'], DEFAULT_EMPLOYEE_FILE_OPTIONS.positionColumn),
      departmentColumn: columnOption(this, 'department-column', values['department-column'], DEFAULT_EMPLOYEE_FILE_OPTIONS.departmentColumn),
      attributes: (values.attribute ?? []).map((a) => columnOption(this, 'attribute', a, a)),
      ignoreUnknown: values['ignore-unknown'] ?? false,
    };

    const { name, scheme } = await loadScheme(positionals[0], io.cwd);
    const { findings, facts } = analyze(scheme);
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length) {
      throw new CliError(EXIT.problems, `${name}: ${plural(errors.length, 'analysis error')}; nothing was evaluated (yardstick check ${name} lists every finding):`, {
        lines: findingLines(errors).map((l) => `  ${l}`),
      });
    }
    const inputs = await readSheetFile(positionals[1], io.cwd);
    const { employees, notes } = readEmployeeFile(inputs, scheme, fileOptions);
    for (const note of notes) io.stderr(`note: ${note}\n`);

    const result = evaluatePopulation(compileScheme(scheme, facts), employees.map((e) => e.data), { explain: format === 'json' || (values.explain ?? false) });
    const keys = [...new Set(scheme.indicators.map((i) => i.key))];
    if (format === 'json') io.stdout(toJson(result));
    else if (format === 'csv') io.stdout(csvLines(keys, result).join('\n') + '\n');
    else io.stdout(tableLines(keys, result, values.explain ?? false).join('\n') + '\n');

    const incomplete = result.employees.filter((e) => e.status !== 'ok').length;
    if (incomplete && format !== 'table') io.stderr(`note: ${incomplete} of ${plural(result.employees.length, 'employee')} incomplete (no total or grade); see the status and reason.\n`);
    return EXIT.ok;
  },
};

function columnOption(command: Command, flag: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return fallback;
  if (value.trim() === '') throw usageError(command, `yardstick ${command.name}: --${flag} needs a column name`);
  return value.trim();
}

/** Why an employee has no total: each counted indicator without a score. */
function incompleteReasons(e: EmployeeResult): string[] {
  const failed = e.indicators.filter((i) => i.weight !== null && i.status !== 'ok');
  return failed.length ? failed.map((i) => `${i.key} (${i.status}): ${i.explanation}`) : e.notes.filter((n) => n.startsWith('No total'));
}

function indicatorCell(i: IndicatorResult | undefined): string {
  if (!i || i.status === 'not-applicable') return '-';
  return i.status === 'ok' ? showNumber(i.score) : i.status;
}

// ---------------------------------------------------------------- table

/** The aligned table (one column per indicator key), with incomplete reasons (and, with explain, the explanations) under each row. */
export function tableLines(keys: string[], result: PopulationResult, explain: boolean): string[] {
  const employees = result.employees;
  const showPosition = employees.some((e) => e.position !== null);
  const showDepartment = employees.some((e) => e.department !== null);
  const showBand = employees.some((e) => e.bandGrade !== e.grade);
  type Column = { header: string; align: Align; cell: (e: EmployeeResult, byKey: Map<string, IndicatorResult>) => string };
  const columns: Column[] = [
    { header: 'id', align: 'left', cell: (e) => e.employeeId },
    ...(showPosition ? [{ header: 'position', align: 'left' as const, cell: (e: EmployeeResult) => e.position ?? '-' }] : []),
    ...(showDepartment ? [{ header: 'department', align: 'left' as const, cell: (e: EmployeeResult) => e.department ?? '-' }] : []),
    ...keys.map((k): Column => ({ header: k, align: 'right', cell: (_, byKey) => indicatorCell(byKey.get(k)) })),
    { header: 'total', align: 'right', cell: (e) => showNumber(e.total) },
    ...(showBand ? [{ header: 'band', align: 'left' as const, cell: (e: EmployeeResult) => e.bandGrade ?? '-' }] : []),
    { header: 'grade', align: 'left', cell: (e) => e.grade ?? '-' },
    { header: 'status', align: 'left', cell: (e) => e.status },
  ];
  const rows = employees.map((e) => {
    const byKey = new Map(e.indicators.map((i) => [i.key, i]));
    return columns.map((c) => c.cell(e, byKey));
  });
  const [head, ...body] = renderTable(columns.map((c) => c.header), rows, columns.map((c) => c.align));
  const lines = [head];
  employees.forEach((e, n) => {
    lines.push(body[n]);
    if (e.status !== 'ok') for (const reason of incompleteReasons(e)) lines.push(`    incomplete: ${reason}`);
    if (explain) lines.push(...explainLines(e));
  });
  lines.push('', summaryLine(result));
  if (explain) lines.push(...distributionLines(result));
  return lines;
}

/** Under one employee: indicator explanations and traces, adjustments, rank, distribution, notes. */
function explainLines(e: EmployeeResult): string[] {
  const out: string[] = [];
  const applicable = e.indicators.filter((i) => i.status !== 'not-applicable');
  const width = Math.max(0, ...applicable.map((i) => i.key.length));
  for (const i of applicable) {
    const weight = i.weight === null ? '' : ` × ${showNumber(i.weight)}%`;
    out.push(`    ${i.key.padEnd(width)}  ${indicatorCell(i)}${weight}: ${i.explanation}`);
    for (const step of i.trace) out.push(`      ${' '.repeat(Math.min(8, Math.max(0, step.pointer.split('/').length - 2)))}${step.text}`);
  }
  for (const d of e.dimensions) out.push(`    dimension ${d.key}: subtotal ${showNumber(d.subtotal)}${d.weight === null ? '' : ` × ${showNumber(d.weight)}%`} = ${showNumber(d.weighted)}`);
  for (const a of e.adjustments) out.push(`    adjustment ${a.key} (${a.kind}${a.applied ? ', applied' : ''}): ${a.note}`);
  if (e.baseTotal !== null && e.total !== e.baseTotal) out.push(`    total: ${showNumber(e.baseTotal)} before adjustments, ${showNumber(e.total)} after`);
  if (e.rank) out.push(`    rank: ${e.rank.position} of ${e.rank.of}${e.rank.scope === 'all' ? '' : ` in ${e.rank.scope}`}`);
  if (e.distribution) out.push(`    distribution: ${e.distribution.gradeBefore ?? '-'} → ${e.distribution.gradeAfter ?? '-'} (${e.distribution.reason})`);
  const said = new Set(e.adjustments.map((a) => a.note));
  for (const note of e.notes) if (!note.startsWith('No total') && !said.has(note)) out.push(`    note: ${note}`);
  return out;
}

/** `5 employees; grades: A 1, B 2, C 1, D 1; 1 incomplete.` */
function summaryLine(result: PopulationResult): string {
  const incomplete = result.employees.filter((e) => e.status !== 'ok').length;
  const grades = Object.entries(result.gradeCounts).map(([g, n]) => `${g} ${n}`).join(', ');
  return `${plural(result.employees.length, 'employee')}; grades: ${grades || 'none'}${incomplete ? `; ${incomplete} incomplete` : ''}.`;
}

function distributionLines(result: PopulationResult): string[] {
  return result.distribution.map((d) => {
    const counts = (c: Record<string, number>) => Object.entries(c).map(([g, n]) => `${g} ${n}`).join(', ');
    const quota = Object.entries(d.quota)
      .map(([g, q]) => [q.exact !== undefined ? `${g} = ${q.exact}` : '', q.max !== undefined ? `${g} ≤ ${q.max}` : '', q.min !== undefined ? `${g} ≥ ${q.min}` : ''].filter(Boolean).join(', '))
      .filter(Boolean)
      .join(', ');
    const head = `distribution ${d.scope === 'all' ? 'over everyone' : `${d.scope} "${d.group}"`}: ${plural(d.size, 'person', 'people')}`;
    const body = d.forced ? `; quota ${quota || 'none'}; before ${counts(d.before)}; after ${counts(d.after)}` : '; not forced';
    return `${head}${body}${d.notes.length ? ` (${d.notes.join(' ')})` : ''}`;
  });
}

// ---------------------------------------------------------------- csv

/** One record per employee: id, position, department, one column per indicator, total, grade, status, reason. */
export function csvLines(keys: string[], result: PopulationResult): string[] {
  const lines = [csvRecord(['id', 'position', 'department', ...keys, 'total', 'grade', 'status', 'reason'])];
  for (const e of result.employees) {
    const byKey = new Map(e.indicators.map((i) => [i.key, i]));
    lines.push(
      csvRecord([
        e.employeeId,
        e.position,
        e.department,
        ...keys.map((k) => {
          const i = byKey.get(k);
          return i?.status === 'ok' ? i.score : null;
        }),
        e.total,
        e.grade,
        e.status,
        e.status === 'ok' ? null : incompleteReasons(e).join('; '),
      ]),
    );
  }
  return lines;
}
