/**
 * The command line's pure helpers, in process: where a JSON syntax error is, CSV quoting,
 * and table alignment with CJK text.
 */
import { describe, expect, it } from 'vitest';
import { alignColumns, csvRecord, displayWidth, renderTable } from '../../../server/cli/output.ts';
import { lineAndColumn, locateJsonError } from '../../../server/cli/read-input-file.ts';

describe('locateJsonError', () => {
  it.each([
    ['{"a": 1}', undefined],
    [' [1, -2.5e3, "x\\n", true, null, {}] ', undefined],
    ['{"a": }', { offset: 6, reason: 'expected a value, found "}"' }],
    ['{"a": 1,}', { offset: 8, reason: 'expected a property name in double quotes, found "}"' }],
    ['{"a": 1 "b": 2}', { offset: 8, reason: 'expected "," or "}" after a property value, found "\\""' }],
    ['[1, 2', { offset: 5, reason: 'expected "," or "]" after an array element, found the end of the file' }],
    ["{'a': 1}", { offset: 1, reason: 'expected a property name in double quotes, found "\'"' }],
    ['{"a": 01}', { offset: 7, reason: 'invalid number (leading zero, or a dot without digits)' }],
    ['{"a": tru}', { offset: 6, reason: 'expected a value, found "t"' }],
    ['"abc', { offset: 4, reason: 'a string is not closed (missing ")' }],
    ['"a\tb"', { offset: 2, reason: 'a control character (such as a tab) must be escaped inside a string' }],
    ['"\\x"', { offset: 1, reason: 'invalid escape \\x in a string' }],
    ['{} {}', { offset: 3, reason: 'unexpected "{" after the end of the JSON value' }],
  ])('%j', (text, expected) => {
    expect(locateJsonError(text)).toEqual(expected);
    // Agrees with JSON.parse on what is valid.
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    expect(valid).toBe(expected === undefined);
  });

  it('gives 1-based lines and columns', () => {
    expect(lineAndColumn('{\n  "a": x\n}', 9)).toEqual({ line: 2, column: 8 });
    expect(lineAndColumn('abc', 0)).toEqual({ line: 1, column: 1 });
  });
});

describe('csvRecord', () => {
  it('quotes only what needs quoting (RFC 4180) and prints numbers without float noise', () => {
    expect(csvRecord(['E01', 'Smith, J.', 'say "hi"', 'two\nlines', 0.1 + 0.2, null, undefined, true])).toBe('E01,"Smith, J.","say ""hi""","two\nlines",0.3,,,true');
  });
});

describe('tables', () => {
  it('counts CJK characters as two columns', () => {
    expect(displayWidth('客服部')).toBe(6);
    expect(displayWidth('A级')).toBe(3);
    expect(renderTable(['id', 'department', 'total'], [['E01', '客服部', '91.3'], ['E02', 'ops', '8']], ['left', 'left', 'right'])).toEqual([
      'id   department  total',
      'E01  客服部       91.3',
      'E02  ops             8',
    ]);
  });

  it('aligns all but the last column of free-form lines', () => {
    expect(alignColumns([['error', 'weights', 'sum is 90'], ['warning', 'indicators[0]', 'no unit']])).toEqual(['error    weights        sum is 90', 'warning  indicators[0]  no unit']);
  });
});
