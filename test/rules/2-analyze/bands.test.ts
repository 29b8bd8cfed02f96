import { describe, expect, it } from 'vitest';
import { coverage, describeStretch, type Interval } from '../../../rules/2-analyze/band-coverage.ts';
import { analyzeScheme } from '../../../rules/2-analyze/index.ts';
import type { Band } from '../../../schemas/generated/scheme.ts';
import { cleanScheme, codes, messages } from './builders.ts';

function withBands(...bands: Band[]) {
  const s = cleanScheme();
  s.grading.bands = bands;
  return analyzeScheme(s);
}

const band = (min: number | null, max: number | null, includeMin = true, includeMax = false): Interval => ({ min, max, includeMin, includeMax });

describe('band coverage', () => {
  it('finds nothing wrong with [-∞, 60) [60, 90) [90, ∞)', () => {
    expect(coverage([band(null, 60), band(60, 90), band(90, null)])).toEqual({ gaps: [], overlaps: [], empty: [] });
  });

  it('finds point gaps and point overlaps exactly at the edges', () => {
    const result = coverage([band(null, 50), band(50, 60, false), band(60, null)]);
    expect(result.gaps).toEqual([{ from: { value: 50, included: true }, to: { value: 50, included: true } }]);
    const overlap = coverage([band(null, 50, true, true), band(50, null)]);
    expect(overlap.overlaps).toEqual([{ bands: [0, 1], stretch: { from: { value: 50, included: true }, to: { value: 50, included: true } } }]);
  });

  it('reports unbounded gaps and empty bands', () => {
    const result = coverage([band(60, 90), band(95, 90), band(70, 70, true, true), band(80, 80)]);
    expect(result.empty).toEqual([1, 3]);
    expect(result.gaps).toEqual([{ to: { value: 60, included: false } }, { from: { value: 90, included: true } }]);
  });

  it('reports a table with no bands as one gap over everything', () => {
    expect(coverage([])).toEqual({ gaps: [{}], overlaps: [], empty: [] });
  });

  it.each([
    [{ from: { value: 50, included: false }, to: { value: 60, included: false } }, 'from 50 (excluded) to 60 (excluded)', 'from 50 (excluded) to 60 (excluded)'],
    [{ from: { value: 50, included: true }, to: { value: 50, included: true } }, 'of exactly 50', 'at 50'],
    [{ to: { value: 60, included: false } }, 'below 60', 'below 60'],
    [{ to: { value: 60, included: true } }, 'up to 60 (included)', 'up to 60 (included)'],
    [{ from: { value: 100, included: false } }, 'above 100', 'above 100'],
    [{ from: { value: 100, included: true } }, 'from 100 (included) upward', 'from 100 (included) upward'],
    [{}, 'at all', 'everywhere'],
  ])('words %j', (stretch, gap, overlap) => {
    expect(describeStretch(stretch, 'gap').text).toBe(gap);
    expect(describeStretch(stretch, 'overlap').text).toBe(overlap);
  });
});

