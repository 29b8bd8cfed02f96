import { describe, expect, it } from 'vitest';
import { coerceInputs, roundDecimal } from '../../../rules/index.ts';
import { baseScheme } from './build.ts';

describe('roundDecimal', () => {
  it.each([
    [6.25, 1, 6.3],
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [-2.5, 0, -3],
    [93.75, 1, 93.8],
    [99.995, 2, 100],
    [0.1 + 0.2, 2, 0.3],
    [0.004, 2, 0],
    [12, 2, 12],
  ])('half-up %s to %i places is %s', (value, places, expected) => {
    expect(roundDecimal(value, places)).toBe(expected);
  });

  it('supports half-even, floor and ceil', () => {
    expect([roundDecimal(2.5, 0, 'half-even'), roundDecimal(3.5, 0, 'half-even'), roundDecimal(2.51, 0, 'half-even')]).toEqual([2, 4, 3]);
    expect([roundDecimal(1.019, 2, 'floor'), roundDecimal(-1.011, 2, 'floor')]).toEqual([1.01, -1.02]);
    expect([roundDecimal(1.011, 2, 'ceil'), roundDecimal(0.0004, 2, 'ceil')]).toEqual([1.02, 0.01]);
  });

  it('leaves non-finite values alone', () => {
    expect(roundDecimal(Number.NaN, 2)).toBeNaN();
    expect(roundDecimal(Infinity, 2)).toBe(Infinity);
  });
});

describe('coerceInputs (text cells from CSV)', () => {
  const scheme = baseScheme({
    inputs: {
      sales: { type: 'number' },
      complaints: { type: 'integer' },
      on_time: { type: 'boolean' },
      brand: { type: 'enum', options: [{ value: 'VIP', label: '全球通VIP' }, { value: 'mass' }] },
      attitude: { type: 'number', multiRater: true },
    },
    raters: { groups: [{ key: 'peer', weight: 100 }] },
  });

  it('types numbers, percentages, yes/no in English and Chinese, and enum labels', () => {
    const r = coerceInputs(scheme, { sales: ' 1,234.5 ', complaints: '3', on_time: '是', brand: '全球通VIP', 'attitude.peer': '8; 9|10' });
    expect(r.errors).toEqual([]);
    expect(r.values).toEqual({ sales: 1234.5, complaints: 3, on_time: true, brand: 'VIP', attitude: { peer: [8, 9, 10] } });
    expect(coerceInputs(scheme, { sales: '85%' }).values.sales).toBe(85);
  });

  it('names the column and the bad value', () => {
    const r = coerceInputs(scheme, { sales: 'three', on_time: 'maybe', brand: 'gold', 'complaints.peer': '1' });
    expect(r.errors).toEqual([
      { column: 'sales', message: '"three" is not a number', code: 'not_a_number', args: { input: 'sales', cell: 'three' } },
      { column: 'on_time', message: '"maybe" is not yes/no (true/false, 是/否)', code: 'not_yes_no', args: { input: 'on_time', cell: 'maybe' } },
      { column: 'brand', message: '"gold" is not one of VIP, mass', code: 'unknown_option', args: { input: 'brand', cell: 'gold', options: 'VIP, mass' } },
      { column: 'complaints.peer', message: '"complaints" is not a multi-rater input, so "complaints.peer" is not a valid column', code: 'column_not_multi_rater', args: { input: 'complaints', column: 'complaints.peer' } },
    ]);
  });

  it('leaves empty cells out so that missing inputs are reported as missing', () => {
    expect(coerceInputs(scheme, { sales: '', complaints: '  ' }).values).toEqual({});
  });
});
