/**
 * @module 4-evaluate/grading
 * From a total to a grade: the first band whose explicit edges contain the total, or the
 * scheme's grading rule; and moving a grade up or down the scheme's grade order.
 */
import type { Band, Scheme } from '../../schemas/generated/scheme.ts';
import { intervalText, matchBand } from '../logic/index.ts';
import { formatNumber, say } from './messages.ts';
import type { CompiledScheme } from '../3-compile/compile.ts';
import type { Message } from './result.ts';

// Grading bands are band rows (`grade` in place of `value`): the `band` operator's reading of
// edges is the only one, so a grade and a rule's band can never disagree about an edge.

/**
 * Does the band contain the value? Edges default to [min, max).
 * @example bandContains({ grade: 'B', min: 80, max: 90 }, 90) // false
 */
export function bandContains(band: Band, value: number): boolean {
  return matchBand(value, [band]) === 0;
}

/**
 * Human form of a band's edges, e.g. "[80, 90)" or "[90, ∞)".
 * @example describeBand({ grade: 'A', min: 90 }) // '[90, ∞)'
 */
export function describeBand(band: Band): string {
  return intervalText(band, formatNumber);
}

/**
 * The grade for a total, with a note when no band or a bad rule result leaves it ungraded.
 * @example gradeForTotal(compiled, 55, {}) // { grade: null, note: { code: 'no_grade_no_band', args: { total: 55 } } } when no band covers 55
 */
export function gradeForTotal(compiled: CompiledScheme, total: number, context: Record<string, unknown>): { grade: string | null; note?: Message } {
  const grading = compiled.scheme.grading;
  if (compiled.gradingRule) {
    const rule = compiled.gradingRule;
    if (rule.error) return { grade: null, note: say('no_grade_rule_invalid', { reason: rule.error.message }) };
    let value: unknown;
    try {
      value = rule.run(context);
    } catch (err) {
      return { grade: null, note: say('no_grade_rule_failed', { reason: (err as Error).message }) };
    }
    if (typeof value === 'string' && grading.grades.some((g) => g.key === value)) return { grade: value };
    return { grade: null, note: say('no_grade_not_declared', { value: String(JSON.stringify(value)) }) };
  }
  const bands = grading.bands ?? [];
  const index = matchBand(total, bands);
  return index >= 0 ? { grade: (bands[index] as Band).grade } : { grade: null, note: say('no_grade_no_band', { total }) };
}

/**
 * Move a grade along the scheme's order (best first); +1 is one grade better. Stops at the ends.
 * @example shiftGrade(scheme, 'B', 1) // 'A'
 */
export function shiftGrade(scheme: Scheme, grade: string, steps: number): string {
  const order = scheme.grading.grades.map((g) => g.key);
  const index = order.indexOf(grade);
  if (index < 0) return grade;
  return order[Math.max(0, Math.min(order.length - 1, index - steps))];
}
