/**
 * @module 2-analyze/raters
 * Multi-rater inputs have a raters section, and its group weights sum to 100.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { finding } from './codes.ts';
import { total } from './numbers.ts';
import { pointerTo } from './pointer.ts';
import type { Finding } from './types.ts';

/**
 * Check `raters` against the multi-rater inputs.
 * @example
 * checkRaters(scheme) // ['Rater group weights sum to 90, not 100.']
 */
export function checkRaters(scheme: Scheme): Finding[] {
  const out: Finding[] = [];
  const multiRater = Object.entries(scheme.inputs).filter(([, input]) => input.multiRater === true);
  if (!scheme.raters) {
    for (const [key] of multiRater) out.push(finding('raters_missing', pointerTo('/inputs', key, 'multiRater'), { input: key }));
    return out;
  }
  const weights = total(scheme.raters.groups.map((g) => g.weight), 100);
  if (!weights.ok) out.push(finding('rater_weights_not_100', '/raters/groups', { sum: weights.sum }));
  if (multiRater.length === 0) out.push(finding('raters_unused', '/raters', {}));
  return out;
}
