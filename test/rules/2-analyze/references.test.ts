import { describe, expect, it } from 'vitest';
import { analyzeScheme } from '../../../rules/2-analyze/index.ts';
import type { Scheme } from '../../../schemas/generated/scheme.ts';
import { cleanScheme, codes } from './builders.ts';

/** Findings of a clean scheme whose indicator k2 gets `rule` (k2's own input then counts as unused, so it stays read). */
function scoreK2(rule: unknown, edit: (s: Scheme) => void = () => {}) {
  const s = cleanScheme();
  s.indicators[1].score = { '+': [{ var: 'inputs.k2' }, rule] };
  edit(s);
  return analyzeScheme(s).map((f) => [f.severity, f.code, f.pointer, f.message]);
}

describe('var references', () => {
  it('accepts declared inputs, params, indicators, population values and any employee field', () => {
    const edit = (s: Scheme) => {
      s.population = { values: [{ key: 'rank', kind: 'rank', source: 'inputs.k3' }] };
    };
    expect(scoreK2([{ var: 'params.target' }, { var: 'indicators.k1' }, { var: 'population.rank' }, { var: 'employee.level' }, { var: 'employee.team.name' }], edit)).toEqual([]);
  });

  it.each([
    ['inputs.nope', 'which is not a declared input'],
    ['params.nope', 'which is not a declared parameter'],
    ['indicators.nope', 'which is not an indicator'],
    ['population.nope', 'which is not a declared population value'],
    ['inputs', 'which is the whole inputs namespace; name one entry'],
    ['salary', 'which is not in any namespace (inputs, params, indicators, population, employee)'],
    ['', 'which is the whole data; name one value, such as inputs.<key>'],
    ['total', 'but total exists only in adjustment and grading rules'],
    ['dimensions.result', 'but dimension subtotals exist only in adjustment and grading rules'],
  ])('reports %j in a score rule', (path, why) => {
    expect(scoreK2({ var: path })).toEqual([['error', 'unknown_reference', '/indicators/1/score/+/1', `Indicator "k2" score rule reads "${path}", ${why}.`]]);
  });

  it('reports an indicator reading its own score', () => {
    expect(scoreK2({ var: 'indicators.k2' })).toEqual([['error', 'self_reference', '/indicators/1/score/+/1', 'Indicator "k2" reads its own score (indicators.k2).']]);
  });

  it('checks entries of table parameters', () => {
    const edit = (s: Scheme) => {
      s.params!.coefficients = { type: 'table', value: { A: 1.2, B: 1 } };
      s.params!.blank_table = { type: 'table' };
    };
    expect(scoreK2([{ var: 'params.coefficients.A' }, { var: 'params.blank_table.x' }], edit)).toEqual([
      ['error', 'param_unfilled', '/params/blank_table', 'Parameter "blank_table" has no value; fill it before publishing.'],
    ]);
    expect(scoreK2({ var: 'params.coefficients.C' }, edit).filter((f) => f[1] === 'unknown_reference')).toEqual([
      ['error', 'unknown_reference', '/indicators/1/score/+/1', 'Indicator "k2" score rule reads "params.coefficients.C", which is not an entry of table parameter "coefficients".'],
    ]);
    expect(scoreK2({ var: 'params.target.x' })).toEqual([
      ['error', 'unknown_reference', '/indicators/1/score/+/1', 'Indicator "k2" score rule reads "params.target.x", but parameter "target" is a single value, not a table.'],
    ]);
  });

  it('lets adjustment and grading rules read the outcome and dimension subtotals', () => {
    const s = cleanScheme();
    s.dimensions = [{ key: 'all', title: 'All', weight: 100 }];
    s.indicators.forEach((i) => (i.dimension = 'all'));
    s.adjustments = [
      { key: 'cap', kind: 'deduction', when: { and: [{ '>': [{ var: 'total' }, 100] }, { '<': [{ var: 'baseTotal' }, 100] }] }, points: { var: 'dimensions.all' } },
      { key: 'bump', kind: 'grade-bump', steps: 1, when: { '==': [{ var: 'grade' }, 'B'] } },
    ];
    delete s.grading.bands;
    s.grading.rule = { if: [{ '>=': [{ var: 'dimensions.other' }, 90] }, 'A', 'C'] };
    expect(analyzeScheme(s).map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['unknown_reference', '/grading/rule/if/0/>=/0', 'The grading rule reads "dimensions.other", which is not a declared dimension.'],
    ]);
  });

  it('does not check reads inside map/filter/reduce/all/some/none callbacks', () => {
    const edit = (s: Scheme) => {
      s.inputs.tickets = { type: 'text' };
    };
    const rule = {
      '+': [
        { reduce: [{ var: 'inputs.tickets' }, { '+': [{ var: 'current' }, { var: 'accumulator' }] }, 0] },
        { all: [{ var: 'inputs.tickets' }, { '>': [{ var: 'minutes' }, 0] }] },
        { map: [{ var: 'inputs.tickets' }, { var: 'minutes' }] },
      ],
    };
    expect(scoreK2(rule, edit)).toEqual([]);
    // The list itself (argument 0) is read from the scheme's data, so it is checked.
    expect(scoreK2({ map: [{ var: 'inputs.ghost' }, { var: '' }] }).map((f) => [f[1], f[2]])).toEqual([['unknown_reference', '/indicators/1/score/+/1/map/0']]);
  });

  it('checks keys named by missing and missing_some', () => {
    expect(scoreK2({ if: [{ missing: ['inputs.k1', 'inputs.gone'] }, 0, { missing_some: [1, ['inputs.k3', 'inputs.lost']] }] }).map((f) => f[2])).toEqual([
      '/indicators/1/score/+/1/if/0/missing/1',
      '/indicators/1/score/+/1/if/2/missing_some/1/1',
    ]);
  });

  it('warns about computed paths and stops claiming unused inputs', () => {
    expect(scoreK2({ var: { cat: ['inputs.', 'k3'] } })).toEqual([
      ['warning', 'dynamic_var', '/indicators/1/score/+/1', 'Indicator "k2" score rule reads a variable whose name is computed at run time; analysis cannot check it.'],
    ]);
  });
});

