/**
 * The shared inputs-sheet module (`rules/inputs/`): decoding, the CSV reader and its limits, the
 * layout's header checks, and typing cells — the pieces the server import, the command line and
 * the studio all use.
 */
import { describe, expect, it } from 'vitest';
import { checkSheetHeader, coerceCell, decodeInputBytes, employeeColumnIndex, readCsvRecords, readCsvText, type CsvLimits } from '../../../rules/inputs/index.ts';
import { parseCell } from '../../../studio/src/cycles/grid-values.ts';
import type { GridInput } from '../../../studio/src/lib/types.ts';
import type { Scheme } from '../../../schemas/generated/scheme.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** 不适用 in GBK (from the GBK table). */
const GBK = [0xb2, 0xbb, 0xca, 0xca, 0xd3, 0xc3];

describe('decodeInputBytes', () => {
  it('reads UTF-8 with and without a byte-order mark, and GBK', () => {
    expect(decodeInputBytes(utf8('employee,备注\n'))).toEqual({ text: 'employee,备注\n', encoding: 'utf-8' });
    expect(decodeInputBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a\n')]))).toEqual({ text: 'a\n', encoding: 'utf-8-bom' });
    expect(decodeInputBytes(new Uint8Array([...utf8('a,'), ...GBK]))).toEqual({ text: 'a,不适用', encoding: 'gb18030' });
  });

  it('names the row of bytes that are neither, instead of replacing them', () => {
    // UTF-8 file (row 1 has 备注) with a cut-off character on row 3.
    expect(decodeInputBytes(new Uint8Array([...utf8('employee,备注\nE1,x\nE2,'), 0xe5, 0x87, ...utf8('\n')]))).toEqual({ badRow: 3 });
    // A BOM says UTF-8: a broken row 2 is not read as GBK.
    expect(decodeInputBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a\n'), 0xb2, 0xbb]))).toEqual({ badRow: 2 });
    // GBK with 0xFF (in neither encoding) on row 2.
    expect(decodeInputBytes(new Uint8Array([...GBK, 0x0a, 0xff]))).toEqual({ badRow: 2 });
  });
});

describe('readCsvRecords', () => {
  const limits: CsvLimits = { maxColumns: 3, maxCellChars: 5, maxRows: 3 };

  it('numbers records by the line they start on, with quotes, doubled quotes, CRLF and empty lines', () => {
    const items = [...readCsvRecords('\ufeffa,b\r\n\r\n"x\ny","say ""hi"""\n3,\n', { maxColumns: 10, maxCellChars: 100, maxRows: 10 })];
    expect(items).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 3, cells: ['x\ny', 'say "hi"'] },
      { row: 5, cells: ['3', ''] },
    ]);
  });

  it('stops at the first row over a limit, naming it', () => {
    expect(readCsvText('a,b,c,d\n', Infinity, limits).problem).toMatchObject({ row: 1, code: 'too_many_columns', args: { limit: 3 }, message: 'the row has more than 3 columns' });
    expect(readCsvText('a\n123456\n', Infinity, limits).problem).toMatchObject({ row: 2, code: 'cell_too_long', args: { limit: 5, position: 1 } });
    expect(readCsvText('a\n"1234""56"\n', Infinity, limits).problem).toMatchObject({ row: 2, code: 'cell_too_long' });
    expect(readCsvText('a\n1\n2\n3\n', Infinity, limits)).toEqual({ records: [['a'], ['1'], ['2']], problem: expect.objectContaining({ row: 4, code: 'too_many_rows', args: { limit: 2 } }) });
  });

  it('refuses a million-column header after reading its first columns', () => {
    const header = `employee,${Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',')}\nCS03,1\n`;
    const started = performance.now();
    const first = readCsvRecords(header, { maxColumns: 1000, maxCellChars: 100_000, maxRows: 10 }).next().value;
    expect(first).toMatchObject({ row: 1, problem: { code: 'too_many_columns' } });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('reports broken quoting with the codes the studio words', () => {
    expect(readCsvText('a\n"open\n').problem).toMatchObject({ row: 2, code: 'invalid_csv', args: { parserCode: 'CSV_QUOTE_NOT_CLOSED' } });
    expect(readCsvText('a\n"say"so\n').problem).toMatchObject({ row: 2, code: 'invalid_csv', args: { parserCode: 'CSV_INVALID_CLOSING_QUOTE' } });
  });
});

describe('the sheet layout', () => {
  const scheme = { key: 's', inputs: { complaints: { type: 'integer' }, attitude: { type: 'rating', multiRater: true } }, raters: { groups: [{ key: 'peer', weight: 100 }] } } as unknown as Scheme;

  it('finds the employee column as "employee", or "id"', () => {
    expect(employeeColumnIndex(['complaints', 'employee'])).toBe(1);
    expect(employeeColumnIndex(['id', 'complaints'])).toBe(0);
    expect(employeeColumnIndex(['code'])).toBe(-1);
  });

  it('reports each header problem once, with its code', () => {
    const { employeeIndex, problems, rejected } = checkSheetHeader(['employee', 'complaints', 'attitude', 'complaints', '', 'mood', 'attitude.peer'], [scheme]);
    expect(employeeIndex).toBe(0);
    expect(problems.map((p) => [p.column, p.code])).toEqual([
      ['attitude', 'multi_rater_column'],
      ['complaints', 'duplicate_column'],
      ['#5', 'unnamed_column'],
      ['mood', 'unknown_column'],
    ]);
    expect([...rejected].sort()).toEqual(['', 'attitude', 'complaints', 'mood']);
  });
});

describe('typing cells', () => {
  it('reads numbers, percentages, yes/no in both languages, options and scale labels', () => {
    expect(coerceCell({ type: 'number' }, '1,234.5')).toEqual({ value: 1234.5 });
    expect(coerceCell({ type: 'number' }, '92%')).toEqual({ value: 92 });
    expect(coerceCell({ type: 'boolean' }, '否')).toEqual({ value: false });
    expect(coerceCell({ type: 'boolean' }, 'Yes')).toEqual({ value: true });
    expect(coerceCell({ type: 'enum', options: [{ value: 'A', label: '优' }, { value: 'B' }] }, '优')).toEqual({ value: 'A' });
    expect(coerceCell({ type: 'rating', scale: { points: [{ value: 1, label: '差' }, { value: 3, label: '好' }] } }, '好')).toEqual({ value: 3 });
    expect(coerceCell({ type: 'number' }, 'three')).toEqual({ code: 'not_a_number', message: '"three" is not a number' });
    expect(coerceCell({ type: 'enum', options: [{ value: 'A' }, { value: 'B' }] }, 'Z')).toEqual({ code: 'unknown_option', message: '"Z" is not one of A, B', options: 'A, B' });
  });

  it('the studio grid types a cell as the import does', () => {
    const column = (type: GridInput['type'], options: GridInput['options'] = null): GridInput => ({ key: 'x', title: 'x', type, unit: null, minimum: null, maximum: null, options, multiRater: false, raterGroups: null, required: true });
    expect(parseCell(column('number'), ' 92% ')).toBe(92);
    expect(parseCell(column('boolean'), '是')).toBe(true);
    expect(parseCell(column('boolean'), 'no')).toBe(false);
    expect(parseCell(column('enum', ['A', 'B']), 'B')).toBe('B');
    expect(parseCell(column('rating', [1, 2, 3]), '2')).toBe(2);
    expect(parseCell(column('number'), 'lots')).toBe('lots'); // sent as typed; the server names the problem
    expect(parseCell(column('text'), '  kept  ')).toBe('  kept  ');
    expect(parseCell(column('number'), '   ')).toBeNull();
  });
});
