/**
 * @module 2-analyze/codes
 * The catalogue of analysis findings, one entry per stable code: its default severity, what it
 * means and the args of its message (worded in every language in `wording.ts`). Checks never
 * write message text themselves; they call `finding(code, pointer, args)`, so wording stays
 * consistent and every code the analyzer can emit is listed here (as Svelte's compile errors are).
 */
import { readablePath } from '../1-parse/parse.ts';
import type { Finding, Severity } from './types.ts';
import { englishFindingMessage } from './wording.ts';

/** A weight-matrix row: the default row, or the row of one position. */
export interface RowRef {
  position?: string;
}

/** A stretch of the number line, e.g. "from 50 (excluded) to 60 (excluded)" or "at 95". */
export type RangeText = string;

interface Entry<A> {
  severity: Severity;
  /** What the code means, for docs and the studio's help. */
  doc: string;
  /** The args its message is filled with (a type only: the wording is in `wording.ts`). */
  readonly args?: A;
}

function define<A>(severity: Severity, doc: string): Entry<A> {
  return { severity, doc };
}

/** Every code analysis can report. */
export const CATALOGUE = {
  // ── weights ──────────────────────────────────────────────────────────────
  weights_not_100: define<{ row: RowRef; dimension?: string; sum: number }>(
    'error',
    'With weighted aggregation the indicator weights of each row (within each dimension, when there are dimensions) must sum to 100.'
  ),
  dimension_weights_not_100: define<{ row: RowRef; sum: number }>(
    'error',
    'With weighted aggregation the dimension weights of each row must sum to 100.'
  ),
  derived_weights_not_100: define<{ derived: string; sum: number }>(
    'error',
    'The dimension weights of a derived score must sum to 100.'
  ),
  unknown_weight_indicator: define<{ row: RowRef; key: string }>(
    'error',
    'A weight row names an indicator that does not exist.'
  ),
  unknown_weight_dimension: define<{ row?: RowRef; derived?: string; key: string }>(
    'error',
    'A weight row or derived score names a dimension that does not exist.'
  ),
  unknown_dimension: define<{ indicator: string; dimension: string }>(
    'error',
    'An indicator belongs to a dimension that is not declared.'
  ),
  missing_dimension: define<{ indicator: string }>(
    'error',
    'The scheme has dimensions but an indicator belongs to none, so it counts towards no subtotal.'
  ),
  missing_dimension_weight: define<{ row: RowRef; dimension: string }>(
    'error',
    'A row weights indicators of a dimension that has no weight in that row, so they do not count.'
  ),
  default_row_empty: define<Record<string, never>>(
    'info',
    'The default weight row is empty; it only matters for employees whose position has no row of its own.'
  ),

  // ── bands ────────────────────────────────────────────────────────────────
  band_gap: define<{ where?: string; what: 'totals' | 'values'; noun: string; range: RangeText }>(
    'error',
    'Grading bands (or the rows of a band table without a fallback) must cover every value; edges must leave no gap.'
  ),
  band_gap_fallback: define<{ where?: string; what: 'totals' | 'values'; noun: string; range: RangeText }>(
    'warning',
    'A band table with a fallback leaves a gap; values there get the fallback, which may not be intended.'
  ),
  band_overlap: define<{ where?: string; nouns: string; names: string[]; range: RangeText; point: boolean }>(
    'error',
    'Bands must not overlap: every value belongs to exactly one band. Make edges explicit with includeMin/includeMax.'
  ),
  band_inverted: define<{ where?: string; name: string; min: number; max: number }>(
    'error',
    'A band whose min is not below its max covers nothing (a single value needs min = max with both edges included).'
  ),
  band_row_invalid: define<{ where: string; row: number; problem: string }>(
    'error',
    'Every row of a band table is an object with a "value" and at least one of "min" and "max".'
  ),
  band_table_unchecked: define<{ where?: string; rows: number; max: number }>(
    'info',
    'A band table too large for the coverage check; its gaps and overlaps are not checked.'
  ),
  undeclared_grade: define<{ subject: string; grade: string }>(
    'error',
    'Bands, adjustments and quotas may only use grades declared in grading.grades.'
  ),

  // ── forced distribution ──────────────────────────────────────────────────
  quota_shares_not_1: define<{ sum: number }>(
    'error',
    'In exact mode the quota shares must sum to 1 (everyone gets a grade).'
  ),
  quota_mixed: define<{ grade: string }>(
    'error',
    'A quota sets share (exact mode) together with min or max (limits mode).'
  ),
  quota_wrong_mode: define<{ grade: string; field: string; mode: 'exact' | 'limits' }>(
    'error',
    'A quota field belongs to the other distribution mode and would be ignored.'
  ),
  quota_min_above_max: define<{ grade: string; min: number; max: number }>(
    'error',
    "A quota's min is above its max."
  ),
  quota_infeasible: define<{ reason: string }>('error', 'The quotas cannot all be met at once.'),

  // ── rules and references ─────────────────────────────────────────────────
  unknown_reference: define<{ owner: string; path: string; why: string }>(
    'error',
    'A rule or source names something the scheme does not declare.'
  ),
  self_reference: define<{ indicator: string }>(
    'error',
    "An indicator's score rule reads its own score."
  ),
  dynamic_var: define<{ owner: string }>(
    'warning',
    'A var whose path is computed at run time cannot be checked before the scheme runs.'
  ),
  unknown_operator: define<{ owner: string; message: string }>('error', 'A rule uses an operator the engine does not know.'),
  bad_arity: define<{ owner: string; message: string }>('error', 'An operator gets the wrong number of arguments.'),
  too_deep: define<{ owner: string; message: string }>('error', 'A rule nests deeper than the engine allows.'),
  too_many_nodes: define<{ owner: string; message: string }>('error', 'A rule is larger than the engine allows.'),
  string_too_long: define<{ owner: string; message: string }>('error', 'A rule holds a string longer than the engine allows.'),
  array_too_long: define<{ owner: string; message: string }>('error', 'A rule holds an array longer than the engine allows.'),
  forbidden_path: define<{ owner: string; message: string }>(
    'error',
    'A var path uses a forbidden segment (__proto__, constructor, prototype).'
  ),
  not_json: define<{ owner: string; message: string }>('error', 'A rule holds a value JSON cannot carry (NaN, Infinity, undefined, a function).'),
  indicator_cycle: define<{ cycle: string[] }>(
    'error',
    'Indicators (possibly through population values) depend on each other in a circle, so none can be computed first.'
  ),

  // ── polarity and units ───────────────────────────────────────────────────
  polarity_mismatch: define<{ indicator: string; polarity: string; input: string; from: number; to: number; scoreFrom: number; scoreTo: number }>(
    'warning',
    "Probing the score rule shows it moving against the indicator's polarity."
  ),
  count_unit_decimals: define<{ input: string; unit: string; problem: string }>(
    'warning',
    'An input counted in whole things (count, 次, times, people, 人) allows fractions.'
  ),
  percent_unit_range: define<{ input: string; maximum: number }>(
    'warning',
    'A percentage input allows values above 1000, which suggests a unit mistake.'
  ),
  unit_polarity_suspect: define<{ indicator: string; title: string; unit: string }>(
    'warning',
    'An indicator about errors is measured in money and marked higher-better (the seed R13 mistake).'
  ),

  // ── parameters and usage ─────────────────────────────────────────────────
  param_unfilled: define<{ param: string; template: boolean }>(
    'error',
    'A parameter has no value. An error in a scheme; in a template (template: true) only info, but a department copy must fill it before publishing.'
  ),
  param_type_mismatch: define<{ param: string; declared: string; actual: string }>(
    'error',
    "A parameter's value does not match its declared type."
  ),
  unused_param: define<{ param: string }>('info', 'A parameter no rule reads.'),
  unused_input: define<{ input: string }>(
    'warning',
    'An input nothing reads: it is collected for nothing.'
  ),
  unused_population_value: define<{ key: string }>('info', 'A population value no rule reads.'),

  // ── design advice ────────────────────────────────────────────────────────
  kpi_count_advice: define<{ row: RowRef; count: number }>(
    'warning',
    'The source methodology advises 5–8 KPIs per post (「最多定义出 5—8 个」).'
  ),
  weight_below_5: define<{ row: RowRef; indicator: string; weight: number }>(
    'warning',
    'The source methodology advises at least 5% weight per goal (「不小于5%权重」).'
  ),
  indicator_missing_unit: define<{ indicator: string }>('info', 'An indicator does not state its unit.'),
  indicator_missing_polarity: define<{ indicator: string }>(
    'info',
    'An indicator does not state its polarity; higher-better is assumed.'
  ),

  // ── structure ────────────────────────────────────────────────────────────
  duplicate_key: define<{ what: string; key: string; first: string; again: string }>(
    'error',
    'Two entries of a list share a key.'
  ),
  rater_weights_not_100: define<{ sum: number }>('error', 'Rater group weights must sum to 100.'),
  raters_missing: define<{ input: string }>(
    'error',
    'A multi-rater input needs the raters section that says how ratings are combined.'
  ),
  raters_unused: define<Record<string, never>>('info', 'Rater groups are defined but no input is multi-rater.'),
  population_missing_field: define<{ key: string; kind: string; fields: string[] }>(
    'error',
    'A population value lacks a field its kind needs (rank-linear: best and worst; top-share-min: share; percentile: percentile).'
  ),
} as const;

