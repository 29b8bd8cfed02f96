/**
 * @module diff/changes
 * The collector every diff step writes into, plus the small formatting helpers they share.
 */
import { readablePath } from '../scheme/parse.ts';
import { pointerTo } from '../analyze/pointer.ts';
export { byCodeUnits } from '../analyze/pointer.ts';
import { canonicalJson } from '../hash.ts';
import type { ChangeForm, ChangeKind, ChangeSubject, SchemeChange } from './types.ts';

export type JsonObject = Record<string, unknown>;

/**
 * Collects changes in the order the diff steps visit the documents (that order is the output order).
 * @example
 * const out = new ChangeList();
 * out.add('changed', '/title', 'scheme title "A" → "B"', { entity: 'scheme', field: 'title' }, { before: 'A', after: 'B', form: 'values' }); // path 'title' filled in
 */
export class ChangeList {
  readonly items: SchemeChange[] = [];

  add(kind: ChangeKind, pointer: string, text: string, subject: ChangeSubject, values: { before?: unknown; after?: unknown; form?: ChangeForm } = {}): void {
    const change: SchemeChange = { kind, pointer, path: readablePath(pointer), text, subject };
    if ('before' in values) change.before = values.before;
    if ('after' in values) change.after = values.after;
    if (values.form) change.form = values.form;
    this.items.push(change);
  }
}

/**
 * An entity as changes name it: its English label (`indicator "close_rate"`, `band "C" (2nd)`)
 * and the same in structure, for other languages.
 */
export interface Named {
  label: string;
  subject: ChangeSubject;
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

/** A value as it appears in a change text: strings quoted, numbers and booleans bare. */
export function show(value: unknown): string {
  return isScalar(value) ? JSON.stringify(value) : compact(value);
}

/** Compact canonical JSON, used for rules and structured values in before/after. */
export function compact(value: unknown): string {
  return canonicalJson(value);
}

/** 1 → '', 2 → ' (2nd)': tells apart entries that (wrongly) share a key. */
export function occurrenceSuffix(n: number): string {
  if (n <= 1) return '';
  const suffix = n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : n % 10 === 1 && n % 100 !== 11 ? 'st' : 'th';
  return ` (${n}${suffix})`;
}
