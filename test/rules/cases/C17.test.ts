/**
 * C17 — one set of dimension scores, different weights per use of the result
 * (结果运用 奖励 提薪 晋级: 工作成绩 60/30/30, 工作态度 40/40/20, 工作能力 —/30/50).
 * Expressed with derivedScores: one derived score each for 奖励 (bonus), 提薪 (raise) and
 * 晋级 (promotion). The ability row prints two values for three columns; the blank is under 奖励,
 * the only reading under which every column sums to 100 (C17 notes). The main total uses the
 * 奖励 weights, ability at 0.
 */
import { describe, expect, it } from 'vitest';
import c17 from '../../fixtures/cases/C17-purpose-specific-weights-reward-raise-promotion.json' with { type: 'json' };
import { analysisErrors, build, evaluateOne } from './helpers.ts';

const USES = { reward: '奖励', raise: '提薪', promotion: '晋级' } as const;
const WEIGHTS = {
  reward: { result: 60, attitude: 40, ability: 0 },
  raise: { result: 30, attitude: 40, ability: 30 },
  promotion: { result: 30, attitude: 20, ability: 50 },
};
const DIMENSIONS = [
  ['result', '工作成绩考核'],
  ['attitude', '工作态度考核'],
  ['ability', '工作能力考核'],
] as const;

const { scheme } = build({
  key: 'c17-purpose-weights',
  title: '考核结果运用:奖励、提薪、晋级',
  period: 'year',
  inputs: Object.fromEntries(DIMENSIONS.map(([k, t]) => [k, { type: 'number', title: t, unit: '分', minimum: 0, maximum: 100 }])),
  dimensions: DIMENSIONS.map(([key, title]) => ({ key, title })),
  indicators: DIMENSIONS.map(([key, title]) => ({ key, title, dimension: key, unit: '分', polarity: 'higher-better', score: { var: `inputs.${key}` } })),
  weights: { default: { indicators: { result: 100, attitude: 100, ability: 100 }, dimensions: WEIGHTS.reward } },
  derivedScores: Object.entries(WEIGHTS).map(([key, dimensions]) => ({ key, title: USES[key as keyof typeof USES], dimensions })),
  grading: { grades: [{ key: 'n/a' }], bands: [{ grade: 'n/a' }] },
});

describe('C17 purpose-specific weights', () => {
  it('the weights match the case text, every column sums to 100, no analysis errors', () => {
    const rule = (key: string) => c17.indicators.find((i) => i.key === key)!.rule;
    expect(rule('result')).toBe(`weights 奖励 ${WEIGHTS.reward.result}%, 提薪 ${WEIGHTS.raise.result}%, 晋级 ${WEIGHTS.promotion.result}%`);
    expect(rule('attitude')).toBe(`weights 奖励 ${WEIGHTS.reward.attitude}%, 提薪 ${WEIGHTS.raise.attitude}%, 晋级 ${WEIGHTS.promotion.attitude}%`);
    expect(rule('ability')).toBe(`weights 奖励 0% (blank), 提薪 ${WEIGHTS.raise.ability}%, 晋级 ${WEIGHTS.promotion.ability}%`);
    const sums = c17.employees[0].expected as Record<string, number>;
    for (const [key, label] of Object.entries(USES)) expect(Object.values(WEIGHTS[key as keyof typeof WEIGHTS]).reduce((a, b) => a + b, 0)).toBe(sums[label]);
    expect(analysisErrors(scheme)).toEqual([]);
  });

  it('result 90, attitude 80, ability 70 → 奖励 86, 提薪 80, 晋级 78', () => {
    const r = evaluateOne(scheme, { id: 'E', inputs: { result: 90, attitude: 80, ability: 70 } });
    // 奖励 54 + 32 + 0 = 86; 提薪 27 + 32 + 21 = 80; 晋级 27 + 16 + 35 = 78
    expect(r.derived.reward).toBeCloseTo(86, 10);
    expect(r.derived.raise).toBeCloseTo(80, 10);
    expect(r.derived.promotion).toBeCloseTo(78, 10);
    expect(r.total).toBeCloseTo(86, 10);
  });

  it('a strong-ability, weaker-result profile scores differently per use: 60 / 80 / 100 → 68, 80, 84', () => {
    const r = evaluateOne(scheme, { id: 'F', inputs: { result: 60, attitude: 80, ability: 100 } });
    // 奖励 36 + 32 + 0 = 68; 提薪 18 + 32 + 30 = 80; 晋级 18 + 16 + 50 = 84
    expect(r.derived.reward).toBeCloseTo(68, 10);
    expect(r.derived.raise).toBeCloseTo(80, 10);
    expect(r.derived.promotion).toBeCloseTo(84, 10);
  });
});
