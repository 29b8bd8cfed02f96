/**
 * C11 — 奥瑞金 KPI plan sheets: market director 30/25/15/10/10/10 and field technician 70/20/10.
 * Expressed as a weight matrix with one row per position. The sheets' footer combines a KPI
 * section and a special-task section with section weights the seed leaves blank (C11 notes);
 * the scheme models the indicator sheets only and leaves that split to the department.
 */
import { describe, expect, it } from 'vitest';
import c11 from '../../fixtures/cases/C11-kpi-plan-sheets-market-director-and-field-technician.json' with { type: 'json' };
import { analysisErrors, build, evaluateOne } from './helpers.ts';

const SHEETS = {
  market_director: { 市场规划准确性: 30, 销售额: 25, 市场占有率: 15, 销售费用: 10, 管理费用: 10, 客户满意度: 10 },
  field_technician: { 质量达标: 70, 按工作程序工作: 20, 日常工作: 10 },
};
const names = Object.values(SHEETS).flatMap((s) => Object.keys(s));

const { scheme } = build({
  key: 'c11-plan-sheets',
  title: '计划/考核表:市场总监、驻点技术员',
  period: 'half-year',
  inputs: Object.fromEntries(names.map((n) => [n, { type: 'number', title: `${n} 得分`, unit: '分', minimum: 0, maximum: 100 }])),
  indicators: names.map((n) => ({ key: n, title: n, unit: '分', polarity: 'higher-better', score: { var: `inputs.${n}` }, ...(n === '质量达标' ? { provider: '品管部' } : {}) })),
  weights: {
    default: { indicators: {} },
    positions: { market_director: { title: '市场总监', indicators: SHEETS.market_director }, field_technician: { title: '驻点技术员', indicators: SHEETS.field_technician } },
  },
  grading: { grades: [{ key: 'n/a' }], bands: [{ grade: 'n/a' }] },
  rounding: { totalDecimals: 2 },
});

describe('C11 KPI plan sheets', () => {
  it('each sheet sums to 100 as the case says, and analysis finds no errors', () => {
    const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
    expect(sum(SHEETS.market_director)).toBe(c11.employees[0].expected.market_director_sum);
    expect(sum(SHEETS.field_technician)).toBe(c11.employees[0].expected.field_technician_sum);
    expect(analysisErrors(scheme)).toEqual([]);
  });

  it('the case’s weights appear in its rule text in this order', () => {
    const text = (key: string) => c11.indicators.find((i) => i.key === key)!.rule;
    expect(text('market_director')).toBe(Object.entries(SHEETS.market_director).map(([n, w]) => `${n} ${w}`).join(', '));
    expect(text('field_technician')).toContain('质量达标(品管部数据) 70, 按工作程序工作 20, 日常工作 10');
  });

  it('market director: 30% × 90 + 25% × 100 + 15% × 80 + 10% × 100 + 10% × 100 + 10% × 70 = 91', () => {
    const r = evaluateOne(scheme, { id: 'MD', position: 'market_director', inputs: { 市场规划准确性: 90, 销售额: 100, 市场占有率: 80, 销售费用: 100, 管理费用: 100, 客户满意度: 70 } });
    expect(r.total).toBe(91);
  });

  it('field technician: 70% × 95 + 20% × 100 + 10% × 80 = 66.5 + 20 + 8 = 94.5', () => {
    const r = evaluateOne(scheme, { id: 'FT', position: 'field_technician', inputs: { 质量达标: 95, 按工作程序工作: 100, 日常工作: 80 } });
    expect(r.total).toBe(94.5);
  });
});
