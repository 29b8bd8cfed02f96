/**
 * C32 — operations balanced scorecard: financial 40%, customer 20%, internal process 20%,
 * learning & growth 20%, each dimension with its own data source. Expressed by the
 * operations-bsc template (dimensions with default weights; indicator weights within each).
 */
import { describe, expect, it } from 'vitest';
import c32 from '../../fixtures/cases/C32-balanced-scorecard-dimension-weights.json' with { type: 'json' };
import { resolveWeights } from '../../../rules/index.ts';
import { getTemplate } from '../../../rules/templates/index.ts';
import { analysisErrors, evaluateOne } from './helpers.ts';

const scheme = getTemplate('operations-bsc')!.scheme;

describe('C32 balanced-scorecard dimension weights', () => {
  it('dimension weights are the case’s 0.4 / 0.2 / 0.2 / 0.2 and sum to 1', () => {
    const weights = resolveWeights(scheme, null).dimensions;
    for (const d of c32.indicators) expect(weights[d.key] / 100, d.key).toBeCloseTo(d.weight, 12);
    expect(Object.values(weights).reduce((a, b) => a + b, 0) / 100).toBeCloseTo(c32.employees[0].expected.sum, 12);
    expect(analysisErrors(scheme)).toEqual([]);
  });

  it('every indicator of a dimension names that dimension’s data source as its provider', () => {
    for (const d of c32.indicators) {
      const source = d.rule.replace(/^source: /, '');
      const members = scheme.indicators.filter((i) => i.dimension === d.key);
      expect(members.length, d.key).toBeGreaterThan(0);
      for (const i of members) expect(source, `${i.key}: ${i.provider}`).toContain(i.provider);
    }
  });

  it('all indicators at 100 → total 100; financial at 50, the rest at 100 → 80 (40% of the scorecard is finance)', () => {
    const full = {
      revenue_actual: 100, revenue_target: 100, profit_actual: 100, profit_target: 100, cost_actual: 100, cost_budget: 100,
      customer_satisfaction: 100, customer_churn: 0, on_time_rate: 100, projects_done: 1, projects_planned: 1,
      employee_satisfaction: 100, training_done: 1, training_planned: 1,
    };
    expect(evaluateOne(scheme, { id: 'x', inputs: full }).total).toBe(100);
    // revenue 50, profit 50, cost 100 + (100 − 150) / 100 × 100 = 50 → financial 50 → 50 × 40% + 20 + 20 + 20 = 80
    const r = evaluateOne(scheme, { id: 'y', inputs: { ...full, revenue_actual: 50, profit_actual: 50, cost_actual: 150 } });
    expect(r.dimensions.find((d) => d.key === 'financial')!.subtotal).toBeCloseTo(50, 10);
    expect(r.total).toBe(80);
  });
});
