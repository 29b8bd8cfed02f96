/**
 * @module 2-analyze/sites
 * Every JSON Logic rule in a scheme, with where it sits and what it may read: indicator score
 * rules see inputs, params, other indicators, population values and the employee; adjustment
 * and grading rules additionally see the total, the base total, the grade and dimension subtotals.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { pointerTo } from './pointer.ts';

/** Where a rule sits, which decides the names it may read. */
export type SiteKind = 'indicator' | 'adjustment' | 'grading';

/** One rule of the scheme. */
export interface RuleSite {
  kind: SiteKind;
  /** JSON pointer of the rule in the scheme, e.g. `/indicators/3/score`. */
  pointer: string;
  /** How messages name it, e.g. `Indicator "x" score rule`. */
  owner: string;
  rule: unknown;
  /** The indicator whose score this is (indicator sites only). */
  indicator?: string;
}

/**
 * All rules in document order: indicator scores, adjustment conditions and points, the grading rule.
 * @example ruleSites(scheme).map((s) => s.pointer) // ['/indicators/0/score', '/adjustments/0/when', '/grading/rule']
 */
export function ruleSites(scheme: Scheme): RuleSite[] {
  const sites: RuleSite[] = scheme.indicators.map((indicator, i) => ({
    kind: 'indicator',
    pointer: pointerTo('/indicators', i, 'score'),
    owner: `Indicator "${indicator.key}" score rule`,
    rule: indicator.score,
    indicator: indicator.key,
  }));
  scheme.adjustments?.forEach((adjustment, i) => {
    if (adjustment.when !== undefined) sites.push({ kind: 'adjustment', pointer: pointerTo('/adjustments', i, 'when'), owner: `Adjustment "${adjustment.key}" condition`, rule: adjustment.when });
    if (adjustment.points !== undefined) sites.push({ kind: 'adjustment', pointer: pointerTo('/adjustments', i, 'points'), owner: `Adjustment "${adjustment.key}" points rule`, rule: adjustment.points });
  });
  if (scheme.grading.rule !== undefined) sites.push({ kind: 'grading', pointer: '/grading/rule', owner: 'The grading rule', rule: scheme.grading.rule });
  return sites;
}
