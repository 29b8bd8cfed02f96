/**
 * @module lib/csv
 * CSV in the browser: decoding uploaded files (UTF-8 with or without BOM, or GBK/GB18030 as
 * Excel on Chinese Windows saves them), a small RFC 4180 reader for previews, writing CSV for
 * downloads (with a BOM so Excel opens Chinese text correctly, and formula-looking text
 * neutralised), and saving a file.
 */
import { csvRecord, type CsvOptions, type CsvValue } from '../../../rules/csv.ts';

export type Encoding = 'utf-8' | 'utf-8-bom' | 'gb18030';

/**
 * Decode an uploaded file: strict UTF-8 first (a BOM is dropped), GB18030 (a superset of GBK)
 * when the bytes are not valid UTF-8.
 * @example decodeText(await file.arrayBuffer()) // { text: 'employee,…', encoding: 'gb18030' }
 */
export function decodeText(bytes: ArrayBuffer | Uint8Array): { text: string; encoding: Encoding } {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const bom = view.length >= 3 && view[0] === 0xef && view[1] === 0xbb && view[2] === 0xbf;
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(view);
    return { text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(view), encoding: 'gb18030' };
  }
}

/**
 * Read CSV text into rows of cells (quoted fields, doubled quotes, CRLF or LF line ends).
 * Stops after `limit` rows when given (previews).
 * @example parseCsv('a,"b ""c"""\n1,2') // [['a', 'b "c"'], ['1', '2']]
 */
export function parseCsv(text: string, limit = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length && rows.length < limit; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (rows.length < limit && (cell !== '' || row.length)) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
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
