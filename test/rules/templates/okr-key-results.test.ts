import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../../rules/templates/index.ts';
import { analysisErrors, evaluateOne, indicator, score } from '../cases/helpers.ts';

const scheme = getTemplate('okr-key-results')!.scheme;

describe('template okr-key-results', () => {
  it('parses with no analysis errors; the total is the objective alone (sum aggregation)', () => {
    expect(analysisErrors(scheme)).toEqual([]);
    expect(scheme.aggregation).toBe('sum');
    expect(scheme.weights.default.indicators).toEqual({ objective: 100 });
  });

  it('KR rubrics are ordered: the first matching condition wins; the objective is the KR mean on a 0–1 scale', () => {
    const r = evaluateOne(scheme, { id: 'VP1', inputs: { kr1_missed: 1, kr1_recorded: 9, kr2_baseline_obtained: true, kr3_pct_certified: 55, kr3_certified_count: 10 } });
    // KR1: one missed → 0.7 (although "at least one recorded" → 0.3 also holds, it comes later)
    expect(score(r, 'kr1')).toBe(0.7);
    expect(score(r, 'kr2')).toBe(1);
    // KR3: 55% is in 50–59% → 0.7 (the ≥ 3 managers rule comes later)
    expect(score(r, 'kr3')).toBe(0.7);
    // (0.7 + 1 + 0.7) / 3 = 0.8 → A
    expect(r.total).toBe(0.8);
    expect(r.grade).toBe('A');
  });

  it('lower tiers: two missed → 0.5, no baseline → 0, under 50% but 3 certified → 0.3', () => {
    const r = evaluateOne(scheme, { id: 'VP2', inputs: { kr1_missed: 2, kr1_recorded: 8, kr2_baseline_obtained: false, kr3_pct_certified: 40, kr3_certified_count: 3 } });
    expect([score(r, 'kr1'), score(r, 'kr2'), score(r, 'kr3')]).toEqual([0.5, 0, 0.3]);
    // (0.5 + 0 + 0.3) / 3 = 0.2667 → 0.27 → C
    expect(r.total).toBe(0.27);
    expect(r.grade).toBe('C');
  });

  it('no progress scores 0; only one recorded scores 0.3', () => {
    const r = evaluateOne(scheme, { id: 'VP3', inputs: { kr1_missed: 5, kr1_recorded: 1, kr2_baseline_obtained: true, kr3_pct_certified: 30, kr3_certified_count: 2 } });
    expect([score(r, 'kr1'), score(r, 'kr2'), score(r, 'kr3')]).toEqual([0.3, 1, 0]);
    // (0.3 + 1 + 0) / 3 = 0.4333 → 0.43 → B
    expect(r.total).toBe(0.43);
    expect(r.grade).toBe('B');
    const none = evaluateOne(scheme, { id: 'VP4', inputs: { kr1_missed: 4, kr1_recorded: 0, kr2_baseline_obtained: false, kr3_pct_certified: 0, kr3_certified_count: 0 } });
    expect(none.total).toBe(0);
  });

  it('a missing KR input leaves the objective and the total empty', () => {
    const r = evaluateOne(scheme, { id: 'VP5', inputs: { kr1_missed: 0, kr1_recorded: 3, kr2_baseline_obtained: true, kr3_certified_count: 4 } });
    expect(indicator(r, 'kr3').status).toBe('missing-input');
    expect(indicator(r, 'objective').status).toBe('missing-input');
    expect(r.total).toBeNull();
  });
});
