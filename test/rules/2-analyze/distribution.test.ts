import { describe, expect, it } from 'vitest';
import { analyzeScheme } from '../../../rules/2-analyze/index.ts';
import type { Distribution } from '../../../schemas/generated/scheme.ts';
import { cleanScheme } from './builders.ts';

function withDistribution(distribution: Distribution) {
  const s = cleanScheme();
  s.grading.grades = [{ key: '优' }, { key: '良' }, { key: '中' }, { key: '基本合格' }, { key: '不合格' }];
  s.grading.bands = [
    { grade: '优', min: 90 },
    { grade: '良', min: 80, max: 90 },
    { grade: '中', min: 70, max: 80 },
    { grade: '基本合格', min: 60, max: 70 },
    { grade: '不合格', max: 60 },
  ];
  s.population = { distribution };
  return analyzeScheme(s).map((f) => [f.code, f.pointer, f.message]);
}

describe('forced distribution', () => {
  it('accepts C06 10/15/50/15/10 in exact mode (float noise included)', () => {
    expect(withDistribution({ mode: 'exact', quotas: { 优: { share: 0.1 }, 良: { share: 0.15 }, 中: { share: 0.5 }, 基本合格: { share: 0.15 }, 不合格: { share: 0.1 } } })).toEqual([]);
  });

  it('reports exact-mode shares that do not sum to 1', () => {
    expect(withDistribution({ mode: 'exact', quotas: { 优: { share: 0.1 }, 良: { share: 0.15 }, 中: { share: 0.5 }, 基本合格: { share: 0.15 } } })).toEqual([
      ['quota_shares_not_1', '/population/distribution/quotas', 'Exact-mode quota shares sum to 0.9, not 1.'],
    ]);
  });

  it('accepts limits mode with max and min', () => {
    expect(withDistribution({ quotas: { 优: { max: 0.1 }, 不合格: { min: 0.05 } } })).toEqual([]);
  });

  it('reports share mixed with min/max, and fields of the other mode', () => {
    expect(withDistribution({ quotas: { 优: { share: 0.1, max: 0.1 }, 良: { share: 0.2 } } })).toEqual([
      ['quota_mixed', '/population/distribution/quotas/优', 'The quota for grade "优" mixes share with min/max: share is for exact mode, min and max for limits mode.'],
      ['quota_wrong_mode', '/population/distribution/quotas/良/share', 'The quota for grade "良" sets share, but the distribution is in limits mode, which ignores it.'],
    ]);
    expect(withDistribution({ mode: 'exact', quotas: { 优: { share: 0.5 }, 良: { share: 0.5 }, 中: { max: 0.1 } } })).toEqual([
      ['quota_wrong_mode', '/population/distribution/quotas/中/max', 'The quota for grade "中" sets max, but the distribution is in exact mode, which ignores it.'],
    ]);
  });

  it('reports min above max', () => {
    expect(withDistribution({ quotas: { 良: { min: 0.3, max: 0.2 } } })).toEqual([
      ['quota_min_above_max', '/population/distribution/quotas/良', 'The quota for grade "良" has min 0.3 above max 0.2.'],
    ]);
  });

  it('reports quotas that cannot all be met', () => {
    expect(withDistribution({ quotas: { 良: { min: 0.6 }, 中: { min: 0.5 } } })).toEqual([
      ['quota_infeasible', '/population/distribution/quotas', 'The quotas cannot be met: the minimum shares sum to 1.1, more than everyone.'],
    ]);
    expect(withDistribution({ quotas: { 优: { max: 0.1 }, 良: { max: 0.2 }, 中: { max: 0.3 }, 基本合格: { max: 0.1 }, 不合格: { max: 0.1 } } })).toEqual([
      ['quota_infeasible', '/population/distribution/quotas', 'The quotas cannot be met: every grade has a maximum and together they allow only 0.8 of the people.'],
    ]);
  });

  it('reports undeclared grades in quotas and group limits', () => {
    expect(withDistribution({ quotas: { A: { max: 0.1 } }, groupLimits: [{ grades: ['优', 'B'], max: 0.3 }] })).toEqual([
      ['undeclared_grade', '/population/distribution/groupLimits/0/grades/1', 'A group limit names grade "B", which is not declared in grading.grades.'],
      ['undeclared_grade', '/population/distribution/quotas/A', 'The distribution has a quota for grade "A", which is not declared in grading.grades.'],
    ]);
  });
});
