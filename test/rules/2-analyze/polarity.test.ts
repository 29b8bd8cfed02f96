import { describe, expect, it } from 'vitest';
import { analyzeScheme } from '../../../rules/2-analyze/index.ts';
import type { Indicator, Input, Scheme } from '../../../schemas/generated/scheme.ts';
import { cleanScheme, messages } from './builders.ts';

/** A clean scheme whose k2 has the given polarity, score rule and input declaration. */
function probe(polarity: Indicator['polarity'], score: unknown, input: Input = { type: 'number', minimum: 0, maximum: 100, unit: 'points' }, edit: (s: Scheme) => void = () => {}) {
  const s = cleanScheme();
  s.indicators[1].polarity = polarity;
  s.indicators[1].score = score as object;
  s.inputs.k2 = input;
  edit(s);
  return analyzeScheme(s).filter((f) => f.code === 'polarity_mismatch');
}

const rising = { min: [100, { '*': [2, { var: 'inputs.k2' }] }] };
const falling = { max: [0, { '-': [100, { '*': [5, { var: 'inputs.k2' }] }] }] };

describe('polarity vs formula', () => {
  it('warns when a lower-better score rises with its input', () => {
    expect(probe('lower-better', rising)).toEqual([
      {
        severity: 'warning',
        code: 'polarity_mismatch',
        pointer: '/indicators/1/polarity',
        path: 'indicators[1].polarity',
        message: 'Indicator "k2" is marked lower-better, but its score rises from 0 to 100 as inputs.k2 goes from 0 to 100.',
        args: { indicator: 'k2', polarity: 'lower-better', input: 'k2', from: 0, to: 100, scoreFrom: 0, scoreTo: 100 },
      },
    ]);
  });

  it('warns when a higher-better score falls with its input', () => {
    expect(probe('higher-better', falling).map((f) => f.message)).toEqual(['Indicator "k2" is marked higher-better, but its score falls from 100 to 0 as inputs.k2 goes from 0 to 100.']);
  });

  it('is quiet when the direction agrees, when the score is flat or not monotone, and when polarity is target, none or unstated', () => {
    expect(probe('higher-better', rising)).toEqual([]);
    expect(probe('lower-better', falling)).toEqual([]);
    expect(probe('lower-better', 80)).toEqual([]);
    expect(probe('lower-better', { '-': [100, { abs: [{ '-': [{ var: 'inputs.k2' }, 50] }] }] })).toEqual([]);
    expect(probe('target', rising)).toEqual([]);
    expect(probe(undefined, falling)).toEqual([]);
  });

  it('catches R05: a lower-is-better line loss that deducts 0.5 below target', () => {
    const lineLoss = { if: [{ '<': [{ var: 'inputs.k2' }, { var: 'params.line_loss_target' }] }, -0.5, 0] };
    const found = probe('lower-better', lineLoss, { type: 'number', unit: '%' }, (s) => {
      s.params!.line_loss_target = { unit: '%', value: 2.84 };
    });
    // Undeclared range: 0 to twice the target the rule compares with.
    expect(found.map((f) => f.message)).toEqual(['Indicator "k2" is marked lower-better, but its score rises from -0.5 to 0 as inputs.k2 goes from 0 to 5.68.']);
  });

  it('uses a rating scale as the range and rounds probes of integer inputs', () => {
    const scale = { points: [{ value: 1 }, { value: 2 }, { value: 3 }, { value: 4 }, { value: 5 }] } as Input['scale'];
    expect(probe('lower-better', { '*': [20, { var: 'inputs.k2' }] }, { type: 'rating', scale }).map((f) => f.message)).toEqual([
      'Indicator "k2" is marked lower-better, but its score rises from 20 to 100 as inputs.k2 goes from 1 to 5.',
    ]);
    expect(probe('higher-better', { '-': [10, { var: 'inputs.k2' }] }, { type: 'integer', minimum: 0, maximum: 3, unit: 'count' }).map((f) => f.message)).toEqual([
      'Indicator "k2" is marked higher-better, but its score falls from 10 to 7 as inputs.k2 goes from 0 to 3.',
    ]);
  });

  it('probes the input named like the indicator when the rule reads several, others at their default', () => {
    const rule = { '-': [{ var: 'inputs.k3' }, { var: 'inputs.k2' }] };
    expect(probe('higher-better', rule, undefined, (s) => (s.inputs.k3.default = 50)).map((f) => f.message)).toEqual([
      'Indicator "k2" is marked higher-better, but its score falls from 50 to -50 as inputs.k2 goes from 0 to 100.',
    ]);
    const s = cleanScheme();
    s.indicators[1].key = 'other';
    s.indicators[1].polarity = 'higher-better';
    s.indicators[1].score = rule;
    s.weights.default.indicators = { k1: 20, other: 20, k3: 20, k4: 20, k5: 20 };
    expect(messages(analyzeScheme(s), 'polarity_mismatch')).toEqual([]); // no main input: not probed
  });

  it('does not probe rules that read other indicators, computed paths or failing rules', () => {
    expect(probe('lower-better', { '+': [rising, { var: 'indicators.k1' }] })).toEqual([]);
    expect(probe('lower-better', { '+': [rising, { var: { cat: ['inputs.', 'k3'] } }] })).toEqual([]);
    expect(probe('lower-better', { '+': [rising, { frobnicate: 1 }] })).toEqual([]);
  });
});

describe('units', () => {
  function units(edit: (s: Scheme) => void) {
    const s = cleanScheme();
    edit(s);
    return analyzeScheme(s).map((f) => [f.code, f.pointer, f.message]);
  }

  it('warns when a count allows fractions', () => {
    expect(units((s) => (s.inputs.k2 = { type: 'number', unit: '次', minimum: 0 }))).toEqual([
      ['count_unit_decimals', '/inputs/k2/type', 'Input "k2" is a count ("次") but allows fractions (type number, not integer).'],
    ]);
    expect(units((s) => (s.inputs.k2 = { type: 'integer', unit: 'people', minimum: 0, maximum: 2.5 }))).toEqual([
      ['count_unit_decimals', '/inputs/k2/maximum', 'Input "k2" is a count ("people") but its maximum 2.5 is not a whole number.'],
    ]);
    expect(units((s) => (s.inputs.k2 = { type: 'integer', unit: '人', minimum: 0 }))).toEqual([]);
  });

  it('warns about percentages above 1000', () => {
    expect(units((s) => (s.inputs.k2 = { type: 'number', unit: '%', minimum: 0, maximum: 5000 }))).toEqual([
      ['percent_unit_range', '/inputs/k2/maximum', 'Input "k2" is a percentage but allows up to 5000; a rate above 1000% is more likely a unit mistake.'],
    ]);
    expect(units((s) => (s.inputs.k2 = { type: 'number', unit: '%', minimum: 0, maximum: 548.9 }))).toEqual([]);
  });

  it('flags R13: an error count measured in 元 and marked higher-better', () => {
    const r13 = (polarity: Indicator['polarity']) =>
      units((s) => {
        s.indicators[1] = { ...s.indicators[1], title: '设计图纸出现差错导致重复报建的次数', unit: '元', polarity };
      });
    expect(r13('higher-better')).toEqual([
      [
        'unit_polarity_suspect',
        '/indicators/1',
        'Indicator "k2" ("设计图纸出现差错导致重复报建的次数") is about errors but is measured in "元" and marked higher-better; errors are usually a count where lower is better.',
      ],
    ]);
    expect(r13('lower-better').filter(([code]) => code === 'unit_polarity_suspect')).toEqual([]);
  });
});