/** Every finding code. */
export type FindingCode = keyof typeof CATALOGUE;

/** The arguments the message of `C` needs. */
export type FindingArgs<C extends FindingCode> = (typeof CATALOGUE)[C] extends Entry<infer A> ? A : never;

/**
 * Build a finding from the catalogue.
 * @example
 * finding('weights_not_100', '/weights/positions/driver/indicators', { row: { position: 'driver' }, sum: 90 })
 * // { severity: 'error', code: 'weights_not_100', path: 'weights.positions.driver.indicators',
 * //   message: 'Weights for position "driver" sum to 90, not 100.', … }
 */
export function finding<C extends FindingCode>(code: C, pointer: string, args: FindingArgs<C>, severity?: Severity): Finding {
  const entry = CATALOGUE[code] as Entry<FindingArgs<C>>;
  const flat = flatArgs(args as object);
  return { severity: severity ?? entry.severity, code, pointer, path: readablePath(pointer), message: englishFindingMessage(code, flat), args: flat };
}

/**
 * The values a message was filled with, flat, for translating it elsewhere (the studio):
 * a row becomes `position` (absent for the default row), a list stays a list of strings (its
 * length also kept as `<name>Count`), a flag becomes 'true' or 'false', absent values are left out.
 * @example
 * flatArgs({ row: { position: 'driver' }, sum: 90 })            // { position: 'driver', sum: 90 }
 * flatArgs({ names: ['A', 'B'], point: true, where: undefined }) // { names: ['A', 'B'], namesCount: 2, point: 'true' }
 */
export function flatArgs(args: object): Record<string, string | number | string[]> {
  const out: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(args) as Array<[string, unknown]>) {
    if (value === undefined || value === null) continue;
    if (name === 'row' && typeof value === 'object') {
      const position = (value as RowRef).position;
      if (position !== undefined) out.position = position;
    } else if (Array.isArray(value)) {
      out[name] = value.map(String);
      out[`${name}Count`] = value.length;
    } else if (typeof value === 'boolean') {
      out[name] = String(value);
    } else if (typeof value === 'number' || typeof value === 'string') {
      out[name] = value;
    } else {
      out[name] = String(value);
    }
  }
  return out;
}
