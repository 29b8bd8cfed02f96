/**
 * @module diff/weights
 * The weight matrix, described the way HR reads it: one text per weight that changed, named
 * by indicator (or dimension) and position, e.g. `weight of "response_time" for position "engineer" 30 → 25`.
 */
import type { Scheme, WeightSet } from '../../schemas/generated/scheme.ts';
import { byCodeUnits, child, fieldOf, type ChangeList } from './changes.ts';
import { diffValue } from './fields.ts';
import type { ChangeSubject } from './types.ts';

/**
 * Diff `weights`: the default row, then position rows in key order.
 * @example
 * diffWeights(out, a, b) // `weight of "close_rate" in the default row 30 → 25`, `weights for position "driver" added`
 */
export function diffWeights(out: ChangeList, a: Scheme, b: Scheme): void {
  const order = entityOrder(a, b);
  diffRow(out, a.weights.default, b.weights.default, '/weights/default', { entity: 'weightRow' }, order);
  const before = a.weights.positions ?? {};
  const after = b.weights.positions ?? {};
  const positions = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(byCodeUnits);
  for (const position of positions) {
    const pointer = child('/weights/positions', position);
    const rowA = Object.hasOwn(before, position) ? before[position] : undefined;
    const rowB = Object.hasOwn(after, position) ? after[position] : undefined;
    const row: ChangeSubject = { entity: 'weightRow', position };
    if (!rowA && rowB) out.add('added', pointer, row, { after: rowB });
    else if (rowA && !rowB) out.add('removed', pointer, row, { before: rowA });
    else if (rowA && rowB) diffRow(out, rowA, rowB, pointer, row, order);
  }
}

interface EntityOrder {
  indicators: (keys: string[]) => string[];
  dimensions: (keys: string[]) => string[];
}

function diffRow(out: ChangeList, a: WeightSet, b: WeightSet, pointer: string, row: ChangeSubject, order: EntityOrder): void {
  if (a.title !== b.title) diffValue(out, a.title, b.title, child(pointer, 'title'), child(pointer, 'title'), fieldOf(row, 'title'));
  // A weight is named by its row's position (none for the default row) and the indicator's (dimension's) key.
  const cell = (entity: 'weight' | 'dimensionWeight', key: string): ChangeSubject => ({ entity, key, ...(row.position === undefined ? {} : { position: row.position }) });
  diffMap(out, a.indicators, b.indicators, child(pointer, 'indicators'), (key) => cell('weight', key), order.indicators);
  diffMap(out, a.dimensions, b.dimensions, child(pointer, 'dimensions'), (key) => cell('dimensionWeight', key), order.dimensions);
}

function diffMap(
  out: ChangeList,
  a: Record<string, number> | undefined,
  b: Record<string, number> | undefined,
  pointer: string,
  name: (key: string) => ChangeSubject,
  sort: (keys: string[]) => string[],
): void {
  const before = a ?? {};
  const after = b ?? {};
  for (const key of sort([...new Set([...Object.keys(before), ...Object.keys(after)])])) {
    const wa = Object.hasOwn(before, key) ? before[key] : undefined;
    const wb = Object.hasOwn(after, key) ? after[key] : undefined;
    const at = child(pointer, key);
    const subject = name(key);
    if (wa === undefined && wb !== undefined) out.add('added', at, subject, { after: wb, form: 'values' });
    else if (wa !== undefined && wb === undefined) out.add('removed', at, subject, { before: wa, form: 'values' });
    else if (wa !== wb) out.add('changed', at, subject, { before: wa, after: wb, form: 'values' });
  }
}

/** Weights are listed in the order the indicators (dimensions) appear in the newer scheme, then the older. */
function entityOrder(a: Scheme, b: Scheme): EntityOrder {
  const rank = (lists: (readonly { key: string }[] | undefined)[]) => {
    const at = new Map<string, number>();
    for (const list of lists) for (const e of list ?? []) if (!at.has(e.key)) at.set(e.key, at.size);
    return (keys: string[]) =>
      [...keys].sort((x, y) => (at.get(x) ?? Infinity) - (at.get(y) ?? Infinity) || byCodeUnits(x, y));
  };
  return { indicators: rank([b.indicators, a.indicators]), dimensions: rank([b.dimensions, a.dimensions]) };
}
