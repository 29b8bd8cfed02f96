/**
 * @module 2-analyze/rows
 * The weight matrix as analysis sees it: each row with the weights in force (via
 * `resolveWeights`) plus where those weights are written, so a finding points at the map the
 * designer has to edit — a position row that inherits the default's weights points at the default.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { weightRows } from '../3-compile/weights.ts';
import type { RowRef } from './codes.ts';
import { byCodeUnits, pointerTo } from './pointer.ts';

/** One row of the weight matrix, resolved. */
export interface MatrixRow {
  ref: RowRef;
  indicators: Record<string, number>;
  dimensions: Record<string, number>;
  /** The row writes its own indicator weights (false: inherited from the default row). */
  ownIndicators: boolean;
  /** The row writes its own dimension weights (false: inherited). */
  ownDimensions: boolean;
  indicatorsPointer: string;
  dimensionsPointer: string;
  /** Where the weight of one dimension is written: the row's map or the dimension's own default. */
  dimensionWeightPointer: (dimension: string) => string;
}

const DEFAULT = '/weights/default';

/**
 * The rows analysis checks. The default row is left out when it is empty and positions have rows
 * of their own (a per-position matrix such as C08 need not fill the default).
 * @example matrixRows(scheme).map((r) => r.ref.position ?? 'default') // ['default', 'driver', …]
 */
export function matrixRows(scheme: Scheme): MatrixRow[] {
  const positions = scheme.weights.positions ?? {};
  const defaultDims = scheme.weights.default.dimensions !== undefined ? pointerTo(DEFAULT, 'dimensions') : '/dimensions';
  const dimensionIndex = new Map((scheme.dimensions ?? []).map((d, i) => [d.key, i]));
  const weightAt = (mapPointer: string) => (dimension: string) =>
    mapPointer === '/dimensions' ? pointerTo('/dimensions', dimensionIndex.get(dimension) ?? 0, 'weight') : pointerTo(mapPointer, dimension);

  // Positions in code-unit order, so findings do not depend on the key order of the matrix.
  const [defaultRow, ...positionRows] = weightRows(scheme);
  positionRows.sort((a, b) => byCodeUnits(a.row, b.row));
  return [defaultRow, ...positionRows].flatMap((resolved, i): MatrixRow[] => {
    if (i === 0) {
      if (defaultRowIsEmpty(scheme)) return [];
      const indicatorsPointer = pointerTo(DEFAULT, 'indicators');
      return [{ ref: {}, ...pick(resolved), ownIndicators: true, ownDimensions: true, indicatorsPointer, dimensionsPointer: defaultDims, dimensionWeightPointer: weightAt(defaultDims) }];
    }
    const position = resolved.row;
    const row = positions[position];
    const base = pointerTo('/weights/positions', position);
    const ownIndicators = row.indicators !== undefined;
    const ownDimensions = row.dimensions !== undefined;
    const dimensionsPointer = ownDimensions ? pointerTo(base, 'dimensions') : defaultDims;
    return [
      {
        ref: { position },
        ...pick(resolved),
        ownIndicators,
        ownDimensions,
        indicatorsPointer: ownIndicators ? pointerTo(base, 'indicators') : pointerTo(DEFAULT, 'indicators'),
        dimensionsPointer,
        dimensionWeightPointer: weightAt(dimensionsPointer),
      },
    ];
  });
}

/**
 * The default row gives no indicator any weight while positions have rows of their own.
 * @example defaultRowIsEmpty({ …, weights: { default: {}, positions: { driver: { indicators: { a: 100 } } } } }) // true
 */
export function defaultRowIsEmpty(scheme: Scheme): boolean {
  return Object.keys(scheme.weights.default.indicators ?? {}).length === 0 && Object.keys(scheme.weights.positions ?? {}).length > 0;
}

function pick(resolved: { indicators: Record<string, number>; dimensions: Record<string, number> }) {
  return { indicators: resolved.indicators, dimensions: resolved.dimensions };
}
