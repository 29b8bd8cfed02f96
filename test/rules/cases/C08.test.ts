/**
 * C08 — KPI library, per-position weight matrix (最全KPI指标库合集, 第一章, 三、岗位绩效考核指标).
 * Expressed as a weight matrix built from the case file itself: every indicator named in any row
 * becomes one indicator (shared across positions), the department sheet is the default row and
 * each position sheet is a position row with its seed weights exactly as printed. Analysis must
 * then pass every row the case marks PASS and flag exactly the two rows it marks FAIL.
 * SEED INCONSISTENCY (C08 notes): 3.24 车辆环卫主管 sums to 80 and 3.25 驾驶员 to 90, both declared 合计 100.
 * (The template kpi-library-hr-admin completes those two rows; see its test.)
 */
import { describe, expect, it } from 'vitest';
import c08json from '../../fixtures/cases/C08-kpi-library-per-position-weight-matrix.json' with { type: 'json' };
import { analyzeScheme } from '../../../rules/index.ts';
import { build, goldenCase } from './helpers.ts';

const c08 = goldenCase(c08json);

const keyOf = (name: string) => name.replace(/[^\p{L}\p{N}_-]+/gu, '_');
const rows = c08.employees.map((row) => ({
  id: row.id,
  position: row.id.startsWith('人力资源与公共事务部') ? undefined : row.id.split(' ')[1],
  weights: row.inputs.weights_pct as Record<string, number>,
  expected: row.expected as { sum_of_listed_weights_pct: number; validation: string },
}));
const names = [...new Set(rows.flatMap((r) => Object.keys(r.weights)))];
const weightSet = (weights: Record<string, number>) => ({ indicators: Object.fromEntries(Object.entries(weights).map(([n, w]) => [keyOf(n), w])) });

const { scheme } = build({
  key: 'c08-weight-matrix',
  title: '人力资源与公共事务部 岗位绩效考核指标(权重矩阵)',
  period: 'quarter',
  inputs: {},
  indicators: names.map((name) => ({ key: keyOf(name), title: name, unit: '分', polarity: 'higher-better', score: 100 })),
  weights: {
    default: weightSet(rows.find((r) => r.position === undefined)!.weights),
    positions: Object.fromEntries(rows.filter((r) => r.position !== undefined).map((r) => [r.position!, weightSet(r.weights)])),
  },
  grading: { grades: [{ key: 'n/a' }], bands: [{ grade: 'n/a' }] },
});
const findings = analyzeScheme(scheme);
const weightErrors = findings.filter((f) => f.code === 'weights_not_100');

describe('C08 per-position weight matrix', () => {
  it('shares one indicator across positions (e.g. 下属员工管理成效 in 9 rows: 3.01, 3.02, 3.07, 3.09, 3.12, 3.16, 3.19, 3.21, 3.27)', () => {
    expect(names.length).toBeLessThan(rows.reduce((a, r) => a + Object.keys(r.weights).length, 0));
    expect(rows.filter((r) => Object.hasOwn(r.weights, '下属员工管理成效'))).toHaveLength(9);
  });

  it.each(rows.map((r) => [r.id, r] as const))('%s: listed weights sum as the case says; analysis agrees with its validation', (_, row) => {
    const sum = Object.values(row.weights).reduce((a, b) => a + b, 0);
    expect(sum).toBe(row.expected.sum_of_listed_weights_pct);
    const path = row.position === undefined ? 'weights.default.indicators' : `weights.positions.${row.position}.indicators`;
    const errors = weightErrors.filter((f) => f.path === path);
    if (row.expected.validation === 'PASS') expect(errors).toEqual([]);
    else {
      expect(row.expected.validation).toMatch(/^FAIL/);
      expect(errors).toHaveLength(1);
      expect(errors[0].severity).toBe('error');
      expect(errors[0].message).toBe(`Weights for position "${row.position}" sum to ${sum}, not 100.`);
    }
  });

  it('the only errors are the two short rows (80 and 90)', () => {
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([
      'Weights for position "车辆环卫主管" sum to 80, not 100.',
      'Weights for position "驾驶员" sum to 90, not 100.',
    ]);
  });
});
