/**
 * @module diff
 * Human-readable differences between two versions of a scheme, for reviewers and auditors.
 * Entities are matched by key (indicators, dimensions, adjustments, grades, bands by grade,
 * population values, params, inputs, rater groups, quotas, weight rows), so reordering and
 * insertion do not read as edits; key order inside objects never counts as a change.
 */
import type { Scheme } from '../../schemas/generated/scheme.ts';
import { ChangeList, isObject, type JsonObject } from './changes.ts';
import { diffFields, diffValue, schemaFieldOrder } from './fields.ts';
import { diffKeyedList, diffKeyedMap } from './keyed.ts';
import type { ChangeEntity, SchemeChange } from './types.ts';
import { diffWeights } from './weights.ts';

export { CHANGE_ENTITIES, type ChangeEntity, type ChangeForm, type ChangeKind, type ChangeSubject, type SchemeChange } from './types.ts';
export { diffChangeText, wordChange } from './wording.ts';

// Scheme-level fields compared as plain values; the structured sections follow in schema order.
const SCALAR_FIELDS = ['$schema', 'key', 'title', 'description', 'versionLabel', 'template', 'period', 'locale', 'aggregation'] as const;

/**
 * Every difference from scheme `a` (older) to scheme `b` (newer), in document order:
 * scheme fields, inputs, params, dimensions, indicators, weights, derived scores, adjustments,
 * grading, population, raters, rounding. Identical schemes give `[]`.
 * @example
 * diffSchemes(v1, v2).map((c) => c.text)
 * // ['indicator "close_rate": title "Closure rate" → "Closure %"',
 * //  'weight of "response_time" for position "engineer" 30 → 25',
 * //  'band "B": min 80 → 85']
 */
export function diffSchemes(a: Scheme, b: Scheme): SchemeChange[] {
  const out = new ChangeList();
  for (const field of SCALAR_FIELDS) {
    if (a[field] !== b[field] && (a[field] !== undefined || b[field] !== undefined)) diffValue(out, a[field], b[field], `/${field}`, `/${field}`, { entity: 'scheme', field });
  }
  diffKeyedMap(out, a.inputs, b.inputs, '/inputs', '/inputs', { entity: 'input', order: schemaFieldOrder('input') });
  diffKeyedMap(out, a.params, b.params, '/params', '/params', { entity: 'param', order: schemaFieldOrder('param'), bareValue: 'value' });
  diffKeyedList(out, a.dimensions, b.dimensions, '/dimensions', '/dimensions', { entity: 'dimension', order: schemaFieldOrder('dimension') });
  diffKeyedList(out, a.indicators, b.indicators, '/indicators', '/indicators', { entity: 'indicator', order: schemaFieldOrder('indicator'), rules: ['score'] });
  diffWeights(out, a, b);
  diffKeyedList(out, a.derivedScores, b.derivedScores, '/derivedScores', '/derivedScores', { entity: 'derivedScore', order: ['key', 'title', 'dimensions'] });
  diffKeyedList(out, a.adjustments, b.adjustments, '/adjustments', '/adjustments', { entity: 'adjustment', order: schemaFieldOrder('adjustment'), rules: ['when', 'points'] });
  diffGrading(out, a, b);
  diffPopulation(out, a, b);
  diffSection(out, a.raters, b.raters, '/raters', 'raters', (x, y) => {
    diffFields(out, x, y, '/raters', '/raters', { subject: { entity: 'raters' }, order: schemaFieldOrder('raters'), skip: ['groups'] });
    diffKeyedList(out, asList(x.groups), asList(y.groups), '/raters/groups', '/raters/groups', { entity: 'raterGroup', order: ['key', 'title', 'weight', 'minRaters'] });
  });
  diffSection(out, a.rounding, b.rounding, '/rounding', 'rounding', (x, y) => diffFields(out, x, y, '/rounding', '/rounding', { subject: { entity: 'rounding' }, order: schemaFieldOrder('rounding') }));
  return out.items;
}

function diffGrading(out: ChangeList, a: Scheme, b: Scheme): void {
  const x = a.grading as JsonObject;
  const y = b.grading as JsonObject;
  diffFields(out, x, y, '/grading', '/grading', { subject: { entity: 'grading' }, rules: ['rule'], skip: ['grades', 'bands'] });
  diffKeyedList(out, a.grading.grades, b.grading.grades, '/grading/grades', '/grading/grades', { entity: 'grade', order: ['key', 'title', 'coefficient'] });
  diffKeyedList(out, a.grading.bands, b.grading.bands, '/grading/bands', '/grading/bands', { entity: 'band', identity: 'grade', order: schemaFieldOrder('band') });
}

function diffPopulation(out: ChangeList, a: Scheme, b: Scheme): void {
  diffKeyedList(out, a.population?.values, b.population?.values, '/population/values', '/population/values', {
    entity: 'populationValue',
    order: schemaFieldOrder('populationValue'),
  });
  const pointer = '/population/distribution';
  diffSection(out, a.population?.distribution, b.population?.distribution, pointer, 'distribution', (x, y) => {
    diffFields(out, x, y, pointer, pointer, { subject: { entity: 'distribution' }, order: schemaFieldOrder('distribution'), skip: ['quotas'] });
    diffKeyedMap(out, asObject(x.quotas), asObject(y.quotas), `${pointer}/quotas`, `${pointer}/quotas`, { entity: 'quota', order: ['share', 'min', 'max'] });
  });
}

/** An optional top-level section: added, removed, or compared by `compare`. */
function diffSection(out: ChangeList, a: object | undefined, b: object | undefined, pointer: string, entity: Extract<ChangeEntity, 'raters' | 'rounding' | 'distribution'>, compare: (a: JsonObject, b: JsonObject) => void): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined) out.add('added', pointer, { entity }, { after: b });
  else if (b === undefined) out.add('removed', pointer, { entity }, { before: a });
  else compare(a as JsonObject, b as JsonObject);
}

function asList(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

function asObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? value : undefined;
}
