import { describe, expect, it } from 'vitest';
import { analyzeScheme } from '../../../rules/2-analyze/index.ts';
import type { Scheme } from '../../../schemas/generated/scheme.ts';
import { cleanScheme } from './builders.ts';

function check(edit: (s: Scheme) => void) {
  const s = cleanScheme();
  edit(s);
  return analyzeScheme(s).map((f) => [f.severity, f.code, f.pointer, f.message]);
}

describe('parameters', () => {
  it('reports a blank parameter as an error in a scheme', () => {
    expect(check((s) => delete s.params!.target.value)).toEqual([['error', 'param_unfilled', '/params/target', 'Parameter "target" has no value; fill it before publishing.']]);
  });

  it('notes a blank parameter of a template as info', () => {
    expect(
      check((s) => {
        s.template = true;
        delete s.params!.target.value;
      }),
    ).toEqual([['info', 'param_unfilled', '/params/target', 'Parameter "target" is a template blank; a department\'s copy must fill it before publishing.']]);
  });

  it('reports a value that does not match the declared type', () => {
    expect(check((s) => (s.params!.target = { value: '90' }))).toEqual([
      ['error', 'param_type_mismatch', '/params/target/value', 'Parameter "target" is declared number, but its value is a string ("90").'],
    ]);
    expect(check((s) => (s.params!.extra = { type: 'bands', value: { A: 1 } })).map((f) => f[3])).toEqual([
      'Parameter "extra" is declared bands, but its value is a table.',
      'Parameter "extra" is not used by any rule.',
    ]);
    expect(check((s) => (s.params!.target = { type: 'table', value: [1, 2] }))).toEqual([]);
  });
});

describe('unused declarations', () => {
  it('notes unused parameters and warns about unused inputs', () => {
    expect(
      check((s) => {
        s.params!.spare = { value: 1 };
        s.inputs.spare = { type: 'integer', unit: 'count' };
      }),
    ).toEqual([
      ['warning', 'unused_input', '/inputs/spare', 'Input "spare" is not used by any rule, population value or tie-break; it would be collected for nothing.'],
      ['info', 'unused_param', '/params/spare', 'Parameter "spare" is not used by any rule.'],
    ]);
  });

  it('counts population sources and tie-breaks as uses, and notes unused population values', () => {
    expect(
      check((s) => {
        s.inputs.tenure = { type: 'integer', unit: 'years' };
        s.inputs.sales = { type: 'number', unit: 'yuan' };
        s.population = {
          values: [{ key: 'sales_rank', kind: 'rank', source: 'inputs.sales' }],
          distribution: { quotas: { A: { max: 0.2 } }, tieBreak: [{ source: 'inputs.tenure' }] },
        };
      }),
    ).toEqual([['info', 'unused_population_value', '/population/values/0', 'Population value "sales_rank" is not used by any rule.']]);
  });

  it('claims nothing unused once a rule computes a path', () => {
    expect(
      check((s) => {
        s.inputs.spare = { type: 'integer', unit: 'count' };
        s.indicators[1].score = { '+': [{ var: 'inputs.k2' }, { var: { cat: ['inputs.', 'spare'] } }] };
      }).map((f) => f[1]),
    ).toEqual(['dynamic_var']);
  });
});
