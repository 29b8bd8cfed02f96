/**
 * @module 3-compile/weights
 * Which weights apply to a position: the weight matrix row for the position, falling back to
 * the default row, and dimension weights from the row or from the dimensions' own defaults.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';

/** The weights in force for one position. */
export interface ResolvedWeights {
  /** The matrix row used: the position key, or 'default'. */
  row: string;
  /** Indicator key → weight in percent. Indicators absent here do not apply to the position. */
  indicators: Record<string, number>;
  /** Dimension key → weight in percent (empty when the scheme has no dimensions). */
  dimensions: Record<string, number>;
}

/**
 * Resolve the weights for a position (or the default row when the position has none).
 * @example
 * resolveWeights(scheme, 'engineer') // { row: 'engineer', indicators: { close_rate: 20, … }, dimensions: { customer: 40, … } }
 */
export function resolveWeights(scheme: Scheme, position?: string | null): ResolvedWeights {
  const positions = scheme.weights.positions ?? {};
  const hasRow = position != null && Object.hasOwn(positions, position);
  const row = hasRow ? positions[position] : undefined;
  const indicators = row?.indicators ?? scheme.weights.default.indicators ?? {};
  const dimensionDefaults: Record<string, number> = {};
  for (const d of scheme.dimensions ?? []) if (d.weight !== undefined) dimensionDefaults[d.key] = d.weight;
  const dimensions = row?.dimensions ?? scheme.weights.default.dimensions ?? dimensionDefaults;
  return { row: hasRow ? position : 'default', indicators: { ...indicators }, dimensions: { ...dimensions } };
}

/**
 * Every weight row of the matrix: the default row and one per position.
 * @example weightRows(scheme).map((r) => r.row) // ['default', 'engineer', 'security']
 */
export function weightRows(scheme: Scheme): ResolvedWeights[] {
  return [resolveWeights(scheme, null), ...Object.keys(scheme.weights.positions ?? {}).map((p) => resolveWeights(scheme, p))];
}
