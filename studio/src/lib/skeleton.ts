/**
 * @module lib/skeleton
 * The smallest valid scheme, for "new scheme": one input, one indicator scored 0–100, weight
 * 100, four grade bands. Titles are in the user's language; everything can be edited after.
 */
import type { Scheme } from '../../../schemas/generated/scheme.ts';
import { t } from '../i18n/i18n.svelte.ts';
import { i18n } from '../i18n/i18n.svelte.ts';

/** A new scheme document with this key and title. */
export function skeletonScheme(key: string, title: string): Scheme {
  return {
    key,
    title,
    period: 'month',
    locale: i18n.locale,
    inputs: { completion: { type: 'number', title: t('skeleton.input'), unit: '%', minimum: 0 } },
    indicators: [
      {
        key: 'completion',
        title: t('skeleton.indicator'),
        polarity: 'higher-better',
        unit: '%',
        min: 0,
        max: 100,
        score: { clamp: [{ var: 'inputs.completion' }, 0, 100] },
      },
    ],
    weights: { default: { indicators: { completion: 100 } } },
    grading: {
      grades: [
        { key: 'A', title: t('skeleton.gradeA') },
        { key: 'B', title: t('skeleton.gradeB') },
        { key: 'C', title: t('skeleton.gradeC') },
        { key: 'D', title: t('skeleton.gradeD') },
      ],
      bands: [
        { grade: 'A', min: 90, includeMin: true },
        { grade: 'B', min: 80, max: 90, includeMin: true, includeMax: false },
        { grade: 'C', min: 60, max: 80, includeMin: true, includeMax: false },
        { grade: 'D', max: 60, includeMax: false },
      ],
    },
    rounding: { mode: 'half-up', indicatorDecimals: 2, totalDecimals: 2 },
  };
}
