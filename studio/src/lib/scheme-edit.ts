/**
 * @module lib/scheme-edit
 * Edits the designer makes to a draft document that touch more than one place: an indicator
 * renamed or removed is renamed or removed in every weight row too.
 * All functions mutate the document they are given (the designer's reactive draft).
 */
import type { Adjustment, Indicator, Scheme, WeightSet } from '../../../schemas/generated/scheme.ts';

/** Move an array element by delta (−1 up, +1 down); out-of-range moves do nothing. */
export function move<T>(list: T[], index: number, delta: number): void {
  const to = index + delta;
  if (to < 0 || to >= list.length) return;
  const [item] = list.splice(index, 1);
  list.splice(to, 0, item as T);
}

/** A key not in `taken`: base, base_2, base_3, … */
export function uniqueKey(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

/** Every weight set of the matrix: the default row and each position's row. */
export function weightSets(doc: Scheme): WeightSet[] {
  return [doc.weights?.default, ...Object.values(doc.weights?.positions ?? {})].filter((w): w is WeightSet => !!w);
}

function renameKey(map: Record<string, number> | undefined, from: string, to: string): void {
  if (!map || !Object.hasOwn(map, from)) return;
  // Keep the key's place in the row.
  const entries = Object.entries(map).map(([k, v]) => [k === from ? to : k, v] as const);
  for (const k of Object.keys(map)) delete map[k];
  for (const [k, v] of entries) map[k] = v;
}

/** Rename an indicator and its weights. */
export function renameIndicator(doc: Scheme, from: string, to: string): void {
  if (from === to) return;
  for (const ind of doc.indicators) if (ind.key === from) ind.key = to;
  for (const set of weightSets(doc)) renameKey(set.indicators, from, to);
}

/** Remove an indicator and its weights. */
export function removeIndicator(doc: Scheme, index: number): void {
  const [removed] = doc.indicators.splice(index, 1);
  if (!removed) return;
  if (doc.indicators.some((i) => i.key === removed.key)) return; // a duplicate key remains
  for (const set of weightSets(doc)) if (set.indicators && Object.hasOwn(set.indicators, removed.key)) delete set.indicators[removed.key];
}

/** Add an indicator scoring the first numeric input directly (0–100), with no weight yet. */
export function addIndicator(doc: Scheme, title: string): Indicator {
  const key = uniqueKey('indicator', doc.indicators.map((i) => i.key));
  const input = Object.entries(doc.inputs ?? {}).find(([, d]) => d.type === 'number' || d.type === 'integer')?.[0];
  const indicator: Indicator = { key, title, polarity: 'higher-better', min: 0, max: 100, score: input ? { clamp: [{ var: `inputs.${input}` }, 0, 100] } : 0 };
  doc.indicators.push(indicator);
  return indicator;
}

/** Rename a dimension in indicators and weight rows. */
export function renameDimension(doc: Scheme, from: string, to: string): void {
  if (from === to) return;
  for (const d of doc.dimensions ?? []) if (d.key === from) d.key = to;
  for (const ind of doc.indicators) if (ind.dimension === from) ind.dimension = to;
  for (const set of weightSets(doc)) renameKey(set.dimensions, from, to);
}

/** Rename a grade in bands, quotas and adjustments. */
export function renameGrade(doc: Scheme, from: string, to: string): void {
  if (from === to) return;
  for (const g of doc.grading.grades) if (g.key === from) g.key = to;
  for (const b of doc.grading.bands ?? []) if (b.grade === from) b.grade = to;
  for (const a of doc.adjustments ?? []) if (a.grade === from) a.grade = to;
  const quotas = doc.population?.distribution?.quotas;
  if (quotas && Object.hasOwn(quotas, from)) {
    quotas[to] = quotas[from]!;
    delete quotas[from];
  }
  for (const limit of doc.population?.distribution?.groupLimits ?? []) limit.grades = limit.grades.map((g) => (g === from ? to : g)) as typeof limit.grades;
}

/** Rename an input in its declaration only (rules that read it are left to the author). */
export function renameRecordKey<T>(record: Record<string, T>, from: string, to: string): void {
  if (from === to || !Object.hasOwn(record, from) || Object.hasOwn(record, to)) return;
  const entries = Object.entries(record).map(([k, v]) => [k === from ? to : k, v] as const);
  for (const k of Object.keys(record)) delete record[k];
  for (const [k, v] of entries) record[k] = v;
}

/**
 * Fill in the parts the designer's editors expect, without changing a valid document's meaning:
 * empty inputs, indicators, weights and grades where they are missing entirely.
 */
export function normalizeDraft(raw: Record<string, unknown>): Scheme {
  const doc = raw as unknown as Scheme;
  if (typeof doc.inputs !== 'object' || doc.inputs === null || Array.isArray(doc.inputs)) doc.inputs = {};
  if (!Array.isArray(doc.indicators)) (doc as { indicators: Indicator[] }).indicators = [];
  if (typeof doc.weights !== 'object' || doc.weights === null) doc.weights = { default: { indicators: {} } };
  if (typeof doc.weights.default !== 'object' || doc.weights.default === null) doc.weights.default = { indicators: {} };
  if (typeof doc.grading !== 'object' || doc.grading === null) (doc as { grading: unknown }).grading = { grades: [] };
  if (!Array.isArray(doc.grading.grades)) (doc.grading as { grades: unknown }).grades = [];
  return doc;
}

/** Replace every `{ "var": from }` (and `from.x` sub-paths) in a rule, in place; returns the rule. */
function renameVarIn(rule: unknown, from: string, to: string): unknown {
  if (Array.isArray(rule)) return rule.map((r) => renameVarIn(r, from, to));
  if (rule && typeof rule === 'object') {
    const obj = rule as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1 && keys[0] === 'var') {
      const v = obj.var;
      if (typeof v === 'string' && (v === from || v.startsWith(`${from}.`))) return { var: to + v.slice(from.length) };
      if (Array.isArray(v) && typeof v[0] === 'string' && (v[0] === from || v[0].startsWith(`${from}.`))) return { var: [to + v[0].slice(from.length), ...v.slice(1)] };
      return rule;
    }
    return Object.fromEntries(keys.map((k) => [k, renameVarIn(obj[k], from, to)]));
  }
  return rule;
}

/**
 * Rename a variable path in every rule of the scheme (indicator scores, adjustments, the grading
 * rule, population sources), e.g. after renaming an input.
 * @example renameVar(doc, 'inputs.complaints', 'inputs.valid_complaints')
 */
export function renameVar(doc: Scheme, from: string, to: string): void {
  for (const ind of doc.indicators) ind.score = renameVarIn(ind.score, from, to) as Indicator['score'];
  for (const adj of doc.adjustments ?? []) {
    if (adj.when !== undefined) adj.when = renameVarIn(adj.when, from, to) as Adjustment['when'];
    if (adj.points !== undefined) adj.points = renameVarIn(adj.points, from, to) as Adjustment['points'];
  }
  if (doc.grading.rule !== undefined) doc.grading.rule = renameVarIn(doc.grading.rule, from, to) as Scheme['grading']['rule'];
  for (const v of doc.population?.values ?? []) if (v.source === from || v.source.startsWith(`${from}.`)) v.source = to + v.source.slice(from.length);
}
