/**
 * @module 2-analyze/distribution
 * Forced-distribution quotas can be met: grades are declared, exact-mode shares sum to 1,
 * each mode's fields are used only in that mode, min ≤ max, and the limits do not contradict
 * each other (minimums above 100%, or maximums that leave people without a grade).
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { finding } from './codes.ts';
import { exceeds, total } from './numbers.ts';
import { pointerTo } from './pointer.ts';
import type { Finding } from './types.ts';

const BASE = '/population/distribution';

/**
 * Check `population.distribution`.
 * @example
 * checkDistribution(c06) // [] for 10/15/50/15/10 in exact mode; quota_shares_not_1 when they sum to 0.9
 */
export function checkDistribution(scheme: Scheme): Finding[] {
  const distribution = scheme.population?.distribution;
  if (!distribution) return [];
  const out: Finding[] = [];
  const declared = new Set(scheme.grading.grades.map((g) => g.key));
  const mode = distribution.mode ?? 'limits';
  const quotas = Object.values(distribution.quotas);
  for (const [grade, quota] of Object.entries(distribution.quotas)) {
    const at = pointerTo(BASE, 'quotas', grade);
    if (!declared.has(grade)) out.push(finding('undeclared_grade', at, { subject: 'The distribution has a quota for grade', grade }));
    const hasShare = quota.share !== undefined;
    const hasLimit = quota.min !== undefined || quota.max !== undefined;
    if (hasShare && hasLimit) out.push(finding('quota_mixed', at, { grade }));
    else if (mode === 'limits' && hasShare) out.push(finding('quota_wrong_mode', pointerTo(at, 'share'), { grade, field: 'share', mode }));
    else if (mode === 'exact' && hasLimit) {
      const field = quota.min !== undefined ? 'min' : 'max';
      out.push(finding('quota_wrong_mode', pointerTo(at, field), { grade, field, mode }));
    }
    if (quota.min !== undefined && quota.max !== undefined && quota.min > quota.max) out.push(finding('quota_min_above_max', at, { grade, min: quota.min, max: quota.max }));
  }
  const pointer = pointerTo(BASE, 'quotas');
  const shares = total(quotas.map((q) => q.share ?? 0), 1);
  if (mode === 'exact' && !shares.ok) out.push(finding('quota_shares_not_1', pointer, { sum: shares.sum }));
  if (mode === 'limits') {
    const mins = total(quotas.map((q) => q.min ?? 0), 1);
    if (exceeds(mins.sum, 1)) out.push(finding('quota_infeasible', pointer, { reason: `the minimum shares sum to ${mins.sum}, more than everyone` }));
    // Only when every declared grade is capped can the caps leave people without a grade.
    const allCapped = [...declared].every((g) => Object.hasOwn(distribution.quotas, g) && distribution.quotas[g].max !== undefined);
    const maxes = total(quotas.map((q) => q.max ?? 0), 1);
    if (allCapped && exceeds(1, maxes.sum)) out.push(finding('quota_infeasible', pointer, { reason: `every grade has a maximum and together they allow only ${maxes.sum} of the people` }));
  }
  distribution.groupLimits?.forEach((limit, i) => {
    limit.grades.forEach((grade, j) => {
      if (!declared.has(grade)) out.push(finding('undeclared_grade', pointerTo(BASE, 'groupLimits', i, 'grades', j), { subject: 'A group limit names grade', grade }));
    });
  });
  return out;
}
