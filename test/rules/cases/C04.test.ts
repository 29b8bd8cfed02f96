/**
 * C04 — achievement % of target → A/B/C/D (考核指标均按照 A 、 B 、 C 、 D 四个等级评分).
 * Expressed as the scheme's grading bands on the achievement percentage (actual ÷ target × 100).
 *
 * SEED BAND OVERLAP (C04 notes): as printed, 95% is 「含」 in both B (95%–100% 含) and C
 * (90%–95% 含), and 90% in both C and D (90%以下 含). Reading used here: every 「含」 applies to
 * the band's upper edge, the one edge the printed bands agree on — D is 「90%以下(含)」, so 90 is
 * D; C is then (90, 95], B (95, 100], A above 100 (「不含100%」, so 100 is B). Hence 95 → C and
 * 90 → D. The as-printed bands are also analysed, to show analysis flags both overlaps.
 */
import { describe, expect, it } from 'vitest';
import c04 from '../../fixtures/cases/C04-achievement-percent-to-ABCD.json' with { type: 'json' };
import { analysisErrors, build, evaluateOne } from './helpers.ts';

const grades = [
  { key: 'A', title: '超出目标' },
  { key: 'B', title: '达到目标' },
  { key: 'C', title: '接近目标' },
  { key: 'D', title: '低于目标' },
];
const scheme = (bands: unknown[]) =>
  build({
    key: 'c04-achievement-abcd',
    title: '考核评分等级定义(完成率 → ABCD)',
    period: 'month',
    inputs: { actual: { type: 'number', title: '实际完成值' }, target: { type: 'number', title: '目标计划值', minimum: 0 } },
    indicators: [{ key: 'achievement', title: '目标达成率', unit: '%', polarity: 'higher-better', score: { div: [{ '*': [{ var: 'inputs.actual' }, 100] }, { var: 'inputs.target' }] } }],
    aggregation: 'sum',
    weights: { default: { indicators: { achievement: 100 } } },
    grading: { grades, bands },
  }).scheme;

const resolved = scheme([
  { grade: 'A', min: 100, includeMin: false },
  { grade: 'B', min: 95, includeMin: false, max: 100, includeMax: true },
  { grade: 'C', min: 90, includeMin: false, max: 95, includeMax: true },
  { grade: 'D', max: 90, includeMax: true },
]);
const asPrinted = scheme([
  { grade: 'A', min: 100, includeMin: false },
  { grade: 'B', min: 95, max: 100, includeMax: true },
  { grade: 'C', min: 90, max: 95, includeMax: true },
  { grade: 'D', max: 90, includeMax: true },
]);

const gradeAt = (pct: number) => evaluateOne(resolved, { id: String(pct), inputs: { actual: pct, target: 100 } }).grade;

/** Probe values for the case's symbolic rows (inside each band and on its edges). */
const PROBES: Record<string, number[]> = {
  'band-A': [100.01, 105, 150],
  'band-B': [95.01, 98, 100],
  'band-C': [90.01, 92.5, 95],
  'band-D': [0, 60, 89.99, 90],
  'edge-100': [100],
  'edge-95': [95],
  'edge-90': [90],
};

describe('C04 achievement % → A/B/C/D', () => {
  it('the resolved bands have no analysis errors', () => {
    expect(analysisErrors(resolved)).toEqual([]);
  });

  it('the bands as printed overlap at 95 (B, C) and at 90 (C, D): analysis reports both as errors', () => {
    const overlaps = analysisErrors(asPrinted).filter((f) => f.code === 'band_overlap');
    expect(overlaps).toHaveLength(2);
    expect(overlaps[0].message).toContain('at 95');
    expect(overlaps[0].message).toMatch(/"B".*"C"/);
    expect(overlaps[1].message).toContain('at 90');
    expect(overlaps[1].message).toMatch(/"C".*"D"/);
  });

  it.each(c04.employees.map((e) => [e.id, e.expected.grade] as const))('%s → %s', (id, expected) => {
    for (const pct of PROBES[id]) {
      const got = gradeAt(pct);
      if (expected.startsWith('AMBIGUOUS')) {
        // The case lists the two candidate grades; ours must be one of them (95 → C, 90 → D, see the header).
        expect(expected).toContain(`${got} (`);
        expect(got).toBe(pct === 95 ? 'C' : 'D');
      } else {
        expect(got, `${pct}%`).toBe(expected);
      }
    }
  });

  it('the percentage is actual ÷ target: 57 of 60 = 95% → C; 58 of 60 = 96.67% → B', () => {
    expect(evaluateOne(resolved, { id: 'x', inputs: { actual: 57, target: 60 } }).grade).toBe('C');
    expect(evaluateOne(resolved, { id: 'y', inputs: { actual: 58, target: 60 } }).grade).toBe('B');
  });
});
