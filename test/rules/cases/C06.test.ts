/**
 * C06 — forced distribution 优 10% / 良 15% / 中 50% / 基本合格 15% / 不合格 10% (表3, 表7).
 * Expressed as an exact-mode distribution: grades are assigned by rank in exactly these shares,
 * whatever the score bands said. The seed gives no rounding rule for small populations (C06
 * notes); the scheme states one: largest remainder (head counts add up to the population; the
 * largest fractional parts get the extra people, earlier grades first on equal fractions).
 * Ties at a quota edge: "break" (by the tie-break source, then employee id) unless stated.
 */
import { describe, expect, it } from 'vitest';
import c06 from '../../fixtures/cases/C06-forced-distribution-10-15-50-15-10.json' with { type: 'json' };
import type { EmployeeData } from '../../../rules/index.ts';
import { analysisErrors, build, byId, evaluateAll } from './helpers.ts';

const GRADES = ['优', '良', '中', '基本合格', '不合格'] as const;
const quotaTable = c06.employees[0].expected as Record<string, number>;

const schemeWith = (distribution: Record<string, unknown> = {}) =>
  build({
    key: 'c06-forced-distribution',
    title: '综合评定等级强制分布',
    period: 'year',
    inputs: { score: { type: 'number', title: '年度考核得分', minimum: 0, maximum: 120 }, tenure: { type: 'number', title: '司龄', unit: '年', minimum: 0, default: 0 } },
    indicators: [{ key: 'score', title: '年度考核得分', unit: '分', polarity: 'higher-better', score: { var: 'inputs.score' } }],
    weights: { default: { indicators: { score: 100 } } },
    grading: {
      grades: GRADES.map((key) => ({ key })),
      bands: [
        { grade: '优', min: 90 },
        { grade: '良', min: 80, max: 90 },
        { grade: '中', min: 70, max: 80 },
        { grade: '基本合格', min: 60, max: 70 },
        { grade: '不合格', max: 60 },
      ],
    },
    population: {
      distribution: {
        mode: 'exact',
        quotas: Object.fromEntries(GRADES.map((g) => [g, { share: quotaTable[g] }])),
        rounding: 'largest-remainder',
        ...distribution,
      },
    },
  }).scheme;

const people = (scores: number[], tenure: number[] = []): EmployeeData[] =>
  scores.map((score, i) => ({ id: `P${String(i + 1).padStart(2, '0')}`, inputs: { score, tenure: tenure[i] ?? 0 } }));

describe('C06 forced distribution 10/15/50/15/10', () => {
  const scheme = schemeWith();

  it('the quota table sums to 100% and the scheme has no analysis errors', () => {
    expect(GRADES.reduce((a, g) => a + quotaTable[g], 0)).toBeCloseTo(quotaTable.sum, 12);
    expect(analysisErrors(scheme)).toEqual([]);
  });

  it('20 people: exactly 2 / 3 / 10 / 3 / 2 by rank, whatever the score bands say', () => {
    // scores 100, 99, …, 81: every band grade would be 优 or 良
    const result = evaluateAll(scheme, people(Array.from({ length: 20 }, (_, i) => 100 - i)));
    expect(result.gradeCounts).toEqual({ 优: 2, 良: 3, 中: 10, 基本合格: 3, 不合格: 2 });
    // rank 1–2 优, 3–5 良, 6–15 中, 16–18 基本合格, 19–20 不合格
    const grades = result.employees.map((e) => e.grade);
    expect(grades).toEqual([...Array(2).fill('优'), ...Array(3).fill('良'), ...Array(10).fill('中'), ...Array(3).fill('基本合格'), ...Array(2).fill('不合格')]);
    expect(byId(result, 'P20').bandGrade).toBe('良'); // 81 → 良 by band, 不合格 by quota
  });

  it('7 people: largest remainder gives 1 / 1 / 3 / 1 / 1', () => {
    // ideal 0.7 / 1.05 / 3.5 / 1.05 / 0.7 → floors 0 / 1 / 3 / 1 / 0 = 5; the two extra people go to
    // the largest fractions, .7 (优) and .7 (不合格), before .5 (中) and .05 (良, 基本合格)
    const result = evaluateAll(scheme, people([95, 91, 88, 84, 77, 73, 65]));
    expect(result.gradeCounts).toEqual({ 优: 1, 良: 1, 中: 3, 基本合格: 1, 不合格: 1 });
    expect(result.distribution[0].quota).toEqual({ 优: { exact: 1 }, 良: { exact: 1 }, 中: { exact: 3 }, 基本合格: { exact: 1 }, 不合格: { exact: 1 } });
  });

  it('7 people with half-up rounding instead: 1 / 1 / 4 / 1 / 1 would be 8, so the largest grade (中) absorbs the difference → 1 / 1 / 3 / 1 / 1', () => {
    // half-up: 0.7 → 1, 1.05 → 1, 3.5 → 4, 1.05 → 1, 0.7 → 1 = 8; one too many is taken from 中
    const result = evaluateAll(schemeWith({ rounding: 'half-up' }), people([95, 91, 88, 84, 77, 73, 65]));
    expect(result.gradeCounts).toEqual({ 优: 1, 良: 1, 中: 3, 基本合格: 1, 不合格: 1 });
  });

  it('ties at the 优/良 edge: "break" orders equal totals by the tie-break (tenure), then by id', () => {
    const scores = [100, 97, 97, ...Array.from({ length: 17 }, (_, i) => 90 - i)];
    const broken = evaluateAll(schemeWith({ tieBreak: [{ source: 'inputs.tenure' }] }), people(scores, [1, 2, 5]));
    // P02 and P03 tie at 97 for the second 优 place; P03 has the longer tenure
    expect([byId(broken, 'P02').grade, byId(broken, 'P03').grade]).toEqual(['良', '优']);
    const byIdOnly = evaluateAll(scheme, people(scores));
    expect([byId(byIdOnly, 'P02').grade, byId(byIdOnly, 'P03').grade]).toEqual(['优', '良']);
  });

  it('ties at the 优/良 edge: "share-better" gives both the better grade (优 then has 3, 良 keeps 2)', () => {
    const scores = [100, 97, 97, ...Array.from({ length: 17 }, (_, i) => 90 - i)];
    const shared = evaluateAll(schemeWith({ ties: 'share-better' }), people(scores));
    expect([byId(shared, 'P02').grade, byId(shared, 'P03').grade]).toEqual(['优', '优']);
    expect(shared.gradeCounts).toEqual({ 优: 3, 良: 2, 中: 10, 基本合格: 3, 不合格: 2 });
  });
});
