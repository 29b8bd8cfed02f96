/**
 * The inconsistencies of the source documents (domain.md §19) that analysis must catch,
 * built from the golden case files so the tests follow the data, not a copy of it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeScheme } from '../../../rules/2-analyze/index.ts';
import { parseScheme } from '../../../rules/1-parse/parse.ts';
import type { Scheme } from '../../../schemas/generated/scheme.ts';

interface WeightCase {
  employees: { id: string; inputs: { weights_pct: Record<string, number> }; expected: { sum_of_listed_weights_pct: number; validation: string } }[];
}

const C08 = JSON.parse(readFileSync(new URL('../../fixtures/cases/C08-kpi-library-per-position-weight-matrix.json', import.meta.url), 'utf8')) as WeightCase;

/** Scheme keys allow letters, digits, marks, _ and -; the library's names also hold 、 / and such. */
const toKey = (name: string) => name.replace(/[^\p{L}\p{N}\p{M}_-]/gu, '_');

/** C08 as a scheme: the department sheet is the default row, each position sheet a row of the matrix. */
function c08Scheme(): Scheme {
  const [department, ...positions] = C08.employees;
  const names = [...new Set(C08.employees.flatMap((e) => Object.keys(e.inputs.weights_pct)))];
  const row = (weights: Record<string, number>) => ({ indicators: Object.fromEntries(Object.entries(weights).map(([name, w]) => [toKey(name), w])) });
  return parseScheme({
    key: 'c08-kpi-library',
    title: '最全KPI指标库合集 — 人力资源与公共事务部',
    period: 'month',
    inputs: Object.fromEntries(names.map((n) => [toKey(n), { type: 'number', minimum: 0, maximum: 100, unit: 'points' }])),
    // The library's five-level standard: 优秀 100 / 良好 80 / 尚可 60 / 一般 40 / 差 0, already scored.
    indicators: names.map((n) => ({ key: toKey(n), title: n, unit: 'points', polarity: 'higher-better', score: { var: `inputs.${toKey(n)}` } })),
    weights: {
      default: row(department.inputs.weights_pct),
      // Position ids read "3.24 车辆环卫主管"; the row key is the position name.
      positions: Object.fromEntries(positions.map((p) => [toKey(p.id.replace(/^[\d.]+\s*/, '')), row(p.inputs.weights_pct)])),
    },
    grading: { grades: [{ key: 'A' }, { key: 'B' }], bands: [{ grade: 'A', min: 60 }, { grade: 'B', max: 60 }] },
  });
}

describe('C08: per-position weight matrix (SEED INCONSISTENCY: 车辆环卫主管 80, 驾驶员 90)', () => {
  const findings = analyzeScheme(c08Scheme());

  it('flags exactly the two positions whose weights do not sum to 100', () => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([
      {
        severity: 'error',
        code: 'weights_not_100',
        pointer: '/weights/positions/车辆环卫主管/indicators',
        path: 'weights.positions.车辆环卫主管.indicators',
        message: 'Weights for position "车辆环卫主管" sum to 80, not 100.',
        args: { position: '车辆环卫主管', sum: 80 },
      },
      {
        severity: 'error',
        code: 'weights_not_100',
        pointer: '/weights/positions/驾驶员/indicators',
        path: 'weights.positions.驾驶员.indicators',
        message: 'Weights for position "驾驶员" sum to 90, not 100.',
        args: { position: '驾驶员', sum: 90 },
      },
    ]);
  });

  it('agrees with every row of the case file', () => {
    for (const p of C08.employees.slice(1)) {
      const name = toKey(p.id.replace(/^[\d.]+\s*/, ''));
      const flagged = findings.find((f) => f.code === 'weights_not_100' && f.pointer === `/weights/positions/${name}/indicators`);
      if (p.expected.validation === 'PASS') expect(flagged, name).toBeUndefined();
      else expect(flagged?.message, name).toBe(`Weights for position "${name}" sum to ${p.expected.sum_of_listed_weights_pct}, not 100.`);
    }
  });

  it('gives KPI-count advice to the posts with only four KPIs', () => {
    expect(findings.filter((f) => f.code === 'kpi_count_advice').map((f) => f.message)).toEqual([
      'Position "办公楼服务员" has 4 KPIs; 5–8 per post are advised.',
      'Position "总机话务员" has 4 KPIs; 5–8 per post are advised.',
    ]);
  });
});

