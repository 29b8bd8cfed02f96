/**
 * Small scheme builders for the pipeline tests: a valid base document that each test changes
 * in the one place it is about.
 */
import { parseScheme, type Scheme } from '../../../rules/index.ts';

type Doc = Record<string, unknown>;

/** A two-indicator scheme with A/B/C/D bands on 90/80/60. */
export function baseScheme(overrides: Doc = {}): Scheme {
  return parseScheme({
    key: 'base',
    title: 'Base',
    period: 'month',
    inputs: {
      sales: { type: 'number', minimum: 0 },
      target: { type: 'number', minimum: 0 },
      complaints: { type: 'integer', minimum: 0 },
    },
    indicators: [
      { key: 'sales_ratio', title: 'Sales vs target', score: { '*': [100, { '/': [{ var: 'inputs.sales' }, { var: 'inputs.target' }] }] } },
      { key: 'complaints', title: 'Complaints', score: { max: [0, { '-': [100, { '*': [10, { var: 'inputs.complaints' }] }] }] } },
    ],
    weights: { default: { indicators: { sales_ratio: 70, complaints: 30 } } },
    grading: {
      grades: [{ key: 'A', coefficient: 1.15 }, { key: 'B', coefficient: 1 }, { key: 'C', coefficient: 0.5 }, { key: 'D', coefficient: 0 }],
      bands: [
        { grade: 'A', min: 90 },
        { grade: 'B', min: 80, max: 90 },
        { grade: 'C', min: 60, max: 80 },
        { grade: 'D', max: 60 },
      ],
    },
    ...overrides,
  });
}

/** A one-input scheme whose total is the input itself (weight 100), handy for distribution tests. */
export function scoreScheme(extra: Doc = {}): Scheme {
  return parseScheme({
    key: 'score',
    title: 'Score',
    period: 'year',
    inputs: { score: { type: 'number' } },
    indicators: [{ key: 'score', title: 'Score', score: { var: 'inputs.score' } }],
    weights: { default: { indicators: { score: 100 } } },
    grading: {
      grades: [{ key: '优' }, { key: '良' }, { key: '中' }, { key: '基本合格' }, { key: '不合格' }],
      bands: [
        { grade: '优', min: 90 },
        { grade: '良', min: 80, max: 90 },
        { grade: '中', min: 70, max: 80 },
        { grade: '基本合格', min: 60, max: 70 },
        { grade: '不合格', max: 60 },
      ],
    },
    ...extra,
  });
}

/** Employees e01… with the given scores (and optional department). */
export function scored(scores: number[], department?: (i: number) => string) {
  return scores.map((score, i) => ({ id: `e${String(i + 1).padStart(2, '0')}`, department: department?.(i) ?? null, inputs: { score } }));
}
