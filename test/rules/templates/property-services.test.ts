import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../../rules/templates/index.ts';
import { analysisErrors, byId, evaluateAll, evaluateOne, indicator, score } from '../cases/helpers.ts';
import type { EmployeeData } from '../../../rules/index.ts';

const scheme = getTemplate('property-services')!.scheme;

/** Inputs that score 100 on every indicator (closure at target, 10-minute response, no complaints …). */
const perfect = { closure_rate: 95, response_minutes: 10, satisfaction: 100, complaints: 0, missed_inspections: 0 };

describe('template property-services', () => {
  it('has a weight row for each of the three posts and no analysis errors', () => {
    expect(Object.keys(scheme.weights.positions ?? {})).toEqual(['customer_service', 'engineer', 'security']);
    expect(analysisErrors(scheme)).toEqual([]);
  });

  it('engineer: step deduction below target, response band, per-occurrence deductions and the capped innovation bonus', () => {
    const r = evaluateOne(scheme, {
      id: 'E1',
      position: 'engineer',
      department: 'D1',
      inputs: { closure_rate: 93, response_minutes: 25, satisfaction: 92, complaints: 1, missed_inspections: 2, innovations: 7 },
    });
    // closure: 93 / 95 = 97.89% of target, 2.11 points short → 2 whole steps × 5 = −10 → 90
    expect(score(r, 'closure_rate')).toBe(90);
    // response 25 min is in (15, 30] → 80
    expect(score(r, 'response_time')).toBe(80);
    expect(score(r, 'satisfaction')).toBe(92);
    // complaints: 100 − 10 × 1 = 90; missed inspections: 100 − 5 × 2 = 90
    expect(score(r, 'complaints')).toBe(90);
    expect(score(r, 'missed_inspections')).toBe(90);
    // engineer weights 30/25/15/10/20: 27 + 20 + 13.8 + 9 + 18 = 87.8
    expect(r.baseTotal).toBe(87.8);
    // innovation bonus 2 × 7 = 14, capped at 10 → 97.8, grade A
    const bonus = r.adjustments.find((a) => a.key === 'innovation_bonus')!;
    expect(bonus.applied).toBe(true);
    expect(bonus.points).toBe(10);
    expect(r.total).toBe(97.8);
    expect(r.grade).toBe('A');
  });

  it('customer service: a lower-edge response time, steps counted in whole points, no innovation bonus for the post', () => {
    const r = evaluateOne(scheme, {
      id: 'C1',
      position: 'customer_service',
      inputs: { closure_rate: 80, response_minutes: 15, satisfaction: 88.5, complaints: 3, innovations: 3 },
    });
    // closure: 80 / 95 = 84.21% → 15.79 short → 15 steps → 100 − 75 = 25
    expect(score(r, 'closure_rate')).toBe(25);
    // 15 minutes is included in the top band (≤ 15) → 100
    expect(score(r, 'response_time')).toBe(100);
    expect(score(r, 'complaints')).toBe(70);
    // missed inspections are not assessed for customer service
    expect(indicator(r, 'missed_inspections').status).toBe('not-applicable');
    // 30/20/30/20: 7.5 + 20 + 26.55 + 14 = 68.05 → C
    expect(r.total).toBe(68.05);
    expect(r.adjustments.find((a) => a.key === 'innovation_bonus')!.applied).toBe(false);
    expect(r.grade).toBe('C');
  });

  it('closure floor: a shortfall worth more than 100 points stops at 0 (扣完为止), and at target there is no deduction', () => {
    // 70 / 95 = 73.68% → 26.32 short → 26 steps × 5 = 130 → floor 0
    const low = evaluateOne(scheme, { id: 'C2', position: 'customer_service', inputs: { ...perfect, closure_rate: 70 } });
    expect(score(low, 'closure_rate')).toBe(0);
    const atTarget = evaluateOne(scheme, { id: 'C3', position: 'customer_service', inputs: { ...perfect, closure_rate: 95 } });
    expect(score(atTarget, 'closure_rate')).toBe(100);
  });

  it('security: a safety incident vetoes the grade to D whatever the total', () => {
    const r = evaluateOne(scheme, {
      id: 'S1',
      position: 'security',
      inputs: { response_minutes: 45, satisfaction: 95, complaints: 0, missed_inspections: 0, safety_incidents: 1 },
    });
    // 20/20/20/40: response 45 min → 60 → 12; 19; 20; 40 → 91, band A
    expect(r.total).toBe(91);
    expect(r.bandGrade).toBe('A');
    expect(r.grade).toBe('D');
    expect(r.adjustments.find((a) => a.key === 'safety_veto')!.applied).toBe(true);
  });

  it('a missing input: the indicator reports missing-input and there is no total or grade', () => {
    const { satisfaction: _, ...rest } = perfect;
    const r = evaluateOne(scheme, { id: 'E2', position: 'engineer', inputs: rest });
    expect(indicator(r, 'satisfaction').status).toBe('missing-input');
    expect(r.status).toBe('incomplete');
    expect(r.total).toBeNull();
    expect(r.grade).toBeNull();
  });

  it('forced distribution: at most 20% A per department of 5 or more, vetoed people outside the pool', () => {
    // Customer service with every other indicator at 100: total = 30 + 20 + 0.3 × satisfaction + 20.
    const cs = (id: string, satisfaction: number, department = 'D1'): EmployeeData => ({ id, position: 'customer_service', department, inputs: { ...perfect, satisfaction } });
    const people: EmployeeData[] = [
      cs('P1', 100), // 100 → A
      cs('P2', 90), //  97 → A
      cs('P3', 80), //  94 → A
      cs('P4', 60), //  88 → B
      cs('P5', 40), //  82 → B
      cs('P6', 0), //   70 → C
      { id: 'P7', position: 'security', department: 'D1', inputs: { ...perfect, safety_incidents: 2 } }, // 100, vetoed to D
      cs('Q1', 100, 'D2'),
      cs('Q2', 90, 'D2'),
    ];
    const result = evaluateAll(scheme, people);
    // D1's pool is P1–P6 (P7 is vetoed): A is capped at floor(20% × 6) = 1, so P2 and P3 move down to B.
    expect(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7'].map((id) => byId(result, id).grade)).toEqual(['A', 'B', 'B', 'B', 'B', 'C', 'D']);
    expect(byId(result, 'P3').total).toBe(94);
    expect(byId(result, 'P3').bandGrade).toBe('A');
    const d1 = result.distribution.find((d) => d.group === 'D1')!;
    expect(d1.size).toBe(6);
    expect(d1.quota.A).toEqual({ max: 1 });
    // D2 has two people, below the minimum of 5: not forced, both keep A.
    expect(['Q1', 'Q2'].map((id) => byId(result, id).grade)).toEqual(['A', 'A']);
    expect(result.distribution.find((d) => d.group === 'D2')!.forced).toBe(false);
  });
});
