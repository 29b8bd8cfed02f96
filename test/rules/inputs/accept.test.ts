import { describe, expect, it } from 'vitest';
import { acceptInputs, acceptInputValue, MAX_INPUT_TEXT, MAX_RATINGS } from '../../../rules/inputs/index.ts';
import type { Scheme } from '../../../schemas/generated/scheme.ts';

// One input of every kind, as HR declares them.
const scheme = {
  key: 'kinds',
  title: 'Every kind of input',
  period: 'month',
  inputs: {
    complaints: { type: 'integer', minimum: 0, maximum: 50 },
    rate: { type: 'number', minimum: 0, maximum: 1 },
    scaled: { type: 'rating', scale: { points: [{ value: 0 }, { value: 5 }, { value: 10 }] } },
    attitude: { type: 'rating', minimum: 0, maximum: 10, multiRater: true },
    certified: { type: 'boolean' },
    shift: { type: 'enum', options: [{ value: 'day' }, { value: 'night' }] },
    remark: { type: 'text' },
  },
  raters: { groups: [{ key: 'supervisor', weight: 60 }, { key: 'peer', weight: 40 }] },
  indicators: [],
  weights: { default: { indicators: {} } },
  grading: { grades: [{ key: 'A' }], bands: [{ grade: 'A' }] },
} as unknown as Scheme;

const codes = (values: Record<string, unknown>) => acceptInputs(scheme, values).map((i) => [i.key, i.code, i.message]);

describe('which values the inputs accept when data comes in', () => {
  it('takes valid values of every kind, and null as "no value"', () => {
    expect(acceptInputs(scheme, { complaints: 3, rate: 0.92, scaled: 5, attitude: { supervisor: [8], peer: [7, 9] }, certified: true, shift: 'night', remark: '按时完成' })).toEqual([]);
    expect(acceptInputs(scheme, { complaints: null, attitude: null, remark: null })).toEqual([]);
  });

  it('refuses numbers outside the range and fractions for whole numbers, naming the limit', () => {
    expect(codes({ complaints: -1, rate: 1.5 })).toEqual([
      ['complaints', 'below_minimum', 'must be >= 0'],
      ['rate', 'above_maximum', 'must be <= 1'],
    ]);
    expect(acceptInputs(scheme, { complaints: 2.5 })[0]).toMatchObject({ code: 'must_be_integer', message: 'must be integer', args: {} });
    expect(acceptInputs(scheme, { complaints: 51 })[0].args).toEqual({ limit: 50 });
  });

  it('refuses text where a number, a yes/no or an option belongs', () => {
    expect(codes({ rate: '92%', certified: 'yes', shift: 'evening', scaled: 7 })).toEqual([
      ['rate', 'must_be_number', 'must be number'],
      ['scaled', 'must_be_scale_point', 'must be one of: 0, 5, 10'],
      ['certified', 'must_be_boolean', 'must be boolean'],
      ['shift', 'must_be_option', 'must be one of: "day", "night"'],
    ]);
    expect(acceptInputs(scheme, { shift: 'evening' })[0].args).toEqual({ options: '"day", "night"' });
  });

  it('counts text in characters, not UTF-16 units', () => {
    expect(acceptInputs(scheme, { remark: '😀'.repeat(MAX_INPUT_TEXT) })).toEqual([]);
    expect(acceptInputs(scheme, { remark: '字'.repeat(MAX_INPUT_TEXT + 1) })[0]).toMatchObject({ code: 'text_too_long', args: { limit: MAX_INPUT_TEXT } });
    expect(acceptInputs(scheme, { remark: 42 })[0].code).toBe('must_be_text');
  });

  it('names the unknown input and the scheme', () => {
    expect(acceptInputs(scheme, { complaint: 3 })).toEqual([{ key: 'complaint', code: 'not_an_input', message: '"complaint" is not an input of scheme kinds', args: { input: 'complaint', scheme: 'kinds' } }]);
    expect(acceptInputValue(scheme, 'nope', 1)[0].code).toBe('not_an_input');
  });

  it('checks ratings group by group and names the place of a bad rating', () => {
    expect(acceptInputValue(scheme, 'attitude', { supervisor: [8, 11] })).toEqual([
      { key: 'attitude', code: 'above_maximum', message: 'supervisor.1 must be <= 10', args: { limit: 10, where: 'supervisor.1' } },
    ]);
    expect(acceptInputValue(scheme, 'attitude', { customer: [8] })[0]).toMatchObject({ code: 'unknown_rater_group', args: { group: 'customer' } });
    expect(acceptInputValue(scheme, 'attitude', {})[0].code).toBe('no_ratings');
    expect(acceptInputValue(scheme, 'attitude', 8)[0]).toMatchObject({ code: 'must_be_ratings', args: { type: 'object' } });
    expect(acceptInputValue(scheme, 'attitude', { peer: 8 })[0]).toMatchObject({ code: 'must_be_ratings', message: 'peer must be array', args: { type: 'array', where: 'peer' } });
    expect(acceptInputValue(scheme, 'attitude', { peer: [null] })[0]).toMatchObject({ code: 'must_be_number', message: 'peer.0 must be number' });
    expect(acceptInputValue(scheme, 'attitude', { peer: new Array(MAX_RATINGS + 1).fill(5) })[0]).toMatchObject({ code: 'too_many_ratings', args: { limit: MAX_RATINGS, where: 'peer' } });
  });

  it('reports one problem per input, the first a person would fix', () => {
    expect(acceptInputs(scheme, { complaints: 'many' }).map((i) => i.code)).toEqual(['must_be_integer']);
    expect(acceptInputValue(scheme, 'attitude', { customer: [1], supervisor: ['x'] }).map((i) => i.code)).toEqual(['unknown_rater_group']);
  });
});