describe('C04: achievement % → A/B/C/D (SEED BAND OVERLAP: 95% and 90% printed in two bands)', () => {
  // As printed: A 超出目标 >100 (不含100%); B 95%–100% (含); C 90%–95% (含); D 90%以下 (含).
  const asPrinted: Scheme['grading'] = {
    grades: [{ key: 'A' }, { key: 'B' }, { key: 'C' }, { key: 'D' }],
    bands: [
      { grade: 'A', min: 100, includeMin: false },
      { grade: 'B', min: 95, max: 100, includeMin: true, includeMax: true },
      { grade: 'C', min: 90, max: 95, includeMin: true, includeMax: true },
      { grade: 'D', max: 90, includeMax: true },
    ],
  };

  function c04(grading: Scheme['grading']): Scheme {
    return parseScheme({
      key: 'c04',
      title: '考核评分等级定义表',
      period: 'year',
      inputs: { achievement_pct: { type: 'number', minimum: 0, unit: '%' } },
      indicators: [{ key: 'achievement', title: '实际完成值/目标值', unit: '%', polarity: 'higher-better', score: { var: 'inputs.achievement_pct' } }],
      weights: { default: { indicators: { achievement: 100 } } },
      grading,
    });
  }

  it('flags both printed edges as overlaps', () => {
    const found = analyzeScheme(c04(asPrinted), { ignore: ['kpi_count_advice'] });
    expect(found.map((f) => [f.code, f.pointer, f.message])).toEqual([
      ['band_overlap', '/grading/bands/2', 'Bands "B" and "C" overlap at 95: both include it.'],
      ['band_overlap', '/grading/bands/3', 'Bands "C" and "D" overlap at 90: both include it.'],
    ]);
  });

  it('passes once each printed edge belongs to one band (here the better one: 95 → B, 90 → C)', () => {
    const fixed = structuredClone(asPrinted);
    fixed.bands![2].includeMax = false;
    fixed.bands![3].includeMax = false;
    expect(analyzeScheme(c04(fixed), { ignore: ['kpi_count_advice'] })).toEqual([]);
  });
});

describe('C09: five-level tables (SEED: 高于50% then 低于50% leaves exactly 50% undefined)', () => {
  // 大型综合活动、会议筹办效果: 高于90% → 100, 高于80% → 80, 高于60% → 60, 高于50% → 40, 低于50% → 0.
  // "高于80%" is read as (80, 90]: the next band up starts above 90.
  const rows = [
    { min: 90, includeMin: false, value: 100 },
    { min: 80, max: 90, includeMin: false, includeMax: true, value: 80 },
    { min: 60, max: 80, includeMin: false, includeMax: true, value: 60 },
    { min: 50, max: 60, includeMin: false, includeMax: true, value: 40 },
    { max: 50, includeMax: false, value: 0 },
  ];

  function c09(score: unknown): Scheme {
    return parseScheme({
      key: 'c09',
      title: '岗位绩效考核评估标准',
      period: 'month',
      inputs: { satisfaction_pct: { type: 'number', minimum: 0, maximum: 100, unit: '%' } },
      indicators: [{ key: 'event_satisfaction', title: '大型综合活动、会议筹办效果', unit: '%', polarity: 'higher-better', score }],
      weights: { default: { indicators: { event_satisfaction: 100 } } },
      grading: { grades: [{ key: 'A' }, { key: 'B' }], bands: [{ grade: 'A', min: 60 }, { grade: 'B', max: 60 }] },
    });
  }

  it('flags the 50% gap as an error', () => {
    const found = analyzeScheme(c09({ band: [{ var: 'inputs.satisfaction_pct' }, rows] }), { ignore: ['kpi_count_advice'] });
    expect(found).toEqual([
      {
        severity: 'error',
        code: 'band_gap',
        pointer: '/indicators/0/score/band/1',
        path: 'indicators[0].score.band[1]',
        message: 'Indicator "event_satisfaction" score rule: no band row covers values of exactly 50.',
        args: { where: 'Indicator "event_satisfaction" score rule', what: 'values', noun: 'band row', range: 'of exactly 50' },
      },
    ]);
  });

  it('downgrades the gap to a warning when the table has a fallback', () => {
    const found = analyzeScheme(c09({ band: [{ var: 'inputs.satisfaction_pct' }, rows, 0] }), { ignore: ['kpi_count_advice'] });
    expect(found.map((f) => [f.severity, f.code, f.message])).toEqual([
      ['warning', 'band_gap_fallback', 'Indicator "event_satisfaction" score rule: no band row covers values of exactly 50; they get the fallback.'],
    ]);
  });

  it('passes once 50% belongs to the bottom band', () => {
    const fixed = rows.map((r, i) => (i === 4 ? { ...r, includeMax: true } : r));
    expect(analyzeScheme(c09({ band: [{ var: 'inputs.satisfaction_pct' }, fixed] }), { ignore: ['kpi_count_advice'] })).toEqual([]);
  });
});
