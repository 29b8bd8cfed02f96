/**
 * @module rules/csv
 * Writing CSV fields, the one way for every CSV Yardstick writes (studio downloads,
 * `yardstick evaluate --format csv`). RFC 4180 quoting, and by default the spreadsheet-formula
 * neutralising OWASP advises: a text cell beginning with `=`, `+`, `-`, `@`, tab or carriage
 * return gets a leading `'`, so a name such as `=HYPERLINK(…)` is shown, not run, when the
 * file is opened in Excel or LibreOffice. Numbers are numbers (`-3.5` stays `-3.5`).
 */

/** What a CSV field can hold. */
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvOptions {
  /** How numbers are written (default `String`). */
  showNumber?: (value: number) => string;
  /**
   * Prefix text that a spreadsheet would run as a formula with `'` (default true). Only false for
   * CSV that a program reads back as data (the studio turns an uploaded .xlsx into CSV for the
   * import API, where the cell must arrive unchanged).
   */
  spreadsheetSafe?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field: empty for null/undefined, quoted when it holds a comma, quote, line break or
 * leading/trailing space, formula-looking text prefixed with `'`.
 * @example
 * csvField('=HYPERLINK("http://x")') // `"'=HYPERLINK(""http://x"")"`
 * csvField(-3.5)                     // '-3.5'
 * csvField('-1+2')                   // "'-1+2"
 */
export function csvField(value: CsvValue, options: CsvOptions = {}): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') text = (options.showNumber ?? String)(value);
  else {
    text = String(value);
    if (options.spreadsheetSafe !== false && FORMULA_START.test(text)) text = `'${text}`;
  }
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One CSV record (no line end).
 * @example csvRecord(['E01', 'Smith, J.', 87.5, null]) // 'E01,"Smith, J.",87.5,'
 */
export function csvRecord(fields: readonly CsvValue[], options: CsvOptions = {}): string {
  return fields.map((f) => csvField(f, options)).join(',');
}
