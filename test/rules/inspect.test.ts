/**
 * `inspectScheme` is what the designer runs as the user types and the server runs on save: parse
 * issues become `invalid_scheme` error findings; a document that parses gets its analysis.
 */
import { describe, expect, it } from 'vitest';
import { inspectScheme } from '../../rules/index.ts';

const doc = (weight: number) => ({
  key: 'tiny',
  title: 'Tiny',
  period: 'month',
  inputs: { sales: { type: 'number' } },
  indicators: [{ key: 'sales', title: 'Sales', score: { var: 'inputs.sales' } }],
  weights: { default: { indicators: { sales: weight } } },
  grading: { grades: [{ key: 'A' }, { key: 'B' }], bands: [{ grade: 'A', min: 60 }, { grade: 'B', max: 60 }] },
});

describe('inspectScheme', () => {
  it('turns every parse issue into an invalid_scheme error at its pointer, with no scheme', () => {
    const result = inspectScheme({ ...doc(100), period: 'decade', extra: true });
    expect(result.scheme).toBeUndefined();
    expect(result.issues).toHaveLength(2);
    expect(result.findings).toEqual(result.issues.map((i) => ({ severity: 'error', code: 'invalid_scheme', pointer: i.pointer, path: i.path, message: i.message })));
    expect(result.findings.map((f) => f.pointer).sort()).toEqual(['', '/period']);
  });

  it('analyses a document that parses: weights of 90 are an error, 100 is not', () => {
    const bad = inspectScheme(doc(90));
    expect(bad.scheme?.key).toBe('tiny');
    expect(bad.issues).toEqual([]);
    expect(bad.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['weights_not_100']);
    expect(inspectScheme(doc(100)).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
