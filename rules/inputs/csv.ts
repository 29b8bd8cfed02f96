/**
 * @module inputs/csv
 * The one CSV reader of inputs sheets (server import, command line, studio preview): RFC 4180
 * (comma-separated, quoted cells with doubled quotes, CRLF or LF line ends), one record at a
 * time, each numbered with the line it starts on (the header is row 1; empty lines are skipped
 * but counted, as a spreadsheet numbers rows).
 *
 * Hostile files are refused while reading, before anything large is built: a record with more
 * than `maxColumns` cells, a cell longer than `maxCellChars` characters or more than `maxRows`
 * records stop the reader with a coded problem naming the row. A generator, so a caller can
 * hand the event loop back between records (the server does) and stop early.
 */
import type { ImportErrorArgsByCode } from './problems.ts';

/** Where reading stops. */
export interface CsvLimits {
  maxColumns: number;
  maxCellChars: number;
  /** Records, header included. */
  maxRows: number;
}

/** The limits of an inputs sheet: 1,000 columns, 100,000 characters a cell, 200,001 records. */
export const INPUT_SHEET_LIMITS: CsvLimits = { maxColumns: 1000, maxCellChars: 100_000, maxRows: 200_001 };

/** A problem that stops reading. */
export type CsvProblem =
  | { code: 'invalid_csv'; message: string; args: ImportErrorArgsByCode['invalid_csv'] }
  | { code: 'too_many_columns'; message: string; args: ImportErrorArgsByCode['too_many_columns'] }
  | { code: 'cell_too_long'; message: string; args: ImportErrorArgsByCode['cell_too_long'] }
  | { code: 'too_many_rows'; message: string; args: ImportErrorArgsByCode['too_many_rows'] };

/** One record and the row it starts on, or the problem that ended the file on that row. */
export type CsvItem = { row: number; cells: string[]; problem?: undefined } | { row: number; problem: CsvProblem; cells?: undefined };

/**
 * The English words of a reading problem (the studio words it from the code and args).
 * @example csvProblemMessage({ code: 'too_many_columns', args: { limit: 1000 } }) // 'the row has more than 1000 columns'
 */
export function csvProblemMessage(p: Pick<CsvProblem, 'code' | 'args'>): string {
  switch (p.code) {
    case 'invalid_csv':
      return `the file is not valid CSV: ${(p.args as ImportErrorArgsByCode['invalid_csv']).reason}`;
    case 'too_many_columns':
      return `the row has more than ${(p.args as ImportErrorArgsByCode['too_many_columns']).limit} columns`;
    case 'cell_too_long': {
      const a = p.args as ImportErrorArgsByCode['cell_too_long'];
      return `the cell in column ${a.position} has more than ${a.limit} characters`;
    }
    case 'too_many_rows':
      return `the file has more than ${(p.args as ImportErrorArgsByCode['too_many_rows']).limit} data rows; split it into smaller files`;
  }
}

function stop<C extends CsvProblem['code']>(row: number, code: C, args: Extract<CsvProblem, { code: C }>['args']): CsvItem {
  const problem = { code, args, message: '' } as CsvProblem;
  problem.message = csvProblemMessage(problem);
  return { row, problem };
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Read CSV text record by record (a leading byte-order mark is skipped).
 * @example [...readCsvRecords('a,"b ""c"""\n\n1,2', INPUT_SHEET_LIMITS)] // [{ row: 1, cells: ['a', 'b "c"'] }, { row: 3, cells: ['1', '2'] }]
 */
export function* readCsvRecords(text: string, limits: CsvLimits): Generator<CsvItem, void, undefined> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let records = 0;
  const n = text.length;
  while (i < n) {
    const c0 = text.charCodeAt(i);
    // An empty line is no record (but it is a row number).
    if (c0 === LF || c0 === CR) {
      i += c0 === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
      line++;
      continue;
    }
    const row = line;
    if (++records > limits.maxRows) return void (yield stop(row, 'too_many_rows', { limit: limits.maxRows - 1 }));
    const cells: string[] = [];
    for (;;) {
      if (cells.length >= limits.maxColumns) return void (yield stop(row, 'too_many_columns', { limit: limits.maxColumns }));
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted: up to the closing quote; doubled quotes are one quote; line ends are data.
        let parts = '';
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) return void (yield stop(row, 'invalid_csv', { reason: `Quote Not Closed: the parsing is finished with an opening quote at line ${row}`, parserCode: 'CSV_QUOTE_NOT_CLOSED' }));
          for (let k = text.indexOf('\n', i); k >= 0 && k < q; k = text.indexOf('\n', k + 1)) line++;
          if (parts.length + (q - from) > limits.maxCellChars) return void (yield stop(row, 'cell_too_long', { limit: limits.maxCellChars, position: cells.length + 1 }));
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts += text.slice(from, q + 1);
            i = from = q + 2;
            continue;
          }
          cell = parts + text.slice(from, q);
          i = q + 1;
          break;
        }
        const after = text.charCodeAt(i);
        if (i < n && after !== COMMA && after !== LF && after !== CR) {
          return void (yield stop(line, 'invalid_csv', { reason: `Invalid Closing Quote: got "${text[i]}" at line ${line} instead of delimiter, record delimiter, trimable character (if activated) or comment`, parserCode: 'CSV_INVALID_CLOSING_QUOTE' }));
        }
      } else {
        const start = i;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) {
            return void (yield stop(line, 'invalid_csv', { reason: `Invalid Opening Quote: a quote is found on field ${cells.length} at line ${line}, value is "${text.slice(start, Math.min(i, start + 50))}"`, parserCode: 'INVALID_OPENING_QUOTE' }));
          }
          if (i - start >= limits.maxCellChars) return void (yield stop(row, 'cell_too_long', { limit: limits.maxCellChars, position: cells.length + 1 }));
          i++;
        }
        cell = text.slice(start, i);
      }
      cells.push(cell);
      const c = text.charCodeAt(i);
      if (c === COMMA) {
        i++;
        // A comma at the very end of the text still opens one (empty) last cell.
        if (i >= n) {
          cells.push('');
          break;
        }
        continue;
      }
      if (c === CR) i += text.charCodeAt(i + 1) === LF ? 2 : 1;
      else if (c === LF) i++;
      line++;
      break;
    }
    yield { row, cells };
  }
}

/**
 * All records of a small text (previews, tests): the records, and the problem that stopped
 * reading, if any. Stops after `limit` records when given.
 * @example readCsvText('a,b\n1,2').records // [['a', 'b'], ['1', '2']]
 */
export function readCsvText(text: string, limit = Infinity, limits: CsvLimits = INPUT_SHEET_LIMITS): { records: string[][]; problem?: CsvProblem & { row: number } } {
  const records: string[][] = [];
  for (const item of readCsvRecords(text, limits)) {
    if (item.problem) return { records, problem: { ...item.problem, row: item.row } };
    records.push(item.cells);
    if (records.length >= limit) break;
  }
  return { records };
}
