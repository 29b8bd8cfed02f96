/**
 * @module diff/fields
 * Field-by-field comparison of two versions of one entity (an indicator, a band, a quota …).
 * Field order follows the scheme's JSON Schema so that texts come out in the order the
 * designer shows the fields, independent of the key order in either document.
 */
import schemeSchema from '../../schemas/scheme.schema.json' with { type: 'json' };
import { byCodeUnits, child, compact, fieldOf, isObject, isScalar, sameJson, type ChangeList, type JsonObject } from './changes.ts';
import type { ChangeSubject } from './types.ts';

/** How to compare and describe one kind of entity. */
export interface FieldOptions {
  /** The entity: `{ entity: 'indicator', key: 'close_rate' }`; each field's change adds `field`. */
  subject: ChangeSubject;
  /** Field order; fields not listed follow in code-unit order. */
  order?: readonly string[];
  /** Fields not compared here (the identity key, or parts a caller compares itself). */
  skip?: readonly string[];
  /** Fields holding JSON Logic: reported as "score rule changed" with the compact rule JSON. */
  rules?: readonly string[];
  /** A field written inline even as a param's value: `param "target" 0.95 → 0.9`. */
  bareValue?: string;
}

// Long strings (descriptions) would drown the text; they go to before/after only.
const MAX_INLINE_STRING = 80;

/**
 * The property names a `$defs` entry of the scheme schema declares, in schema order.
 * @example schemaFieldOrder('band') // ['grade', 'min', 'max', 'includeMin', 'includeMax']
 */
export function schemaFieldOrder(def: string): string[] {
  const defs = schemeSchema.$defs as Record<string, { properties?: Record<string, unknown> }>;
  return Object.keys(defs[def]?.properties ?? {});
}

/**
 * Compare two objects field by field and add one change per differing leaf.
 * @example
 * diffFields(out, { title: 'Closure rate' }, { title: 'Closure %' }, '/indicators/0', '/indicators/0', { subject: { entity: 'indicator', key: 'close_rate' } })
 * // → changed `indicator "close_rate": title "Closure rate" → "Closure %"`, subject { entity: 'indicator', key: 'close_rate', field: 'title' }
 */
export function diffFields(out: ChangeList, a: JsonObject, b: JsonObject, pointerA: string, pointerB: string, options: FieldOptions, prefix = ''): void {
  const skip = new Set(prefix ? [] : (options.skip ?? []));
  for (const field of orderedFields(a, b, prefix ? undefined : options.order)) {
    if (skip.has(field)) continue;
    const before = a[field];
    const after = b[field];
    if (before === undefined && after === undefined) continue;
    if (sameJson(before, after)) continue;
    const name = `${prefix}${field}`;
    const pa = child(pointerA, field);
    const pb = child(pointerB, field);
    if (!prefix && options.rules?.includes(field)) diffRule(out, before, after, pa, pb, fieldOf(options.subject, field, true));
    else if (name === options.bareValue && bareInline(before, after)) diffValue(out, before, after, pa, pb, fieldOf(options.subject, name));
    else if (isObject(before) && isObject(after)) diffFields(out, before, after, pa, pb, options, `${name}.`);
    else diffValue(out, before, after, pa, pb, fieldOf(options.subject, name));
  }
}

/**
 * One value that differs: scalars inline, structures as compact JSON in before/after.
 * @example
 * diffValue(out, 80, 85, '/grading/bands/1/min', '/grading/bands/1/min', { entity: 'band', key: 'B', field: 'min' })
 * // changed `band "B": min 80 → 85`, form 'values'
 */
export function diffValue(out: ChangeList, before: unknown, after: unknown, pointerA: string, pointerB: string, about: ChangeSubject): void {
  if (before === undefined) {
    if (isInline(after)) out.add('added', pointerB, about, { after, form: 'values' });
    else out.add('added', pointerB, about, { after: isScalar(after) ? after : compact(after) });
  } else if (after === undefined) {
    if (isInline(before)) out.add('removed', pointerA, about, { before, form: 'values' });
    else out.add('removed', pointerA, about, { before: isScalar(before) ? before : compact(before) });
  } else if (isInline(before) && isInline(after)) {
    out.add('changed', pointerB, about, { before, after, form: 'values' });
  } else {
    out.add('changed', pointerB, about, { before: isScalar(before) ? before : compact(before), after: isScalar(after) ? after : compact(after) });
  }
}

function diffRule(out: ChangeList, before: unknown, after: unknown, pointerA: string, pointerB: string, about: ChangeSubject): void {
  if (before === undefined) out.add('added', pointerB, about, { after: compact(after) });
  else if (after === undefined) out.add('removed', pointerA, about, { before: compact(before) });
  else out.add('changed', pointerB, about, { before: compact(before), after: compact(after) });
}

function isInline(value: unknown): boolean {
  return isScalar(value) && !(typeof value === 'string' && (value.length > MAX_INLINE_STRING || value.includes('\n')));
}

/** `param "target" 0.95 → 0.9` reads well; `param "rates" changed` does not, so structures keep the field name. */
function bareInline(before: unknown, after: unknown): boolean {
  return (before === undefined || isInline(before)) && (after === undefined || isInline(after));
}

function orderedFields(a: JsonObject, b: JsonObject, order: readonly string[] | undefined): string[] {
  const all = new Set([...Object.keys(a), ...Object.keys(b)]);
  const known = (order ?? []).filter((f) => all.has(f));
  const rest = [...all].filter((f) => !known.includes(f)).sort(byCodeUnits);
  return [...known, ...rest];
}
