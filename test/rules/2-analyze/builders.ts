/**
 * Small scheme builders for the analysis tests: `cleanScheme()` has no findings at all, so each
 * test breaks exactly one thing and expects exactly the finding for it.
 */
import type { Finding } from '../../../rules/2-analyze/index.ts';
import type { Indicator, Scheme } from '../../../schemas/generated/scheme.ts';

/** An indicator that reads its own input and passes every check. */
export function indicator(key: string, extra: Partial<Indicator> = {}): Indicator {
  return { key, title: key, unit: 'points', polarity: 'higher-better', score: { var: `inputs.${key}` }, ...extra };
}

/** A five-KPI scheme, weights 20 each, complete bands: analyzeScheme gives []. */
export function cleanScheme(): Scheme {
  const keys = ['k1', 'k2', 'k3', 'k4', 'k5'];
  return {
    key: 'clean',
    title: 'Clean scheme',
    period: 'quarter',
    inputs: Object.fromEntries(keys.map((k) => [k, { type: 'number' as const, minimum: 0, maximum: 100, unit: 'points' }])),
    params: { target: { value: 90 } },
    indicators: [
      indicator('k1', { score: { if: [{ '>=': [{ var: 'inputs.k1' }, { var: 'params.target' }] }, 100, { var: 'inputs.k1' }] } }),
      indicator('k2'),
      indicator('k3'),
      indicator('k4'),
      indicator('k5'),
    ],
    weights: { default: { indicators: Object.fromEntries(keys.map((k) => [k, 20])) } },
    grading: {
      grades: [{ key: 'A' }, { key: 'B' }, { key: 'C' }],
      bands: [
        { grade: 'A', min: 90 },
        { grade: 'B', min: 60, max: 90 },
        { grade: 'C', max: 60 },
      ],
    },
  };
}

/** A scheme with two dimensions (60/40), indicators split 3 + 2; analyzeScheme gives []. */
export function dimensionScheme(): Scheme {
  const s = cleanScheme();
  s.dimensions = [
    { key: 'result', title: 'Result', weight: 60 },
    { key: 'behaviour', title: 'Behaviour', weight: 40 },
  ];
  s.indicators.forEach((ind, i) => (ind.dimension = i < 3 ? 'result' : 'behaviour'));
  // Within result: 30/30/40; within behaviour: 50/50. Smallest share of the total: 0.6 × 30 = 18%.
  s.weights.default.indicators = { k1: 30, k2: 30, k3: 40, k4: 50, k5: 50 };
  return s;
}

/** The codes of the findings, in order. */
export const codes = (findings: readonly Finding[]) => findings.map((f) => f.code);

/** The messages of the findings with `code`. */
export const messages = (findings: readonly Finding[], code: string) => findings.filter((f) => f.code === code).map((f) => f.message);
