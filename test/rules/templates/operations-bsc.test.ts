import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../../rules/templates/index.ts';
import { analysisErrors, evaluateOne, indicator, score } from '../cases/helpers.ts';

const scheme = getTemplate('operations-bsc')!.scheme;

const base = {
  revenue_actual: 1150,
  revenue_target: 1000,
  profit_actual: 270,
  profit_target: 300,
  cost_actual: 540,
  cost_budget: 600,
  customer_satisfaction: 92,
  customer_churn: 6.5,
  on_time_rate: 88,
  projects_done: 9,
  projects_planned: 10,
  employee_satisfaction: 86,
  training_done: 12,
  training_planned: 12,
};

describe('template operations-bsc', () => {
  it('four dimensions of 1–3 indicators each, weights 40/20/20/20, no analysis errors', () => {
    expect(scheme.dimensions!.map((d) => [d.key, d.weight])).toEqual([
      ['financial', 40],
      ['customer', 20],
      ['process', 20],
      ['growth', 20],
    ]);
    for (const d of scheme.dimensions!) {
      const count = scheme.indicators.filter((i) => i.dimension === d.key).length;
      expect(count).toBeGreaterThanOrEqual(1);
      expect(count).toBeLessThanOrEqual(3);
    }
    expect(analysisErrors(scheme)).toEqual([]);
  });

  it('an operations manager above target on revenue, short on profit, under budget on cost', () => {
    const r = evaluateOne(scheme, { id: 'M1', inputs: base });
    // revenue 1150 / 1000 → 115; profit 270 / 300 → 90; cost 100 + (600 − 540) / 600 × 100 → 110
    expect([score(r, 'revenue'), score(r, 'profit'), score(r, 'cost')]).toEqual([115, 90, 110]);
    // churn 6.5% is 1.5 points above the 5% target → 100 − 10 × 1.5 = 85
    expect(score(r, 'customer_churn')).toBe(85);
    // projects 9 / 10 → 90; training 12 / 12 → 100
    expect(score(r, 'project_completion')).toBe(90);
    expect(score(r, 'training_completion')).toBe(100);
    // financial 115×.4 + 90×.4 + 110×.2 = 104; customer 92×.6 + 85×.4 = 89.2;
    // process 88×.5 + 90×.5 = 89; growth 86×.5 + 100×.5 = 93
    const subtotal = Object.fromEntries(r.dimensions.map((d) => [d.key, d.subtotal]));
    expect(subtotal.financial).toBeCloseTo(104, 9);
    expect(subtotal.customer).toBeCloseTo(89.2, 9);
    expect(subtotal.process).toBeCloseTo(89, 9);
    expect(subtotal.growth).toBeCloseTo(93, 9);
    // 104×.4 + 89.2×.2 + 89×.2 + 93×.2 = 41.6 + 17.84 + 17.8 + 18.6 = 95.84 → A
    expect(r.total).toBe(95.84);
    expect(r.grade).toBe('A');
  });

  it('caps and floors: revenue capped at 120, a loss scores 0, over budget scores below 100, no planned training scores 100', () => {
    const r = evaluateOne(scheme, {
      id: 'M3',
      inputs: { ...base, revenue_actual: 1500, profit_actual: -30, cost_actual: 660, customer_satisfaction: 70, customer_churn: 3, on_time_rate: 60, projects_done: 5, training_planned: 0, training_done: 0, employee_satisfaction: 75 },
    });
    // revenue 150 → 120; profit −10 → 0; cost 100 − 10 = 90
    expect([score(r, 'revenue'), score(r, 'profit'), score(r, 'cost')]).toEqual([120, 0, 90]);
    // churn 3% ≤ 5% → 100; training: nothing planned → 100
    expect(score(r, 'customer_churn')).toBe(100);
    expect(score(r, 'training_completion')).toBe(100);
    // financial 48 + 0 + 18 = 66; customer 42 + 40 = 82; process 30 + 25 = 55; growth 37.5 + 50 = 87.5
    // total 26.4 + 16.4 + 11 + 17.5 = 71.3 → C
    expect(r.total).toBe(71.3);
    expect(r.grade).toBe('C');
  });

  it('a missing finance figure leaves the scorecard without a total', () => {
    const { revenue_actual: _, ...rest } = base;
    const r = evaluateOne(scheme, { id: 'M2', inputs: rest });
    expect(indicator(r, 'revenue').status).toBe('missing-input');
    expect(r.dimensions.find((d) => d.key === 'financial')!.subtotal).toBeNull();
    expect(r.total).toBeNull();
  });
});
