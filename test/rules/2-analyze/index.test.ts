import { describe, expect, it } from 'vitest';
import { analyzeScheme, CATALOGUE, finding, hasErrors, type Finding } from '../../../rules/2-analyze/index.ts';
import { readablePath } from '../../../rules/1-parse/parse.ts';
import type { Scheme } from '../../../schemas/generated/scheme.ts';
import { cleanScheme } from './builders.ts';

/** A scheme with errors, warnings and infos spread over many pointers. */
function messyScheme(): Scheme {
  const s = cleanScheme();
  for (let i = 6; i <= 12; i++) {
    s.indicators.push({ key: `k${i}`, title: `k${i}`, score: { var: `inputs.k${i}` } });
    s.inputs[`k${i}`] = { type: 'number', unit: 'points' };
  }
  s.weights.default.indicators = { k1: 10, k2: 10, k3: 10, k4: 10, k5: 10, k6: 10, k7: 10, k8: 10, k9: 10, k10: 3, k11: 3, k12: 3 };
  s.weights.positions = { zeta: { indicators: { k1: 50, k2: 40 } }, alpha: { indicators: { k1: 100, ghost: 1 } } };
  s.params!.unused = { value: 1 };
  s.grading.bands![1].min = 65;
  return s;
}

/** Rebuild every object with its keys in reverse order. */
function reverseKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reverseKeys) as T;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reverseKeys(v)])) as T;
  return value;
}

describe('analyzeScheme', () => {
  it('sorts errors, then warnings, then infos; within each by pointer with numeric indices', () => {
    const found = analyzeScheme(messyScheme());
    const rank = { error: 0, warning: 1, info: 2 };
    expect(found.map((f) => rank[f.severity])).toEqual([...found.map((f) => rank[f.severity])].sort());
    expect(found.filter((f) => f.severity === 'info').map((f) => f.pointer)).toEqual([
      '/indicators/5',
      '/indicators/5',
      '/indicators/6',
      '/indicators/6',
      '/indicators/7',
      '/indicators/7',
      '/indicators/8',
      '/indicators/8',
      '/indicators/9',
      '/indicators/9',
      '/indicators/10',
      '/indicators/10',
      '/indicators/11',
      '/indicators/11',
      '/params/unused',
    ]);
    expect(found.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([
      'No band covers totals from 60 (included) to 65 (excluded).',
      'Default weights sum to 99, not 100.',
      'Weights for position "alpha" sum to 101, not 100.',
      'Weights for position "alpha" name "ghost", which is not an indicator.',
      'Weights for position "zeta" sum to 90, not 100.',
    ]);
  });

  it('gives the same findings whatever the key order of the document', () => {
    expect(analyzeScheme(reverseKeys(messyScheme()))).toEqual(analyzeScheme(messyScheme()));
  });

  it('leaves out ignored codes', () => {
    const found = analyzeScheme(messyScheme(), { ignore: ['weight_below_5', 'kpi_count_advice', 'indicator_missing_unit', 'indicator_missing_polarity'] });
    expect(found.map((f) => f.severity)).toEqual(['error', 'error', 'error', 'error', 'error', 'info']);
  });

  it('fills path from the pointer with readablePath', () => {
    for (const f of analyzeScheme(messyScheme())) expect(f.path).toBe(readablePath(f.pointer));
  });

  it('only reports codes of the catalogue, with their catalogue severity', () => {
    for (const f of analyzeScheme(messyScheme())) {
      const entry = CATALOGUE[f.code as keyof typeof CATALOGUE];
      expect(entry, f.code).toBeDefined();
      expect(f.severity).toBe(entry.severity);
    }
  });
});

describe('hasErrors', () => {
  const info: Finding = finding('unused_param', '/params/x', { param: 'x' });
  const error: Finding = finding('rater_weights_not_100', '/raters/groups', { sum: 90 });

  it('is true only when a finding is an error', () => {
    expect(hasErrors([])).toBe(false);
    expect(hasErrors([info])).toBe(false);
    expect(hasErrors([info, error])).toBe(true);
    expect(hasErrors(analyzeScheme(cleanScheme()))).toBe(false);
    expect(hasErrors(analyzeScheme(messyScheme()))).toBe(true);
  });
});

describe('the catalogue', () => {
  it('uses snake_case codes, known severities and documents each code', () => {
    for (const [code, entry] of Object.entries(CATALOGUE)) {
      expect(code).toMatch(/^[a-z]+(_[a-z0-9]+)*$/);
      expect(['error', 'warning', 'info']).toContain(entry.severity);
      expect(entry.doc.length, code).toBeGreaterThan(10);
    }
  });

  it('builds findings with the catalogue wording and an optional severity override', () => {
    expect(finding('weights_not_100', '/weights/positions/driver/indicators', { row: { position: 'driver' }, sum: 90 })).toEqual({
      severity: 'error',
      code: 'weights_not_100',
      pointer: '/weights/positions/driver/indicators',
      path: 'weights.positions.driver.indicators',
      message: 'Weights for position "driver" sum to 90, not 100.',
      args: { position: 'driver', sum: 90 },
    });
    expect(finding('param_unfilled', '/params/t', { param: 't', template: true }, 'info').severity).toBe('info');
    expect(finding('param_unfilled', '/params/t', { param: 't', template: true }).args).toEqual({ param: 't', template: 'true' });
    expect(finding('band_overlap', '/grading/bands', { nouns: 'Bands', names: ['A', 'B'], range: 'at 90', point: true }).args).toEqual({
      nouns: 'Bands',
      names: ['A', 'B'],
      namesCount: 2,
      range: 'at 90',
      point: 'true',
    });
    expect(finding('weights_not_100', '/weights/default/indicators', { row: {}, sum: 90 }).args).toEqual({ sum: 90 });
  });
});
