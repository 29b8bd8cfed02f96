/**
 * @module 2-analyze/duplicates
 * Keys must be unique within their list: rules, weights and the diff all find entities by key,
 * so a second entry with the same key would be silently shadowed.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { finding } from './codes.ts';
import { pointerTo } from './pointer.ts';
import type { Finding } from './types.ts';

/**
 * Report every key used twice among indicators, dimensions, adjustments, population values,
 * derived scores, grades and rater groups.
 * @example
 * checkDuplicateKeys(scheme) // [{ code: 'duplicate_key', pointer: '/indicators/3/key', … }]
 */
export function checkDuplicateKeys(scheme: Scheme): Finding[] {
  const lists: [string, string, readonly { key: string }[] | undefined][] = [
    ['indicator', '/indicators', scheme.indicators],
    ['dimension', '/dimensions', scheme.dimensions],
    ['adjustment', '/adjustments', scheme.adjustments],
    ['population value', '/population/values', scheme.population?.values],
    ['derived score', '/derivedScores', scheme.derivedScores],
    ['grade', '/grading/grades', scheme.grading.grades],
    ['rater group', '/raters/groups', scheme.raters?.groups],
  ];
  const out: Finding[] = [];
  for (const [what, base, items] of lists) {
    const first = new Map<string, number>();
    (items ?? []).forEach((item, i) => {
      const seen = first.get(item.key);
      if (seen === undefined) first.set(item.key, i);
      else out.push(finding('duplicate_key', pointerTo(base, i, 'key'), { what, key: item.key, first: pointerTo(base, seen), again: pointerTo(base, i) }));
    });
  }
  return out;
}
