/**
 * @module inputs/problems
 * The problems reading an inputs sheet or its values can report, as stable codes with the values
 * each message was filled with. Every `ImportError` keeps its English `message` (existing
 * clients read it) and also carries `code` + `args`, so a client can word the problem in its
 * user's language (`studio/src/i18n/import-errors.ts`) and fall back to `message` for a code it
 * does not know. The server's import, the command line and the studio share these codes.
 *
 * Why dependency-free: the studio types its catalogue by `ImportErrorCode` with an `import type`
 * and type-checks this file with the browser's settings, so it stays plain data and types.
 *
 * Args: numbers stay numbers, lists are sent joined with ", " (as in the English message). A
 * value problem's args say where the value came from: `cell` (a CSV cell's text, quoted in the
 * message) or `value` (a JSON row's value, JSON-encoded), plus `input` (the input key), `title`
 * (its declared title, when it has one), `raterGroup` (a CSV multi-rater column's group) and
 * `where` (inside a JSON multi-rater value, e.g. `supervisor.0`).
 */

/** Every import problem code; `ImportErrorCode` is the union. */
export const IMPORT_ERROR_CODES = [
  // The file and its header (row 1).
  'no_rows',
  'invalid_csv',
  'invalid_encoding',
  'too_many_columns',
  'cell_too_long',
  'too_many_rows',
  'empty_file',
  'cell_count',
  'no_employee_column',
  'unnamed_column',
  'duplicate_column',
  'multi_rater_column',
  'unknown_column',
  // The employee of a row.
  'employee_missing',
  'employee_duplicate',
  'employee_unknown',
  'employee_inactive',
  'employee_not_assessed',
  'employee_other_department',
  // A column that does not fit the row's scheme version.
  'column_not_in_version',
  'column_not_multi_rater',
  // A CSV cell that cannot be read as the input's type.
  'not_a_number',
  'not_yes_no',
  'unknown_option',
  // A value the input's declaration refuses (`accept.ts`).
  'must_be_number',
  'must_be_integer',
  'must_be_boolean',
  'must_be_text',
  'must_be_ratings',
  'below_minimum',
  'above_maximum',
  'not_above',
  'not_below',
  'must_be_option',
  'must_be_scale_point',
  'text_too_long',
  'too_many_ratings',
  'no_ratings',
  'unknown_rater_group',
  'not_an_input',
  'value_invalid',
] as const;

/** One import problem's code. */
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

/** Where a refused value came from; see the module comment. */
export interface ValueArgs {
  input: string;
  title?: string;
  cell?: string;
  value?: string;
  raterGroup?: string;
  where?: string;
}

/** The args each code's message is filled with. */
export interface ImportErrorArgsByCode {
  no_rows: Record<string, never>;
  /** `reason`: the CSV parser's own (English) message; `parserCode` its code, e.g. CSV_QUOTE_NOT_CLOSED. */
  invalid_csv: { reason: string; parserCode?: string };
  /** The row's bytes are neither UTF-8 nor GB18030/GBK. */
  invalid_encoding: Record<string, never>;
  /** `limit`: the most columns a row may have. */
  too_many_columns: { limit: number };
  /** `limit`: the most characters a cell may have; `position`: the cell's 1-based column. */
  cell_too_long: { limit: number; position: number };
  /** `limit`: the most data rows a file may have. */
  too_many_rows: { limit: number };
  empty_file: Record<string, never>;
  cell_count: { cells: number; expected: number };
  no_employee_column: Record<string, never>;
  /** `position`: the column's 1-based position in the header. */
  unnamed_column: { position: number };
  duplicate_column: { column: string };
  /** `columns`: the columns to use instead. */
  multi_rater_column: { column: string; columns: string };
  /** `columns`: the known columns, absent when the cycle declares none. */
  unknown_column: { column: string; columns?: string };
  employee_missing: Record<string, never>;
  employee_duplicate: { employee: string; firstRow: number };
  employee_unknown: { employee: string };
  employee_inactive: { employee: string };
  employee_not_assessed: { employee: string; cycle: string };
  /** No longer sent (a manager's row of another department reads as `employee_unknown`); kept so older answers still read. */
  employee_other_department: { employee: string; department: string };
  column_not_in_version: { column: string; scheme: string; version: number; employee: string };
  column_not_multi_rater: { input: string; column: string };
  not_a_number: ValueArgs;
  not_yes_no: ValueArgs;
  /** `options`: the option values. */
  unknown_option: ValueArgs & { options: string };
  must_be_number: ValueArgs;
  must_be_integer: ValueArgs;
  must_be_boolean: ValueArgs;
  must_be_text: ValueArgs;
  /** `type`: what ajv expected, `object` (ratings by rater group) or `array`. */
  must_be_ratings: ValueArgs & { type: string };
  below_minimum: ValueArgs & { limit: number };
  above_maximum: ValueArgs & { limit: number };
  not_above: ValueArgs & { limit: number };
  not_below: ValueArgs & { limit: number };
  /** `options`: the allowed values, JSON-encoded. */
  must_be_option: ValueArgs & { options: string };
  /** `points`: the rating scale's points. */
  must_be_scale_point: ValueArgs & { points: string };
  text_too_long: ValueArgs & { limit: number };
  too_many_ratings: ValueArgs & { limit: number };
  no_ratings: ValueArgs & { limit: number };
  unknown_rater_group: ValueArgs & { group: string };
  /** `scheme`: the scheme key. */
  not_an_input: { input: string; scheme: string };
  /** `detail`: the validator's own (English) words, for a check without a code of its own. */
  value_invalid: ValueArgs & { detail: string };
}

/** Args of some import problem, as sent. */
export type ImportErrorArgs = Readonly<Record<string, string | number>>;

/** One problem of an import; `column` is null for problems of a whole row. */
export interface ImportError {
  row: number;
  column: string | null;
  /** The employee code the row names, on problems of a row that names one. */
  employee?: string;
  /** English, unchanged from before codes existed. */
  message: string;
  code: ImportErrorCode;
  args: ImportErrorArgs;
}

/** The value-problem codes `accept.ts` reports. */
export type InputIssueCode = Extract<
  ImportErrorCode,
  | 'must_be_number'
  | 'must_be_integer'
  | 'must_be_boolean'
  | 'must_be_text'
  | 'must_be_ratings'
  | 'below_minimum'
  | 'above_maximum'
  | 'not_above'
  | 'not_below'
  | 'must_be_option'
  | 'must_be_scale_point'
  | 'text_too_long'
  | 'too_many_ratings'
  | 'no_ratings'
  | 'unknown_rater_group'
  | 'not_an_input'
  | 'value_invalid'
>;
