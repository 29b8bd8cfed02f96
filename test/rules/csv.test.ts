/**
 * The one CSV field writer (`rules/csv.ts`): quoting, and neutralising text a spreadsheet
 * would run as a formula (OWASP's "CSV injection" advice), with numbers left numeric.
 */
import { describe, expect, it } from 'vitest';
import { csvField, csvRecord } from '../../rules/csv.ts';

describe('csvField neutralises spreadsheet formulas', () => {
  it('prefixes the 7 probe cases that start with = + - @ tab or CR with a quote mark, and leaves a real negative number alone', () => {
    // A formula with quotes and commas: prefixed, then quoted with its quotes doubled.
    expect(csvField('=HYPERLINK("http://127.0.0.1:9/?x="&A1,"Click me")')).toBe(`"'=HYPERLINK(""http://127.0.0.1:9/?x=""&A1,""Click me"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1+2')).toBe("'-1+2");
    expect(csvField('@SUM(A1:A9)')).toBe("'@SUM(A1:A9)");
    expect(csvField('\t=1+1')).toBe("'\t=1+1");
    // A carriage return is a line break, so the field is also quoted.
    expect(csvField('\r=1+1')).toBe(`"'\r=1+1"`);
    expect(csvField(-3.5)).toBe('-3.5');
  });

  it('leaves ordinary text alone, even with = + - @ later in the text', () => {
    expect(csvRecord(['E01', 'Smith-Jones', 'a=b', 'x@y.com', 'CS 1+1', 0, -0.25, true, null, undefined])).toBe('E01,Smith-Jones,a=b,x@y.com,CS 1+1,0,-0.25,true,,');
  });

  it('quotes commas, quotes, line breaks and edge spaces (RFC 4180)', () => {
    expect(csvRecord(['Smith, J.', 'say "hi"', 'two\nlines', ' padded '])).toBe('"Smith, J.","say ""hi""","two\nlines"," padded "');
  });

  it('writes numbers with the caller’s format, never prefixed', () => {
    expect(csvRecord([-1, 0.1 + 0.2], { showNumber: (n) => n.toFixed(1) })).toBe('-1.0,0.3');
  });

  it('keeps text unchanged with spreadsheetSafe: false (CSV that a program reads back as data)', () => {
    expect(csvRecord(['=1+1', '-5', '@x'], { spreadsheetSafe: false })).toBe('=1+1,-5,@x');
  });
});
