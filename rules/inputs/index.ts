/**
 * @module inputs
 * Inputs sheets and cells, one module for the server's import, the command line and the studio:
 * decoding a file's bytes (`decode.ts`), reading its CSV with limits (`csv.ts`), the sheet's
 * layout and header checks (`layout.ts`), typing text cells (`cells.ts`), which values an input
 * accepts (`accept.ts`) and the coded problems all of them report (`problems.ts`). Pure: no Node APIs, it runs in the browser too.
 * @example
 * const decoded = decodeInputBytes(bytes);
 * for (const item of readCsvRecords(decoded.text, INPUT_SHEET_LIMITS)) …
 */
export { decodeInputBytes, type DecodedText, type TextEncodingName } from './decode.ts';
export { readCsvRecords, readCsvText, csvProblemMessage, INPUT_SHEET_LIMITS, type CsvItem, type CsvLimits, type CsvProblem } from './csv.ts';
export { EMPLOYEE_COLUMN, EMPLOYEE_COLUMN_NAMES, employeeColumnIndex, raterGroupKeys, inputColumns, checkSheetHeader, type HeaderProblem } from './layout.ts';
export { acceptInputs, acceptInputValue, MAX_INPUT_TEXT, MAX_RATINGS, type InputIssue } from './accept.ts';
export { coerceCell, coerceInputs, parseNumberCell, ratingsCell, type CellProblem } from './cells.ts';
export * from './problems.ts';
