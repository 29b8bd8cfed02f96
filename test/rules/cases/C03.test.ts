/**
 * C03 — cashier: value behaviours 50/30/20 on a 1–5 scale, then result : behaviour = 7 : 3
 * (「50 % ×4 + 30 % ×2 + 20 % ×3 = 3.2 分」). Two levels through dimensions: indicator weights
 * within each dimension, dimension weights combine the subtotals.
 * The seed's wording says 「工作结果和工作业绩」 for the 7:3 split; the arithmetic combines the
 * work result (4.5) with the behaviour score (3.2), so the dimensions are result and behaviour (C03 notes).
 */
import { describe, expect, it } from 'vitest';
import c03 from '../../fixtures/cases/C03-cashier-values-behaviour-then-result-behaviour-7-3.json' with { type: 'json' };
import { analysisErrors, build, evaluateOne, indicator } from './helpers.ts';

const weightOf = (key: string) => c03.indicators.find((i) => i.key === key)!.weight * 100;
const scale = { points: [1, 2, 3, 4, 5].map((value) => ({ value })) };
const behaviour = ['truth_seeking', 'customer_service', 'teamwork'];

const { scheme } = build({
  key: 'c03-cashier',
  title: '出纳 绩效考核(工作目标 + 价值观行为)',
  period: 'year',
  inputs: {
    ...Object.fromEntries(behaviour.map((k) => [k, { type: 'rating', title: c03.indicators.find((i) => i.key === k)!.name, scale }])),
    work_goal_section: { type: 'number', title: '工作目标得分', minimum: 1, maximum: 5 },
  },
  dimensions: [
    { key: 'result', title: '工作结果(工作目标)', weight: weightOf('work_goal_section') },
    { key: 'behaviour', title: '价值观行为表现', weight: weightOf('behaviour_section') },
  ],
  indicators: [
    ...behaviour.map((k) => ({ key: k, title: c03.indicators.find((i) => i.key === k)!.name, dimension: 'behaviour', unit: '分', polarity: 'higher-better', score: { var: `inputs.${k}` } })),
    { key: 'work_goal', title: '工作目标', dimension: 'result', unit: '分', polarity: 'higher-better', score: { var: 'inputs.work_goal_section' } },
  ],
  weights: { default: { indicators: { ...Object.fromEntries(behaviour.map((k) => [k, weightOf(k)])), work_goal: 100 } } },
  grading: { grades: [{ key: 'n/a' }], bands: [{ grade: 'n/a' }] },
  rounding: { totalDecimals: 2 },
});

describe('C03 cashier 7:3 two-level weighting', () => {
  const cashier = c03.employees[0];
  const r = evaluateOne(scheme, { id: cashier.id, inputs: cashier.inputs });

  it('is a valid scheme: weights 50/30/20 within behaviour, 70/30 between dimensions, no analysis errors', () => {
    expect(scheme.weights.default.indicators).toEqual({ truth_seeking: 50, customer_service: 30, teamwork: 20, work_goal: 100 });
    expect(scheme.dimensions!.map((d) => d.weight)).toEqual([70, 30]);
    expect(analysisErrors(scheme)).toEqual([]);
  });

  it('behaviour section = 50% × 4 + 30% × 2 + 20% × 3 = 3.2', () => {
    expect(r.dimensions.find((d) => d.key === 'behaviour')!.subtotal).toBeCloseTo(cashier.expected.behaviour_section, 10);
  });

  it('total = 70% × 4.5 + 30% × 3.2 = 3.15 + 0.96 = 4.11', () => {
    expect(r.total).toBe(cashier.expected.total);
  });

  it('behaviour ratings off the 1–5 scale are rejected', () => {
    const bad = evaluateOne(scheme, { id: 'x', inputs: { ...cashier.inputs, teamwork: 3.5 } });
    expect(indicator(bad, 'teamwork').status).toBe('out-of-range');
    expect(bad.total).toBeNull();
  });
});
