/**
 * @module inputs/layout
 * The layout of an inputs sheet, the same for the server's import, the command line and the
 * studio's template: a header row naming the employee-code column (`employee`; `id` is accepted
 * too, the command line's older name), one column per declared input, and for a multi-rater input
 * one column per rater group, `<input>.<group>`, each cell holding `;`-separated ratings.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import type { ImportErrorArgsByCode } from './problems.ts';

/** The employee-code column's name, as the studio's template writes it. */
export const EMPLOYEE_COLUMN = 'employee';

/** Names the employee-code column may have, in order of preference. */
export const EMPLOYEE_COLUMN_NAMES: readonly string[] = [EMPLOYEE_COLUMN, 'id'];

/**
 * The employee-code column: the first of `names` the header has; -1 when it has none.
 * @example employeeColumnIndex(['id', 'sales']) // 0
 */
export function employeeColumnIndex(header: readonly string[], names: readonly string[] = EMPLOYEE_COLUMN_NAMES): number {
  for (const name of names) {
    const at = header.indexOf(name);
    if (at >= 0) return at;
  }
  return -1;
}

/**
 * Rater group keys of a scheme; without raters, multi-rater inputs have one group, `all`.
 * @example raterGroupKeys(scheme) // ['supervisor', 'peer']
 */
export function raterGroupKeys(scheme: Scheme): string[] {
  return scheme.raters?.groups.map((g) => g.key) ?? ['all'];
}

/**
 * The input columns of a sheet for some schemes: every single-valued input key and
 * `<input>.<group>` of the multi-rater ones; `multi` lists each multi-rater input's groups.
 * @example inputColumns([scheme]).known // Set { 'complaints', 'attitude.supervisor', 'attitude.peer' }
 */
export function inputColumns(schemes: Iterable<Scheme>): { known: Set<string>; multi: Map<string, string[]> } {
  const known = new Set<string>();
  const multi = new Map<string, string[]>();
  for (const scheme of schemes) {
    for (const [key, def] of Object.entries(scheme.inputs)) {
      if (!def.multiRater) {
        known.add(key);
        continue;
      }
      const groups = raterGroupKeys(scheme);
      for (const g of groups) known.add(`${key}.${g}`);
      multi.set(key, [...new Set([...(multi.get(key) ?? []), ...groups])]);
    }
  }
  return { known, multi };
}

/** A problem of the header (row 1). */
export type HeaderProblem =
  | { column: string | null; message: string; code: 'no_employee_column'; args: ImportErrorArgsByCode['no_employee_column'] }
  | { column: string; message: string; code: 'unnamed_column'; args: ImportErrorArgsByCode['unnamed_column'] }
  | { column: string; message: string; code: 'duplicate_column'; args: ImportErrorArgsByCode['duplicate_column'] }
  | { column: string; message: string; code: 'multi_rater_column'; args: ImportErrorArgsByCode['multi_rater_column'] }
  | { column: string; message: string; code: 'unknown_column'; args: ImportErrorArgsByCode['unknown_column'] };

/**
 * Check a header against the schemes a sheet may fill: where the employee code is, the columns
 * to leave out of every row (each reported once here, on row 1), and the problems.
 * @example checkSheetHeader(['employee', 'complaints', 'mood'], [scheme]).problems[0].code // 'unknown_column'
 */
export function checkSheetHeader(header: readonly string[], schemes: Iterable<Scheme>): { employeeIndex: number; rejected: Set<string>; problems: HeaderProblem[] } {
  const { known, multi } = inputColumns(schemes);
  const problems: HeaderProblem[] = [];
  const employeeIndex = employeeColumnIndex(header);
  if (employeeIndex < 0) problems.push({ column: null, message: `the header has no "${EMPLOYEE_COLUMN}" column (the employee code)`, code: 'no_employee_column', args: {} });
  const seen = new Set<string>();
  const rejected = new Set<string>();
  header.forEach((column, i) => {
    const refuse = (p: HeaderProblem) => {
      problems.push(p);
      rejected.add(column);
    };
    if (column === '') return refuse({ column: `#${i + 1}`, message: `column ${i + 1} has no name`, code: 'unnamed_column', args: { position: i + 1 } });
    if (seen.has(column)) return refuse({ column, message: `column "${column}" appears more than once`, code: 'duplicate_column', args: { column } });
    seen.add(column);
    if (i === employeeIndex || known.has(column)) return;
    const groups = multi.get(column);
    if (groups) {
      const columns = groups.map((g) => `${column}.${g}`).join(', ');
      return refuse({ column, message: `"${column}" is rated by several raters; use one column per rater group: ${columns}`, code: 'multi_rater_column', args: { column, columns } });
    }
    const columns = known.size ? [...known].sort().join(', ') : undefined;
    refuse({ column, message: `unknown column "${column}": no scheme version of this cycle declares such an input${columns ? ` (columns: ${columns})` : ''}`, code: 'unknown_column', args: columns ? { column, columns } : { column } });
  });
  return { employeeIndex, rejected, problems };
}
