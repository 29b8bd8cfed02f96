/**
 * @module 2-analyze/weights
 * The weight matrix adds up: with weighted aggregation each row's indicator weights sum to 100
 * (within each dimension when the scheme has dimensions) and its dimension weights sum to 100;
 * every weight names an existing indicator or dimension; every indicator sits in a declared dimension.
 * With `aggregation: 'sum'` weights only select indicators, so sums are not checked.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { finding } from './codes.ts';
import { total } from './numbers.ts';
import { pointerTo } from './pointer.ts';
import { defaultRowIsEmpty, matrixRows, type MatrixRow } from './rows.ts';
import type { Finding } from './types.ts';

/**
 * Check the weight matrix, dimension membership and derived-score weights.
 * @example
 * checkWeights(scheme).map((f) => f.message) // ['Weights for position "driver" sum to 90, not 100.']
 */
export function checkWeights(scheme: Scheme): Finding[] {
  const out: Finding[] = [];
  const dimensionKeys = new Set((scheme.dimensions ?? []).map((d) => d.key));
  const hasDimensions = dimensionKeys.size > 0;
  scheme.indicators.forEach((indicator, i) => {
    if (indicator.dimension !== undefined && !dimensionKeys.has(indicator.dimension)) {
      out.push(finding('unknown_dimension', pointerTo('/indicators', i, 'dimension'), { indicator: indicator.key, dimension: indicator.dimension }));
    } else if (indicator.dimension === undefined && hasDimensions) {
      out.push(finding('missing_dimension', pointerTo('/indicators', i), { indicator: indicator.key }));
    }
  });
  if (defaultRowIsEmpty(scheme)) out.push(finding('default_row_empty', '/weights/default', {}));

  const indicatorDimension = new Map(scheme.indicators.map((ind) => [ind.key, ind.dimension]));
  const weighted = (scheme.aggregation ?? 'weighted') === 'weighted';
  const checkedWithin = new Set<string>();
  for (const row of matrixRows(scheme)) {
    if (row.ownIndicators) {
      for (const key of Object.keys(row.indicators)) {
        if (!indicatorDimension.has(key)) out.push(finding('unknown_weight_indicator', pointerTo(row.indicatorsPointer, key), { row: row.ref, key }));
      }
    }
    if (row.ownDimensions && row.dimensionsPointer !== '/dimensions') {
      for (const key of Object.keys(row.dimensions)) {
        if (!dimensionKeys.has(key)) out.push(finding('unknown_weight_dimension', pointerTo(row.dimensionsPointer, key), { row: row.ref, key }));
      }
    }
    if (!weighted) continue;
    if (!hasDimensions) {
      if (row.ownIndicators) checkSum(out, Object.values(row.indicators), (sum) => finding('weights_not_100', row.indicatorsPointer, { row: row.ref, sum }));
      continue;
    }
    if (row.ownDimensions) checkSum(out, Object.values(row.dimensions), (sum) => finding('dimension_weights_not_100', row.dimensionsPointer, { row: row.ref, sum }));
    checkWithinDimensions(out, scheme, row, indicatorDimension, checkedWithin);
  }

  scheme.derivedScores?.forEach((derived, i) => {
    const base = pointerTo('/derivedScores', i, 'dimensions');
    for (const key of Object.keys(derived.dimensions)) {
      if (!dimensionKeys.has(key)) out.push(finding('unknown_weight_dimension', pointerTo(base, key), { derived: derived.key, key }));
    }
    checkSum(out, Object.values(derived.dimensions), (sum) => finding('derived_weights_not_100', base, { derived: derived.key, sum }));
  });
  return out;
}

/** Indicator weights within each dimension that carries weight in this row. */
function checkWithinDimensions(out: Finding[], scheme: Scheme, row: MatrixRow, indicatorDimension: Map<string, string | undefined>, checked: Set<string>): void {
  const byDimension = new Map<string, number[]>();
  for (const [key, weight] of Object.entries(row.indicators)) {
    const dimension = indicatorDimension.get(key);
    if (dimension === undefined) continue;
    byDimension.set(dimension, [...(byDimension.get(dimension) ?? []), weight]);
  }
  for (const { key: dimension } of scheme.dimensions ?? []) {
    const weights = byDimension.get(dimension) ?? [];
    const dimensionWeight = Object.hasOwn(row.dimensions, dimension) ? row.dimensions[dimension] : undefined;
    if (dimensionWeight === undefined) {
      if (weights.some((w) => w > 0)) out.push(finding('missing_dimension_weight', row.dimensionsPointer, { row: row.ref, dimension }));
      continue;
    }
    // A position that inherits the default's indicator weights repeats the default's sums;
    // report each (weight map, dimension) pair once.
    const id = `${row.indicatorsPointer}|${dimension}`;
    if (dimensionWeight === 0 || checked.has(id)) continue;
    checked.add(id);
    checkSum(out, weights, (sum) => finding('weights_not_100', row.indicatorsPointer, { row: row.ref, dimension, sum }));
  }
}

function checkSum(out: Finding[], weights: readonly number[], report: (sum: number) => Finding): void {
  const { sum, ok } = total(weights, 100);
  if (!ok) out.push(report(sum));
}