describe('grading bands', () => {
  it('reports a gap with its exact edges', () => {
    expect(withBands({ grade: 'A', min: 60 }, { grade: 'C', max: 50, includeMax: true })).toEqual([
      { severity: 'error', code: 'band_gap', pointer: '/grading/bands', path: 'grading.bands', message: 'No band covers totals from 50 (excluded) to 60 (excluded).', args: { what: 'totals', noun: 'band', range: 'from 50 (excluded) to 60 (excluded)' } },
    ]);
  });

  it('reports gaps at the ends', () => {
    expect(messages(withBands({ grade: 'A', min: 60, max: 100, includeMax: true }), 'band_gap')).toEqual(['No band covers totals below 60.', 'No band covers totals above 100.']);
  });

  it('reports an overlap over a stretch, pointing at the later band', () => {
    const [f] = withBands({ grade: 'A', min: 90 }, { grade: 'B', min: 80, max: 95 }, { grade: 'C', max: 80 });
    expect(f).toMatchObject({ code: 'band_overlap', pointer: '/grading/bands/1', message: 'Bands "A" and "B" overlap from 90 (included) to 95 (excluded).' });
  });

  it('names three bands overlapping at one value', () => {
    const found = withBands({ grade: 'A', min: 90 }, { grade: 'B', min: 60, max: 90, includeMax: true }, { grade: 'C', max: 90, includeMax: true, min: 90 }, { grade: 'C', max: 60 });
    expect(messages(found, 'band_overlap')).toEqual(['Bands "A", "B" and "C" (#3) overlap at 90: all include it.']);
  });

  it('reports a band whose min is not below its max, but accepts a single-value band', () => {
    const found = withBands({ grade: 'A', min: 90 }, { grade: 'B', min: 90, max: 60 }, { grade: 'C', max: 90 });
    expect(found.map((f) => [f.code, f.pointer, f.message])).toEqual([['band_inverted', '/grading/bands/1', 'Band "B" has min 90 and max 60: it covers nothing.']]);
    expect(withBands({ grade: 'A', min: 90, includeMin: false }, { grade: 'B', min: 90, max: 90, includeMax: true }, { grade: 'C', max: 90 })).toEqual([]);
  });

  it('reports bands, vetoes and set-grade adjustments using undeclared grades', () => {
    const s = cleanScheme();
    s.grading.bands![2].grade = 'E';
    s.adjustments = [
      { key: 'veto', kind: 'veto', grade: 'F', when: { '>': [{ var: 'inputs.k1' }, 99] } },
      { key: 'promote', kind: 'set-grade', grade: 'A', when: { '>': [{ var: 'inputs.k2' }, 99] } },
    ];
    expect(analyzeScheme(s).map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['undeclared_grade', '/adjustments/0/grade', 'Adjustment "veto" forces grade "F", which is not declared in grading.grades.'],
      ['undeclared_grade', '/grading/bands/2/grade', 'Band 3 uses grade "E", which is not declared in grading.grades.'],
    ]);
  });

  it('does not check bands when grading uses a rule', () => {
    const s = cleanScheme();
    delete s.grading.bands;
    s.grading.rule = { if: [{ '>=': [{ var: 'total' }, 60] }, 'A', 'C'] };
    expect(analyzeScheme(s)).toEqual([]);
  });
});

