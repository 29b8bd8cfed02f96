import { describe, expect, it } from 'vitest';
import { analyzeScheme } from '../../../rules/2-analyze/index.ts';
import type { Scheme } from '../../../schemas/generated/scheme.ts';
import { cleanScheme, dimensionScheme } from './builders.ts';

function check(edit: (s: Scheme) => void, base = cleanScheme) {
  const s = base();
  edit(s);
  return analyzeScheme(s).map((f) => [f.severity, f.code, f.pointer, f.message]);
}

describe('duplicate keys', () => {
  it('reports a repeated indicator key at the second occurrence', () => {
    expect(check((s) => s.indicators.push({ ...s.indicators[1] })).filter((f) => f[1] === 'duplicate_key')).toEqual([
      ['error', 'duplicate_key', '/indicators/5/key', 'Indicator key "k2" is used more than once (indicators[1] and indicators[5]).'],
    ]);
  });

  it('covers dimensions, adjustments, population values, derived scores, grades and rater groups', () => {
    const found = check((s) => {
      s.dimensions!.push({ key: 'result', title: 'Again' });
      s.adjustments = [
        { key: 'bonus', kind: 'bonus', points: 1 },
        { key: 'bonus', kind: 'bonus', points: 2 },
      ];
      s.population = { values: [{ key: 'r', kind: 'rank', source: 'inputs.k1' }, { key: 'r', kind: 'mean', source: 'inputs.k1' }] };
      s.derivedScores = [{ key: 'd', dimensions: { result: 60, behaviour: 40 } }, { key: 'd', dimensions: { result: 60, behaviour: 40 } }];
      s.grading.grades.push({ key: 'A' });
      s.raters = { groups: [{ key: 'peer', weight: 50 }, { key: 'peer', weight: 50 }] };
      s.inputs.k1.multiRater = true;
    }, dimensionScheme).filter((f) => f[1] === 'duplicate_key');
    expect(found.map((f) => f[3])).toEqual([
      'Adjustment key "bonus" is used more than once (adjustments[0] and adjustments[1]).',
      'Derived score key "d" is used more than once (derivedScores[0] and derivedScores[1]).',
      'Dimension key "result" is used more than once (dimensions[0] and dimensions[2]).',
      'Grade key "A" is used more than once (grading.grades[0] and grading.grades[3]).',
      'Population value key "r" is used more than once (population.values[0] and population.values[1]).',
      'Rater group key "peer" is used more than once (raters.groups[0] and raters.groups[1]).',
    ]);
  });
});

describe('raters', () => {
  it('accepts group weights summing to 100 with a multi-rater input', () => {
    expect(check((s) => {
      s.inputs.k1.multiRater = true;
      s.raters = { groups: [{ key: 'supervisor', weight: 50 }, { key: 'peer', weight: 30 }, { key: 'self', weight: 20 }] };
    })).toEqual([]);
  });

  it('reports group weights not summing to 100', () => {
    expect(check((s) => {
      s.inputs.k1.multiRater = true;
      s.raters = { groups: [{ key: 'supervisor', weight: 50 }, { key: 'peer', weight: 40 }] };
    })).toEqual([['error', 'rater_weights_not_100', '/raters/groups', 'Rater group weights sum to 90, not 100.']]);
  });

  it('reports a multi-rater input without a raters section, and rater groups without multi-rater inputs', () => {
    expect(check((s) => (s.inputs.k1.multiRater = true))).toEqual([
      ['error', 'raters_missing', '/inputs/k1/multiRater', 'Input "k1" is collected from several raters, but the scheme has no raters section.'],
    ]);
    expect(check((s) => (s.raters = { groups: [{ key: 'all', weight: 100 }] }))).toEqual([['info', 'raters_unused', '/raters', 'The scheme defines rater groups, but no input is multi-rater.']]);
  });
});

describe('population values', () => {
  it('reports fields a kind needs', () => {
    const found = check((s) => {
      s.population = {
        values: [
          { key: 'lin', kind: 'rank-linear', source: 'inputs.k1', best: 100 },
          { key: 'top', kind: 'top-share-min', source: 'inputs.k1' },
          { key: 'p90', kind: 'percentile', source: 'inputs.k1' },
          { key: 'ok', kind: 'rank-linear', source: 'inputs.k1', best: 100, worst: 60 },
        ],
      };
      s.indicators[0].score = { '+': [{ var: 'inputs.k1' }, { var: 'population.lin' }, { var: 'population.top' }, { var: 'population.p90' }, { var: 'population.ok' }, { var: 'params.target' }] };
    });
    expect(found).toEqual([
      ['error', 'population_missing_field', '/population/values/0', 'Population value "lin" (rank-linear) needs "worst".'],
      ['error', 'population_missing_field', '/population/values/1', 'Population value "top" (top-share-min) needs "share".'],
      ['error', 'population_missing_field', '/population/values/2', 'Population value "p90" (percentile) needs "percentile".'],
    ]);
    expect(check((s) => (s.population = { values: [{ key: 'lin', kind: 'rank-linear', source: 'inputs.k1' }] }))[0][3]).toBe(
      'Population value "lin" (rank-linear) needs "best" and "worst".',
    );
  });

  it('reports sources and tie-breaks that name nothing declared', () => {
    const found = check((s) => {
      s.population = {
        values: [
          { key: 'a', kind: 'mean', source: 'inputs.gone' },
          { key: 'b', kind: 'mean', source: 'indicators.gone' },
        ],
        distribution: { quotas: { A: { max: 0.2 } }, tieBreak: [{ source: 'indicators.k1' }, { source: 'inputs.lost' }] },
      };
    }).filter((f) => f[1] === 'unknown_reference');
    expect(found).toEqual([
      ['error', 'unknown_reference', '/population/distribution/tieBreak/1/source', 'A tie-break reads "inputs.lost", which is not a declared input.'],
      ['error', 'unknown_reference', '/population/values/0/source', 'Population value "a" reads "inputs.gone", which is not a declared input.'],
      ['error', 'unknown_reference', '/population/values/1/source', 'Population value "b" reads "indicators.gone", which is not an indicator.'],
    ]);
  });
});
