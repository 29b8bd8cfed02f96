/**
 * @module lib/csv
 * CSV in the browser: decoding uploaded files and reading them for previews with the shared
 * inputs-sheet module (`rules/inputs/`: UTF-8 with or without BOM, or GBK/GB18030 as Excel on
 * Chinese Windows saves them, strictly — the server decodes the same way), writing CSV for
 * downloads (with a BOM so Excel opens Chinese text correctly, and formula-looking text
 * neutralised), and saving a file.
 */
import { csvRecord, type CsvOptions, type CsvValue } from '../../../rules/csv.ts';
import { decodeInputBytes, readCsvText, type TextEncodingName } from '../../../rules/inputs/index.ts';

export type Encoding = TextEncodingName;

/**
 * Decode an uploaded file: strict UTF-8 first (a BOM is dropped), strict GB18030 (a superset of
 * GBK) when the bytes are not UTF-8; `badRow` is the row of bytes that are neither.
 * @example decodeText(await file.arrayBuffer()) // { text: 'employee,…', encoding: 'gb18030' }
 */
export function decodeText(bytes: ArrayBuffer | Uint8Array): { text: string; encoding: Encoding } | { badRow: number } {
  return decodeInputBytes(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}

/**
 * Read CSV text into rows of cells (quoted fields, doubled quotes, CRLF or LF line ends; empty
 * lines skipped), as the server's import reads it. Stops after `limit` rows when given
 * (previews), and at the first malformed record.
 * @example parseCsv('a,"b ""c"""\n1,2') // [['a', 'b "c"'], ['1', '2']]
 */
export function parseCsv(text: string, limit = Infinity): string[][] {
  return readCsvText(text, limit).records;
}

export type CellValue = CsvValue | Date;

/**
 * Write rows as CSV text (CRLF line ends). Dates are written as YYYY-MM-DD. Formula-looking text
 * is neutralised (see `rules/csv.ts`) unless `spreadsheetSafe: false`.
 * @example toCsv([['employee', 'complaints'], ['CS01', 2]]) // 'employee,complaints\r\nCS01,2\r\n'
 * @example toCsv([['=1+1']]) // "'=1+1\r\n"
 */
export function toCsv(rows: CellValue[][], options: CsvOptions = {}): string {
  return rows.map((r) => csvRecord(r.map((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value)), options)).join('\r\n') + '\r\n';
}

/** Offer a file to the user. */
export function download(content: Blob | string, filename: string, type = 'text/csv;charset=utf-8'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** CSV text with a byte-order mark, so spreadsheet programs read it as UTF-8. */
export function downloadCsv(rows: CellValue[][], filename: string): void {
  download(`\ufeff${toCsv(rows)}`, filename);
}