describe('band tables inside rules', () => {
  const rows = [
    { min: 90, value: 100 },
    { min: 60, max: 90, value: 60 },
    { max: 50, value: 0 },
  ];

  function scoreWith(rule: unknown) {
    const s = cleanScheme();
    s.indicators[1].score = rule as object;
    return analyzeScheme(s);
  }

  it('reports a gap as an error without a fallback, with the pointer of the rows', () => {
    expect(scoreWith({ band: [{ var: 'inputs.k2' }, rows] })).toEqual([
      {
        severity: 'error',
        code: 'band_gap',
        pointer: '/indicators/1/score/band/1',
        path: 'indicators[1].score.band[1]',
        message: 'Indicator "k2" score rule: no band row covers values from 50 (included) to 60 (excluded).',
        args: { where: 'Indicator "k2" score rule', what: 'values', noun: 'band row', range: 'from 50 (included) to 60 (excluded)' },
      },
    ]);
  });

  it('reports a gap as a warning when the band has a fallback, but not for a null fallback', () => {
    expect(scoreWith({ band: [{ var: 'inputs.k2' }, rows, 40] }).map((f) => [f.severity, f.code, f.message])).toEqual([
      ['warning', 'band_gap_fallback', 'Indicator "k2" score rule: no band row covers values from 50 (included) to 60 (excluded); they get the fallback.'],
    ]);
    expect(codes(scoreWith({ band: [{ var: 'inputs.k2' }, rows, null] }))).toEqual(['band_gap']);
  });

  it('reports overlapping rows by number and value', () => {
    const found = scoreWith({ band: [{ var: 'inputs.k2' }, [{ min: 80, value: 100 }, { min: 60, max: 80, includeMax: true, value: 60 }, { max: 60, value: 0 }]] });
    expect(found.map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['band_overlap', '/indicators/1/score/band/1/1', 'Indicator "k2" score rule: band rows 1 (→ 100) and 2 (→ 60) overlap at 80: both include it.'],
    ]);
  });

  it('finds band tables nested anywhere in a rule, in adjustments too', () => {
    const s = cleanScheme();
    s.indicators[1].score = { '*': [0.5, { band: [{ var: 'inputs.k2' }, rows] }] };
    s.adjustments = [{ key: 'bonus', kind: 'bonus', points: { band: [{ var: 'total' }, [{ min: 95, value: 5 }, { max: 90, value: 0 }]] } }];
    expect(analyzeScheme(s).map((f) => [f.pointer, f.message])).toEqual([
      ['/adjustments/0/points/band/1', 'Adjustment "bonus" points rule: no band row covers values from 90 (included) to 95 (excluded).'],
      ['/indicators/1/score/*/1/band/1', 'Indicator "k2" score rule: no band row covers values from 50 (included) to 60 (excluded).'],
    ]);
  });

  it('reports unusable rows and leaves them out of the coverage', () => {
    const found = scoreWith({
      band: [
        { var: 'inputs.k2' },
        [
          { min: 60, value: 100 },
          { min: 0, max: 60, includeMin: 'yes', value: 50 },
          { max: 60, other: 1 },
          { min: null, max: 60, value: 0 },
          { min: '10', max: 20, value: 1 },
          { value: 1, note: 'open' },
          [0, 10, 5],
        ],
      ],
    });
    expect(found.map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['band_row_invalid', '/indicators/1/score/band/1/1', 'Indicator "k2" score rule: band row 2 has an "includeMin" that is not true or false.'],
      ['band_row_invalid', '/indicators/1/score/band/1/2', 'Indicator "k2" score rule: band row 3 has no "value".'],
      ['band_row_invalid', '/indicators/1/score/band/1/4', 'Indicator "k2" score rule: band row 5 has a "min" that is not a number.'],
      ['band_row_invalid', '/indicators/1/score/band/1/5', 'Indicator "k2" score rule: band row 6 has neither "min" nor "max" (write "min": null for an open row).'],
      ['band_row_invalid', '/indicators/1/score/band/1/6', 'Indicator "k2" score rule: band row 7 is not an object.'],
    ]);
  });

  it('checks a bands parameter read with a static var, once however many rules read it', () => {
    const s = cleanScheme();
    s.params!.five_level = { type: 'bands', value: rows };
    s.indicators[1].score = { band: [{ var: 'inputs.k2' }, { var: 'params.five_level' }] };
    s.indicators[2].score = { band: [{ var: 'inputs.k3' }, { var: 'params.five_level' }] };
    expect(analyzeScheme(s).map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['band_gap', '/params/five_level/value', 'Parameter "five_level": no band row covers values from 50 (included) to 60 (excluded).'],
    ]);
  });

  it('leaves computed row tables alone', () => {
    expect(scoreWith({ band: [{ var: 'inputs.k2' }, { if: [true, rows, []] }] })).toEqual([]);
  });
});

describe('very large band tables', () => {
  it('notes a table above the coverage limit instead of checking it', () => {
    const s = cleanScheme();
    const rows = Array.from({ length: 2500 }, (_, i) => ({ min: i, max: i + 1, value: i }));
    s.params!.huge = { type: 'bands', value: rows };
    s.indicators[1].score = { band: [{ var: 'inputs.k2' }, { var: 'params.huge' }, 0] };
    expect(analyzeScheme(s).map((f) => [f.severity, f.code, f.pointer, f.message])).toEqual([
      ['info', 'band_table_unchecked', '/params/huge/value', 'Parameter "huge": the band table has 2500 rows; gaps and overlaps are checked for tables of up to 2000 rows.'],
    ]);
  });
});
