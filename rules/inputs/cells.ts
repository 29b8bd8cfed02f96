/**
 * @module inputs/cells
 * Text cells (a CSV or spreadsheet cell, a grid field) → typed input values, following the
 * declarations: `1,234.5` and `92%` (percent units: 92) → numbers, 是/否 true/false yes/no y/n
 * 1/0 ✓/✗ → booleans, an enum option's value or label → its value, a rating scale point's value
 * or label → its value, `8;9|10` → a multi-rater group's ratings. Whether a value is allowed
 * (range, scale, options) is checked after, by the input's declaration.
 */
import type { Input, Scheme } from '../../schemas/generated/scheme.ts';
import type { ImportErrorArgsByCode, ValueArgs } from './problems.ts';

/** A cell that cannot be read as its input's type, coded as an import problem. */
export type CellProblem =
  | { column: string; message: string; code: 'not_a_number'; args: ImportErrorArgsByCode['not_a_number'] }
  | { column: string; message: string; code: 'not_yes_no'; args: ImportErrorArgsByCode['not_yes_no'] }
  | { column: string; message: string; code: 'unknown_option'; args: ImportErrorArgsByCode['unknown_option'] }
  | { column: string; message: string; code: 'column_not_multi_rater'; args: ImportErrorArgsByCode['column_not_multi_rater'] };

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '对', '√', '✓']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '错', '×', '✗']);

/**
 * "85", "85.5", "85%", "1,234.5" → numbers; percentages stay in percent units (85% → 85).
 * @example parseNumberCell('1,234.5') // 1234.5
 */
export function parseNumberCell(text: string): number | undefined {
  const cleaned = text.replace(/[,\s]/g, '').replace(/%$/, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned)) return undefined;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * One (trimmed, non-empty) cell of a single-valued input as a typed value, or why it cannot be.
 * @example coerceCell({ type: 'boolean' }, '是') // { value: true }
 */
export function coerceCell(def: Input, cell: string): { value: unknown } | { code: 'not_a_number' | 'not_yes_no'; message: string } | { code: 'unknown_option'; message: string; options: string } {
  switch (def.type) {
    case 'number':
    case 'integer':
    case 'rating': {
      const n = parseNumberCell(cell);
      if (n !== undefined) return { value: n };
      const point = def.type === 'rating' ? def.scale?.points.find((p) => p.label === cell) : undefined;
      return point ? { value: point.value } : { code: 'not_a_number', message: `"${cell}" is not a number` };
    }
    case 'boolean': {
      const t = cell.toLowerCase();
      if (TRUE_WORDS.has(t)) return { value: true };
      if (FALSE_WORDS.has(t)) return { value: false };
      return { code: 'not_yes_no', message: `"${cell}" is not yes/no (true/false, 是/否)` };
    }
    case 'enum': {
      const match = def.options?.find((o) => String(o.value) === cell) ?? def.options?.find((o) => o.label === cell);
      if (match) return { value: match.value };
      const options = (def.options ?? []).map((o) => String(o.value)).join(', ');
      return { code: 'unknown_option', message: `"${cell}" is not one of ${options}`, options };
    }
    case 'text':
      return { value: cell };
  }
}

/**
 * The ratings of one multi-rater cell, separated by `;` or `|`; the bad ratings' texts.
 * @example ratingsCell('8; 9|x') // { ratings: [8, 9], bad: ['x'] }
 */
export function ratingsCell(cell: string): { ratings: number[]; bad: string[] } {
  const ratings: number[] = [];
  const bad: string[] = [];
  for (const part of cell.split(/[;|]/)) {
    const text = part.trim();
    if (text === '') continue;
    const n = parseNumberCell(text);
    if (n === undefined) bad.push(text);
    else ratings.push(n);
  }
  return { ratings, bad };
}

/**
 * Turn text cells (CSV) into typed values following the declarations. Returns the typed
 * record and a coded problem per bad cell, naming the column. Columns that are not inputs
 * are left out; empty cells give no value (so missing inputs are reported as missing).
 * @example coerceInputs(scheme, { complaints: '3', on_time: 'yes' }) // { values: { complaints: 3, on_time: true }, errors: [] }
 */
export function coerceInputs(scheme: Scheme, cells: Record<string, string | undefined>): { values: Record<string, unknown>; errors: CellProblem[] } {
  const values: Record<string, unknown> = {};
  const errors: CellProblem[] = [];
  const grouped: Record<string, Record<string, number[]>> = {};
  for (const [column, rawCell] of Object.entries(cells)) {
    const cell = rawCell?.trim() ?? '';
    const [key, group] = column.split('.', 2) as [string, string | undefined];
    if (!Object.hasOwn(scheme.inputs, key)) continue;
    const def = scheme.inputs[key];
    const where = (extra: Pick<ValueArgs, 'cell' | 'raterGroup'>): ValueArgs => ({ input: key, ...(def.title && def.title !== key ? { title: def.title } : {}), ...extra });
    if (group !== undefined) {
      if (!def.multiRater) {
        errors.push({ column, message: `"${key}" is not a multi-rater input, so "${column}" is not a valid column`, code: 'column_not_multi_rater', args: { input: key, column } });
        continue;
      }
      const { ratings, bad } = ratingsCell(cell);
      for (const text of bad) errors.push({ column, message: `"${text}" is not a number`, code: 'not_a_number', args: where({ cell: text, raterGroup: group }) });
      (grouped[key] ??= {})[group] = ratings;
      continue;
    }
    if (cell === '') continue;
    const typed = coerceCell(def, cell);
    if ('value' in typed) values[key] = typed.value;
    else if (typed.code === 'unknown_option') errors.push({ column, message: typed.message, code: 'unknown_option', args: { ...where({ cell }), options: typed.options } });
    else errors.push({ column, message: typed.message, code: typed.code, args: where({ cell }) });
  }
  Object.assign(values, grouped);
  return { values, errors };
}