describe('operators and limits (checkLogic)', () => {
  it('reports unknown operators with the pointer prefixed by the rule location', () => {
    const s = cleanScheme();
    s.indicators[3].score = { if: [{ method: ['abc', 'toUpperCase'] }, { var: 'inputs.k4' }, 0] };
    expect(analyzeScheme(s)).toEqual([
      {
        severity: 'error',
        code: 'unknown_operator',
        pointer: '/indicators/3/score/if/0',
        path: 'indicators[3].score.if[0]',
        message: 'Indicator "k4" score rule: Unknown operator "method" at /if/0; allowed operators are listed in the operator reference.',
        args: { owner: 'Indicator "k4" score rule', message: 'Unknown operator "method" at /if/0; allowed operators are listed in the operator reference.' },
      },
    ]);
  });

  it('reports wrong arity and forbidden paths', () => {
    expect(scoreK2({ round: [] }).map((f) => [f[1], f[2]])).toEqual([['bad_arity', '/indicators/1/score/+/1']]);
    expect(scoreK2({ var: 'inputs.__proto__' }).map((f) => f[1])).toEqual(['forbidden_path', 'unknown_reference']);
  });

  it('applies the limits given in the options', () => {
    const s = cleanScheme();
    s.indicators[1].score = { '+': [1, { '+': [2, { '+': [3, { var: 'inputs.k2' }] }] }] };
    expect(analyzeScheme(s)).toEqual([]);
    expect(codes(analyzeScheme(s, { limits: { maxDepth: 3 } }))).toContain('too_deep');
  });
});
