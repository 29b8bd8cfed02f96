/**
 * @module diff/changes
 * The collector every diff step writes into, plus the small helpers they share. Steps describe a
 * change in structure only; its English text comes from the wording catalogue (`wording.ts`).
 */
import { readablePath } from '../1-parse/parse.ts';
import { pointerTo } from '../2-analyze/pointer.ts';
export { byCodeUnits } from '../2-analyze/pointer.ts';
import { canonicalJson } from '../hash.ts';
import type { ChangeForm, ChangeKind, ChangeSubject, SchemeChange } from './types.ts';
import { englishText } from './wording.ts';

export type JsonObject = Record<string, unknown>;

/**
 * Collects changes in the order the diff steps visit the documents (that order is the output order).
 * @example
 * const out = new ChangeList();
 * out.add('changed', '/title', { entity: 'scheme', field: 'title' }, { before: 'A', after: 'B', form: 'values' }); // text 'scheme title "A" → "B"', path 'title'
 */
export class ChangeList {
  readonly items: SchemeChange[] = [];

  add(kind: ChangeKind, pointer: string, subject: ChangeSubject, values: { before?: unknown; after?: unknown; form?: ChangeForm } = {}): void {
    const change = { kind, pointer, path: readablePath(pointer), text: '', subject } as SchemeChange;
    if ('before' in values) change.before = values.before;
    if ('after' in values) change.after = values.after;
    if (values.form) change.form = values.form;
    change.text = englishText(change);
    this.items.push(change);
  }
}

/**
 * The subject of a field of an entity: the field appended, `rule` set for JSON Logic fields.
 * @example fieldOf({ entity: 'band', key: 'B' }, 'min') // { entity: 'band', key: 'B', field: 'min' }
 */
export function fieldOf(subject: ChangeSubject, field: string, rule = false): ChangeSubject {
  return rule ? { ...subject, field, rule: true } : { ...subject, field };
}

/** `/indicators` + `3` → `/indicators/3`, escaping `~` and `/` in keys as RFC 6901 requires. */
export function child(pointer: string, segment: string | number): string {
  return pointerTo(pointer, segment);
}

/** Deep equality for JSON values that ignores key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return canonicalJson(a) === canonicalJson(b);
}

export function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compact canonical JSON, used for rules and structured values in before/after. */
export function compact(value: unknown): string {
  return canonicalJson(value);
}
