/**
 * @module 2-analyze/grading
 * Grading bands are complete and non-overlapping, and every grade that bands, adjustments and
 * the forced distribution use is declared in `grading.grades`.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { checkBandTable, type TableBand } from './bands.ts';
import { finding } from './codes.ts';
import { pointerTo } from './pointer.ts';
import type { Finding } from './types.ts';

/**
 * Check grading bands and the grades used anywhere in the scheme.
 * @example
 * checkGrading(c04) // ['Bands "B" and "C" overlap at 95: both include it.', 'Bands "C" and "D" overlap at 90: both include it.']
 */
export function checkGrading(scheme: Scheme): Finding[] {
  const out: Finding[] = [];
  const declared = new Set(scheme.grading.grades.map((g) => g.key));
  const bands = scheme.grading.bands;
  if (bands) {
    bands.forEach((band, i) => {
      if (!declared.has(band.grade)) out.push(finding('undeclared_grade', pointerTo('/grading/bands', i, 'grade'), { subject: `Band ${i + 1} uses grade`, grade: band.grade }));
    });
    const count = new Map<string, number>();
    for (const b of bands) count.set(b.grade, (count.get(b.grade) ?? 0) + 1);
    const table = bands.map(
      (b, i): TableBand => ({
        min: b.min ?? null,
        max: b.max ?? null,
        includeMin: b.includeMin ?? true,
        includeMax: b.includeMax ?? false,
        // Two bands may give the same grade (C09's two 尚可 bands); then the position tells them apart.
        name: (count.get(b.grade) ?? 0) > 1 ? `"${b.grade}" (#${i + 1})` : `"${b.grade}"`,
        pointer: pointerTo('/grading/bands', i),
      }),
    );
    out.push(...checkBandTable(table, { what: 'totals', noun: 'band', nouns: 'bands', pointer: '/grading/bands', hasFallback: false }));
  }
  scheme.adjustments?.forEach((adjustment, i) => {
    if ((adjustment.kind === 'veto' || adjustment.kind === 'set-grade') && adjustment.grade !== undefined && !declared.has(adjustment.grade)) {
      out.push(finding('undeclared_grade', pointerTo('/adjustments', i, 'grade'), { subject: `Adjustment "${adjustment.key}" forces grade`, grade: adjustment.grade }));
    }
  });
  return out;
}
