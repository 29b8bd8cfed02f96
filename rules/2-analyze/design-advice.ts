/**
 * @module 2-analyze/design-advice
 * The source methodology's advice on designing indicators (domain.md §1.14), as warnings and
 * notes rather than errors: 5–8 KPIs per post (「最多定义出 5—8 个」), each at least 5% of the
 * weight (「不小于5%权重」), and every indicator with a stated unit and polarity (R13's KPI
 * dictionary). Weight advice applies to weighted aggregation only: point sheets (`sum`) are
 * checklists whose items are not KPIs in this sense.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { finding } from './codes.ts';
import { tidy } from './numbers.ts';
import { pointerTo } from './pointer.ts';
import { matrixRows } from './rows.ts';
import type { Finding } from './types.ts';

const MIN_KPIS = 5;
const MAX_KPIS = 8;
const MIN_WEIGHT = 5;

/**
 * Design advice for every weight row and every indicator.
 * @example
 * checkDesignAdvice(scheme).map((f) => f.code) // ['kpi_count_advice', 'weight_below_5', 'indicator_missing_unit']
 */
export function checkDesignAdvice(scheme: Scheme): Finding[] {
  const out: Finding[] = [];
  if ((scheme.aggregation ?? 'weighted') === 'weighted') {
    const dimensionOf = new Map(scheme.indicators.map((i) => [i.key, i.dimension]));
    const hasDimensions = (scheme.dimensions ?? []).length > 0;
    for (const row of matrixRows(scheme)) {
      if (!row.ownIndicators && !row.ownDimensions) continue;
      let count = 0;
      for (const [key, weight] of Object.entries(row.indicators)) {
        if (!dimensionOf.has(key)) continue;
        const dimension = dimensionOf.get(key);
        // With dimensions a KPI's share of the total is its weight within the dimension times the dimension's weight.
        const share = hasDimensions ? (dimension !== undefined && Object.hasOwn(row.dimensions, dimension) ? (weight * row.dimensions[dimension]) / 100 : 0) : weight;
        if (share <= 0) continue;
        count++;
        if (share < MIN_WEIGHT) out.push(finding('weight_below_5', pointerTo(row.indicatorsPointer, key), { row: row.ref, indicator: key, weight: tidy(share) }));
      }
      if (count < MIN_KPIS || count > MAX_KPIS) out.push(finding('kpi_count_advice', row.indicatorsPointer, { row: row.ref, count }));
    }
  }
  scheme.indicators.forEach((indicator, i) => {
    if (indicator.unit === undefined || indicator.unit.trim() === '') out.push(finding('indicator_missing_unit', pointerTo('/indicators', i), { indicator: indicator.key }));
    if (indicator.polarity === undefined) out.push(finding('indicator_missing_polarity', pointerTo('/indicators', i), { indicator: indicator.key }));
  });
  return out;
}
