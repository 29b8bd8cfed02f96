/**
 * @module 2-analyze/population
 * Population values are well-formed: the source names a declared input or indicator, and each
 * kind has the fields it needs. Tie-break sources are checked the same way.
 */
import type { PopulationValue, Scheme } from '../../schemas/generated/scheme.ts';
import { finding } from './codes.ts';
import { pointerTo } from './pointer.ts';
import type { Finding } from './types.ts';

const NEEDS: Partial<Record<PopulationValue['kind'], (keyof PopulationValue)[]>> = {
  'rank-linear': ['best', 'worst'],
  'top-share-min': ['share'],
  percentile: ['percentile'],
};

/**
 * Check population values and tie-break sources.
 * @example
 * checkPopulation(scheme) // ['Population value "score" (rank-linear) needs "best" and "worst".']
 */
export function checkPopulation(scheme: Scheme): Finding[] {
  const out: Finding[] = [];
  scheme.population?.values?.forEach((value, i) => {
    const at = pointerTo('/population/values', i);
    const missing = (NEEDS[value.kind] ?? []).filter((field) => value[field] === undefined);
    if (missing.length) out.push(finding('population_missing_field', at, { key: value.key, kind: value.kind, fields: missing }));
    const problem = sourceProblem(scheme, value.source);
    if (problem) out.push(finding('unknown_reference', pointerTo(at, 'source'), { owner: `Population value "${value.key}"`, path: value.source, why: problem }));
  });
  scheme.population?.distribution?.tieBreak?.forEach((tie, i) => {
    const problem = sourceProblem(scheme, tie.source);
    if (problem) out.push(finding('unknown_reference', pointerTo('/population/distribution/tieBreak', i, 'source'), { owner: 'A tie-break', path: tie.source, why: problem }));
  });
  return out;
}

/** Why `inputs.x` / `indicators.x` does not resolve, or undefined when it does. */
function sourceProblem(scheme: Scheme, source: string): string | undefined {
  const dot = source.indexOf('.');
  const namespace = source.slice(0, dot);
  const key = source.slice(dot + 1);
  if (namespace === 'inputs') return Object.hasOwn(scheme.inputs, key) ? undefined : 'which is not a declared input';
  if (namespace === 'indicators') return scheme.indicators.some((i) => i.key === key) ? undefined : 'which is not an indicator';
  return 'but a source must be inputs.<key> or indicators.<key>';
}
