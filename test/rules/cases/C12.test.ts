/**
 * C12 — profit-bonus pool, progressive (超额累进) by ROE: each percentage point of ROE above 10%
 * adds 5% of the payroll in the 10–20% band, 1.67% in the 20–50% band and 1% above 50%.
 *
 * Rate used for the middle band: exactly 5/3% (the rule computes 5 × points / 3), so the pool is
 * 100% of payroll at ROE 50% as the seed's range table prints. With the printed 1.67% it would be
 * 100.1% (SEED: 30 × 1.67% = 50.1%, C12 notes); a variant scheme with 1.67 shows that.
 *
 * Individual share = own base-salary total × grade coefficient ÷ Σ(everyone's) × pool, with
 * S 130% / A 115% / B 100% / C 50% / D 0. Population values supply the sums (as means: the head
 * count cancels) so every employee's share comes out of one population evaluation.
 */
import { describe, expect, it } from 'vitest';
import c12json from '../../fixtures/cases/C12-profit-bonus-pool-progressive-by-ROE.json' with { type: 'json' };
import { analysisErrors, build, byId, evaluateAll, evaluateOne, goldenCase, score } from './helpers.ts';

const c12 = goldenCase(c12json);
const roeOf = (e: (typeof c12.employees)[number]) => e.inputs.ROE_pct as number;

const roe = { var: 'inputs.roe' };
const above = (from: number, width?: number) => {
  const over = { max: [0, { '-': [roe, from] }] };
  return width === undefined ? over : { min: [over, width] };
};
const middle = (rate: 'fraction' | 'printed') => (rate === 'fraction' ? { '/': [{ '*': [5, above(20, 30)] }, 3] } : { '*': [1.67, above(20, 30)] });

const doc = (rate: 'fraction' | 'printed') => ({
  key: 'c12-profit-bonus-pool',
  title: '效益奖金提取与分配',
  period: 'year',
  inputs: {
    roe: { type: 'number', title: '净资产收益率 ROE', unit: '%', provider: '财务部' },
    base_salary_total: { type: 'number', title: '本人年度岗位工资总额', unit: '元', minimum: 0, provider: '人力资源部' },
    grade: { type: 'enum', title: '年度考核等级', options: ['S', 'A', 'B', 'C', 'D'].map((value) => ({ value })) },
  },
  params: { coefficient: { title: '等级系数', type: 'table', value: { S: 1.3, A: 1.15, B: 1, C: 0.5, D: 0 } } },
  indicators: [
    {
      key: 'pool_ratio',
      title: '效益奖金占岗位工资总额比例',
      unit: '%',
      polarity: 'higher-better',
      score: { '+': [{ '*': [5, above(10, 10)] }, middle(rate), { '*': [1, above(50)] }] },
    },
    { key: 'weighted_base', title: '岗位工资总额 × 等级系数', unit: '元', polarity: 'higher-better', score: { '*': [{ var: 'inputs.base_salary_total' }, { lookup: [{ var: 'params.coefficient' }, { var: 'inputs.grade' }] }] } },
    {
      key: 'bonus',
      title: '个人效益奖金',
      unit: '元',
      polarity: 'higher-better',
      decimals: 2,
      // pool × own weighted base / Σ weighted base, with pool = ratio × Σ base; Σ x = mean(x) × n, n cancels
      score: { '*': [{ '/': [{ var: 'indicators.pool_ratio' }, 100] }, { var: 'population.mean_base' }, { div: [{ var: 'indicators.weighted_base' }, { var: 'population.mean_weighted' }, 0] }] },
    },
  ],
  aggregation: 'sum',
  weights: { default: { indicators: { bonus: 1 } } },
  population: {
    values: [
      { key: 'mean_base', title: '平均岗位工资总额', kind: 'mean', source: 'inputs.base_salary_total' },
      { key: 'mean_weighted', title: '平均(岗位工资总额 × 系数)', kind: 'mean', source: 'indicators.weighted_base' },
    ],
  },
  grading: { grades: [{ key: 'n/a' }], bands: [{ grade: 'n/a' }] },
});
const { scheme } = build(doc('fraction'));
const { scheme: printedRate } = build(doc('printed'));

const ratioAt = (s: typeof scheme, roePct: number) => score(evaluateOne(s, { id: 'co', inputs: { roe: roePct, base_salary_total: 0, grade: 'B' } }), 'pool_ratio');

describe('C12 progressive ROE bonus pool', () => {
  it('is a valid scheme without analysis errors', () => {
    expect(analysisErrors(scheme)).toEqual([]);
  });

  it.each(c12.employees.map((e) => [e.id, e] as const))('%s: pool as a share of payroll', (_, e) => {
    const x = e.expected as Record<string, number>;
    const printed = x.pool_to_payroll ?? x.pool_to_payroll_seed;
    expect(ratioAt(scheme, roeOf(e))! / 100).toBeCloseTo(x['recomputed_with_5/3pct'] ?? x.recomputed ?? printed, 12);
    expect(ratioAt(scheme, roeOf(e))! / 100).toBeCloseTo(printed, 12);
  });

  it('with the printed 1.67% the 100% mark becomes 100.1% at ROE 50% (why 5/3% is used)', () => {
    const at50 = c12.employees.find((e) => roeOf(e) === 50)!.expected as Record<string, number>;
    expect(ratioAt(printedRate, 50)! / 100).toBeCloseTo(at50['recomputed_with_1.67pct'], 12);
    expect(ratioAt(printedRate, 20)).toBeCloseTo(50, 12);
  });

  it('below 10% nothing; above 50% one more point per point: ROE 5 → 0%, 25 → 58.33%, 60 → 110%', () => {
    expect(ratioAt(scheme, 5)).toBe(0);
    // 50 + 5 × 5 / 3 = 58.333…
    expect(ratioAt(scheme, 25)).toBeCloseTo(58.3333333, 6);
    expect(ratioAt(scheme, 60)).toBeCloseTo(110, 12);
  });

  it('individual shares: ROE 20% → pool 50% × 300,000 = 150,000, split by base × coefficient', () => {
    const staff = [
      ['S1', 100_000, 'S'], // 130,000
      ['A1', 80_000, 'A'], //   92,000
      ['B1', 60_000, 'B'], //   60,000
      ['C1', 60_000, 'C'], //   30,000  → Σ 312,000
    ] as const;
    const result = evaluateAll(scheme, staff.map(([id, base, grade]) => ({ id, inputs: { roe: 20, base_salary_total: base, grade } })));
    // 150,000 × 130 / 312 = 62,500; × 92 / 312 = 44,230.77; × 60 / 312 = 28,846.15; × 30 / 312 = 14,423.08
    expect(['S1', 'A1', 'B1', 'C1'].map((id) => byId(result, id).total)).toEqual([62500, 44230.77, 28846.15, 14423.08]);
    expect(result.employees.reduce((a, r) => a + r.total!, 0)).toBeCloseTo(150_000, 1);
  });

  it('grade D gets no share (coefficient 0)', () => {
    const result = evaluateAll(scheme, [
      { id: 'B1', inputs: { roe: 30, base_salary_total: 50_000, grade: 'B' } },
      { id: 'D1', inputs: { roe: 30, base_salary_total: 50_000, grade: 'D' } },
    ]);
    // pool = (50 + 10 × 5/3)% × 100,000 = 66,666.67, all to B1
    expect(byId(result, 'D1').total).toBe(0);
    expect(byId(result, 'B1').total).toBe(66666.67);
  });
});
