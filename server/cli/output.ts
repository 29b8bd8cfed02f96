/**
 * @module cli/output
 * How the command line prints: aligned text tables (CJK characters count as two columns, as
 * terminals draw them), RFC 4180 CSV, JSON, and numbers as people read them.
 */
import { csvRecord as sharedCsvRecord, type CsvValue } from '../../rules/csv.ts';
import { formatNumber } from '../../rules/inputs/values.ts';

export { formatNumber };

/** Output formats shared by the commands. */
export const FORMATS = ['table', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];

/** A number for display (at most 4 decimals, no float noise); null and undefined as `empty`. */
export function showNumber(value: number | null | undefined, empty = '-'): string {
  return value === null || value === undefined ? empty : formatNumber(value);
}

/**
 * `2 errors`, `1 warning`.
 * @example plural(1, 'error') // '1 error'
 */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** Columns a string takes in a terminal: East Asian wide and fullwidth characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x300 && c <= 0x36f) || c === 0x200b) continue; // control and combining marks
    width += isWide(c) ? 2 : 1;
  }
  return width;
}

function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1f64f) ||
    (c >= 0x1f900 && c <= 0x1f9ff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
  return align === 'right' ? fill + text : text + fill;
}

export type Align = 'left' | 'right';

/**
 * Lay out rows under headers, each column as wide as its widest cell, two spaces apart.
 * Trailing spaces are trimmed. Returns one string per line (header first).
 * @example renderTable(['id', 'total'], [['E01', '87.5']], ['left', 'right'])
 * // ['id   total', 'E01   87.5']
 */
export function renderTable(headers: string[], rows: string[][], align: Align[] = []): string[] {
  const widths = headers.map((h, c) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[c] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => pad(cell ?? '', widths[c], align[c] ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)];
}

/**
 * Align the first columns of free-form lines (e.g. severity and path), leaving the last one ragged.
 * @example alignColumns([['error', 'weights', 'sum is 90']]) // ['error  weights  sum is 90']
 */
export function alignColumns(rows: string[][]): string[] {
  if (!rows.length) return [];
  const n = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: n - 1 }, (_, c) => Math.max(...rows.map((r) => (c < r.length - 1 ? displayWidth(r[c]) : 0))));
  return rows.map((r) => r.map((cell, c) => (c < r.length - 1 ? pad(cell, widths[c], 'left') : cell)).join('  ').trimEnd());
}

/**
 * One CSV record (`rules/csv.ts`: RFC 4180 quoting, formula-looking text prefixed with `'`), with
 * numbers as `formatNumber` shows them; null and undefined as empty fields.
 * @example csvRecord(['E01', 'Smith, J.', 87.5, null, '=1+1']) // `E01,"Smith, J.",87.5,,'=1+1`
 */
export function csvRecord(fields: readonly CsvValue[]): string {
  return sharedCsvRecord(fields, { showNumber: formatNumber });
}

/** Pretty JSON with a final newline. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
