/**
 * @module lib/xlsx
 * Excel files in the browser, loaded only when used: read the first sheet of an upload as CSV
 * text (what the import API takes), and write rows as an .xlsx download.
 */
import { download, toCsv, type CellValue } from './csv.ts';
import { xlsxTooLarge } from './xlsx-limits.ts';

/**
 * The first sheet of an .xlsx file as CSV text. Dates become YYYY-MM-DD, booleans true/false.
 * @example const csv = await xlsxToCsv(file);
 */
export async function xlsxToCsv(file: Blob): Promise<string> {
  // Refused before unzipping: a zip bomb would freeze the tab (see xlsx-limits.ts).
  const tooLarge = xlsxTooLarge(new Uint8Array(await file.arrayBuffer()));
  if (tooLarge) throw new Error(tooLarge);
  const { readSheet } = await import('read-excel-file/browser');
  const rows = (await readSheet(file)) as CellValue[][];
  // Trailing empty rows are common in spreadsheets; drop them.
  while (rows.length && rows[rows.length - 1]!.every((c) => c === null || c === undefined || c === '')) rows.pop();
  // This CSV is read back by the import API, not opened in a spreadsheet: cells arrive unchanged.
  return toCsv(rows, { spreadsheetSafe: false });
}

/**
 * Offer rows as an .xlsx file (first row bold as the header).
 * @example await downloadXlsx([['employee', 'complaints'], ['CS01', 2]], 'inputs.xlsx', 'inputs');
 */
export async function downloadXlsx(rows: CellValue[][], filename: string, sheet = 'Sheet1'): Promise<void> {
  const { default: writeExcelFile } = await import('write-excel-file/browser');
  const data = rows.map((r, i) => r.map((value) => (value === undefined || value === '' ? null : i === 0 ? { value: String(value), fontWeight: 'bold' as const } : { value })));
  const blob = await writeExcelFile(data as never, { sheet }).toBlob();
  download(blob, filename, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}
