import { describe, expect, it } from 'vitest';
import { getTemplate } from '../../../rules/templates/index.ts';
import { analysisErrors, byId, evaluateAll, evaluateOne, indicator, populationValue, score } from '../cases/helpers.ts';
import type { EmployeeData } from '../../../rules/index.ts';

const scheme = getTemplate('call-centre')!.scheme;

// One skill group G1 in room R1, eleven representatives.
// columns: id, brand, second brand, satisfaction this month, surveys, satisfaction last month, adherence, team-leader review
type Row = [string, string, string | null, number, number, number, number, number];
const rows: Row[] = [
  ['A01', 'gotone', null, 96.0, 120, 95.5, 96.0, 9.0],
  ['A02', 'gotone', null, 93.5, 110, 95.0, 99.0, 8.5],
  ['A03', 'vip', null, 95.0, 90, 94.0, 95.0, 9.5],
  ['A04', 'gotone', 'mzone', 90.5, 80, 93.0, 98.5, 8.0],
  ['A05', 'gotone', null, 94.5, 100, 92.5, 97.0, 8.0],
  ['A06', 'gotone', null, 91.5, 85, 92.0, 94.0, 7.5],
  ['A07', 'gotone', null, 89.5, 95, 91.0, 98.0, 8.0],
  ['A08', 'vip', null, 93.5, 70, 90.5, 95.5, 7.0],
  ['A09', 'gotone', null, 89.0, 20, 90.0, 97.0, 8.5],
  ['A10', 'gotone', null, 88.0, 60, 89.0, 97.5, 7.0],
  ['A11', 'gotone', null, 90.5, 75, 88.5, 94.5, 8.0],
];
const agents: EmployeeData[] = rows.map(([id, brand, second, satisfaction, surveys, last, adherence, review]) => ({
  id,
  attributes: { group: 'G1', room: 'R1' },
  inputs: {
    brand,
    ...(second ? { second_brand: second } : {}),
    satisfaction,
    surveys,
    last_month_satisfaction: last,
    adherence,
    leader_review: review,
    violation_ticket: id === 'A11', // A11 has a centre violation ticket (警告以上)
  },
}));

describe('template call-centre', () => {
  it('parses with no analysis errors; weights 50/20/30 as in 客服代表的绩效成绩', () => {
    expect(analysisErrors(scheme)).toEqual([]);
    expect(scheme.weights.default.indicators).toEqual({ satisfaction_score: 50, adherence_score: 20, leader_review: 30 });
  });

  const result = evaluateAll(scheme, agents);

  it('challenge value = lowest satisfaction among last month’s top 10% of the skill group', () => {
    // 10% of 11 people = 1.1 → rounded up to 2 people: 95.5 (A01) and 95.0 (A02); the lower is 95.0
    expect(populationValue(result, 'challenge', 'G1')).toBe(95);
  });

  it('min-sample fallback: fewer than 30 surveys → the skill group’s mean satisfaction', () => {
    // (96 + 93.5 + 95 + 90.5 + 94.5 + 91.5 + 89.5 + 93.5 + 89 + 88 + 90.5) / 11 = 1011.5 / 11 = 91.9545…
    expect(populationValue(result, 'group_mean_satisfaction', 'G1')).toBeCloseTo(91.954545, 5);
    const a09 = byId(result, 'A09');
    // A09 has 20 surveys: own 89.0 (below the 90 baseline) is replaced by 91.95
    expect(score(a09, 'scored_satisfaction')).toBe(91.95);
    // ((91.95 − 90) / (95 − 90))² = 0.39² = 0.1521; 5.4 + 4.2 × 0.1521 = 6.03882 → 6.04
    expect(score(a09, 'satisfaction_score')).toBe(6.04);
  });

  it('baseline per brand, 就低不就高 for a mixed group', () => {
    expect(score(byId(result, 'A01'), 'baseline')).toBe(90); // 全球通
    expect(score(byId(result, 'A03'), 'baseline')).toBe(93); // VIP
    expect(score(byId(result, 'A04'), 'baseline')).toBe(88); // 全球通 + 动感地带 → min(90, 88)
  });

  it('satisfaction score: 10 at or above the challenge, 0 below the baseline, 5.4 + 4.2 × r² between', () => {
    const expected: Record<string, number> = {
      A01: 10, // 96 ≥ 95
      A02: 7.46, // r = (93.5 − 90) / 5 = 0.7; 5.4 + 4.2 × 0.49 = 7.458
      A03: 10, // 95 = challenge
      A04: 5.94, // r = (90.5 − 88) / (95 − 88) = 0.357143; 5.4 + 4.2 × 0.127551 = 5.935714
      A05: 8.8, // r = 0.9; 5.4 + 4.2 × 0.81 = 8.802
      A06: 5.78, // r = 0.3; 5.4 + 0.378 = 5.778
      A07: 0, // 89.5 < 90
      A08: 5.66, // VIP: r = (93.5 − 93) / (95 − 93) = 0.25; 5.4 + 4.2 × 0.0625 = 5.6625
      A10: 0, // 88 < 90
      A11: 5.44, // r = 0.1; 5.4 + 0.042 = 5.442
    };
    for (const [id, points] of Object.entries(expected)) expect(score(byId(result, id), 'satisfaction_score'), id).toBe(points);
  });

  it('adherence: rank-linear from 10 (first) to 6 (last), ties share the better rank', () => {
    // 11 people → (10 − 6) / (11 − 1) = 0.4 per rank. A05 and A09 tie at 97.0 (rank 5); the next is rank 7.
    const expected: Record<string, number> = { A02: 10, A04: 9.6, A07: 9.2, A10: 8.8, A05: 8.4, A09: 8.4, A01: 7.6, A08: 7.2, A03: 6.8, A11: 6.4, A06: 6 };
    for (const [id, points] of Object.entries(expected)) expect(score(byId(result, id), 'adherence_score'), id).toBe(points);
  });

  it('totals, the veto and the A+B ≤ 30% room limit', () => {
    // total = 50% satisfaction + 20% adherence + 30% review
    const totals: Record<string, number> = {
      A01: 9.22, // 5 + 1.52 + 2.7 → A
      A02: 8.28, // 3.73 + 2 + 2.55 → B
      A03: 9.21, // 5 + 1.36 + 2.85 → A
      A04: 7.29, // 2.97 + 1.92 + 2.4 → C
      A05: 8.48, // 4.4 + 1.68 + 2.4 → B
      A06: 6.34, // 2.89 + 1.2 + 2.25 → C
      A07: 4.24, // 0 + 1.84 + 2.4 → D
      A08: 6.37, // 2.83 + 1.44 + 2.1 → C
      A09: 7.25, // 3.02 + 1.68 + 2.55 → C
      A10: 3.86, // 0 + 1.76 + 2.1 → D
      A11: 6.4, // 2.72 + 1.28 + 2.4 → C, vetoed to D
    };
    for (const [id, total] of Object.entries(totals)) expect(byId(result, id).total, id).toBe(total);
    // A11 is vetoed and leaves the pool: 10 people, A+B at most floor(30% × 10) = 3.
    // Band grades give A01, A03 (A) and A05, A02 (B) = 4 → the lowest-ranked of them, A02 (8.28), moves to C.
    expect(byId(result, 'A11').bandGrade).toBe('C');
    expect(byId(result, 'A11').grade).toBe('D');
    expect(byId(result, 'A02').bandGrade).toBe('B');
    expect(byId(result, 'A02').grade).toBe('C');
    expect(result.gradeCounts).toEqual({ A: 2, B: 1, C: 5, D: 3 });
    const room = result.distribution.find((d) => d.group === 'R1')!;
    expect(room.size).toBe(10);
  });

  it('a single evaluation needs the population values; a missing input gives missing-input and no total', () => {
    const a01 = agents[0];
    const alone = evaluateOne(scheme, a01);
    expect(indicator(alone, 'satisfaction_score').status).toBe('missing-population');
    expect(alone.total).toBeNull();
    // With the cycle's stored population values it scores as in the population run.
    const population = { challenge: 95, group_mean_satisfaction: 91.9545, adherence_rank_score: 7.6 };
    expect(evaluateOne(scheme, a01, { population }).total).toBe(9.22);
    const { leader_review: _, ...noReview } = a01.inputs;
    const missing = evaluateOne(scheme, { ...a01, inputs: noReview }, { population });
    expect(indicator(missing, 'leader_review').status).toBe('missing-input');
    expect(missing.total).toBeNull();
    expect(missing.grade).toBeNull();
  });
});
