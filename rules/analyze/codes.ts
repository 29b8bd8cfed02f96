/**
 * @module analyze/codes
 * The catalogue of analysis findings, one entry per stable code: its default severity, what it
 * means, and the function that words its message. Checks never write message text themselves;
 * they call `finding(code, pointer, args)`, so wording stays consistent and every code the
 * analyzer can emit is listed here (Svelte's compile-error catalogue works the same way).
 */
import { readablePath } from '../scheme/parse.ts';
import type { Finding, Severity } from './types.ts';

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
  message: (args: A) => string;
}

function define<A>(severity: Severity, doc: string, message: (args: A) => string): Entry<A> {
  return { severity, doc, message };
}

const q = (s: string | number) => `"${s}"`;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** 'Weights for position "driver"' / 'Default weights'. */
const weightsOf = (row: RowRef) => (row.position === undefined ? 'Default weights' : `Weights for position ${q(row.position)}`);
/** ' for position "driver"' / ' in the default row'. */
const forRow = (row: RowRef) => (row.position === undefined ? ' in the default row' : ` for position ${q(row.position)}`);
/** Prefix a sentence with where it happens: 'Indicator "x" score: no band …' or 'No band …'. */
const at = (where: string | undefined, sentence: string) => (where ? `${where}: ${sentence}` : cap(sentence));
const list = (names: readonly string[]) => (names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** Every code analysis can report. */
export const CATALOGUE = {
  // ── weights ──────────────────────────────────────────────────────────────
  weights_not_100: define<{ row: RowRef; dimension?: string; sum: number }>(
    'error',
    'With weighted aggregation the indicator weights of each row (within each dimension, when there are dimensions) must sum to 100.',
    ({ row, dimension, sum }) =>
      dimension === undefined
        ? `${weightsOf(row)} sum to ${sum}, not 100.`
        : row.position === undefined
          ? `Default weights of dimension ${q(dimension)} sum to ${sum}, not 100.`
          : `Weights of dimension ${q(dimension)} for position ${q(row.position)} sum to ${sum}, not 100.`,
  ),
  dimension_weights_not_100: define<{ row: RowRef; sum: number }>(
    'error',
    'With weighted aggregation the dimension weights of each row must sum to 100.',
    ({ row, sum }) => (row.position === undefined ? `Default dimension weights sum to ${sum}, not 100.` : `Dimension weights for position ${q(row.position)} sum to ${sum}, not 100.`),
  ),
  derived_weights_not_100: define<{ derived: string; sum: number }>(
    'error',
    'The dimension weights of a derived score must sum to 100.',
    ({ derived, sum }) => `Dimension weights of derived score ${q(derived)} sum to ${sum}, not 100.`,
  ),
  unknown_weight_indicator: define<{ row: RowRef; key: string }>(
    'error',
    'A weight row names an indicator that does not exist.',
    ({ row, key }) => `${weightsOf(row)} name ${q(key)}, which is not an indicator.`,
  ),
  unknown_weight_dimension: define<{ row?: RowRef; derived?: string; key: string }>(
    'error',
    'A weight row or derived score names a dimension that does not exist.',
    ({ row, derived, key }) =>
      `${derived === undefined ? weightsOf(row ?? {}) : `Derived score ${q(derived)} weights`} name dimension ${q(key)}, which is not declared in dimensions.`,
  ),
  unknown_dimension: define<{ indicator: string; dimension: string }>(
    'error',
    'An indicator belongs to a dimension that is not declared.',
    ({ indicator, dimension }) => `Indicator ${q(indicator)} belongs to dimension ${q(dimension)}, which is not declared in dimensions.`,
  ),
  missing_dimension: define<{ indicator: string }>(
    'error',
    'The scheme has dimensions but an indicator belongs to none, so it counts towards no subtotal.',
    ({ indicator }) => `Indicator ${q(indicator)} has no dimension, but the scheme has dimensions: it would count towards no subtotal.`,
  ),
  missing_dimension_weight: define<{ row: RowRef; dimension: string }>(
    'error',
    'A row weights indicators of a dimension that has no weight in that row, so they do not count.',
    ({ row, dimension }) => `${weightsOf(row)} weight indicators of dimension ${q(dimension)}, but that dimension has no weight there.`,
  ),
  default_row_empty: define<Record<string, never>>(
    'info',
    'The default weight row is empty; it only matters for employees whose position has no row of its own.',
    () => 'The default weight row is empty: employees whose position has no row in the weight matrix get no indicators.',
  ),

  // ── bands ────────────────────────────────────────────────────────────────
  band_gap: define<{ where?: string; what: 'totals' | 'values'; noun: string; range: RangeText }>(
    'error',
    'Grading bands (or the rows of a band table without a fallback) must cover every value; edges must leave no gap.',
    ({ where, what, noun, range }) => at(where, `no ${noun} covers ${what} ${range}.`),
  ),
  band_gap_fallback: define<{ where?: string; what: 'totals' | 'values'; noun: string; range: RangeText }>(
    'warning',
    'A band table with a fallback leaves a gap; values there get the fallback, which may not be intended.',
    ({ where, what, noun, range }) => at(where, `no ${noun} covers ${what} ${range}; they get the fallback.`),
  ),
  band_overlap: define<{ where?: string; nouns: string; names: string[]; range: RangeText; point: boolean }>(
    'error',
    'Bands must not overlap: every value belongs to exactly one band. Make edges explicit with includeMin/includeMax.',
    ({ where, nouns, names, range, point }) =>
      at(where, `${nouns} ${list(names)} overlap ${range}${point ? `: ${names.length === 2 ? 'both' : 'all'} include it` : ''}.`),
  ),
  band_inverted: define<{ where?: string; name: string; min: number; max: number }>(
    'error',
    'A band whose min is not below its max covers nothing (a single value needs min = max with both edges included).',
    ({ where, name, min, max }) => at(where, `${name} has min ${min} and max ${max}: it covers nothing.`),
  ),
  band_row_invalid: define<{ where: string; row: number; problem: string }>(
    'error',
    'Every row of a band table is an object with a "value" and at least one of "min" and "max".',
    ({ where, row, problem }) => `${where}: band row ${row} ${problem}.`,
  ),
  band_table_unchecked: define<{ where?: string; rows: number; max: number }>(
    'info',
    'A band table too large for the coverage check; its gaps and overlaps are not checked.',
    ({ where, rows, max }) => at(where, `the band table has ${rows} rows; gaps and overlaps are checked for tables of up to ${max} rows.`),
  ),
  undeclared_grade: define<{ subject: string; grade: string }>(
    'error',
    'Bands, adjustments and quotas may only use grades declared in grading.grades.',
    ({ subject, grade }) => `${subject} ${q(grade)}, which is not declared in grading.grades.`,
  ),

  // ── forced distribution ──────────────────────────────────────────────────
  quota_shares_not_1: define<{ sum: number }>(
    'error',
    'In exact mode the quota shares must sum to 1 (everyone gets a grade).',
    ({ sum }) => `Exact-mode quota shares sum to ${sum}, not 1.`,
  ),
  quota_mixed: define<{ grade: string }>(
    'error',
    'A quota sets share (exact mode) together with min or max (limits mode).',
    ({ grade }) => `The quota for grade ${q(grade)} mixes share with min/max: share is for exact mode, min and max for limits mode.`,
  ),
  quota_wrong_mode: define<{ grade: string; field: string; mode: 'exact' | 'limits' }>(
    'error',
    'A quota field belongs to the other distribution mode and would be ignored.',
    ({ grade, field, mode }) => `The quota for grade ${q(grade)} sets ${field}, but the distribution is in ${mode} mode, which ignores it.`,
  ),
  quota_min_above_max: define<{ grade: string; min: number; max: number }>(
    'error',
    "A quota's min is above its max.",
    ({ grade, min, max }) => `The quota for grade ${q(grade)} has min ${min} above max ${max}.`,
  ),
  quota_infeasible: define<{ reason: string }>('error', 'The quotas cannot all be met at once.', ({ reason }) => `The quotas cannot be met: ${reason}.`),

  // ── rules and references ─────────────────────────────────────────────────
  unknown_reference: define<{ owner: string; path: string; why: string }>(
    'error',
    'A rule or source names something the scheme does not declare.',
    ({ owner, path, why }) => `${owner} reads ${q(path)}, ${why}.`,
  ),
  self_reference: define<{ indicator: string }>(
    'error',
    "An indicator's score rule reads its own score.",
    ({ indicator }) => `Indicator ${q(indicator)} reads its own score (indicators.${indicator}).`,
  ),
  dynamic_var: define<{ owner: string }>(
    'warning',
    'A var whose path is computed at run time cannot be checked before the scheme runs.',
    ({ owner }) => `${owner} reads a variable whose name is computed at run time; analysis cannot check it.`,
  ),
  unknown_operator: define<{ owner: string; message: string }>('error', 'A rule uses an operator the engine does not know.', ({ owner, message }) => `${owner}: ${message}`),
  bad_arity: define<{ owner: string; message: string }>('error', 'An operator gets the wrong number of arguments.', ({ owner, message }) => `${owner}: ${message}`),
  too_deep: define<{ owner: string; message: string }>('error', 'A rule nests deeper than the engine allows.', ({ owner, message }) => `${owner}: ${message}`),
  too_many_nodes: define<{ owner: string; message: string }>('error', 'A rule is larger than the engine allows.', ({ owner, message }) => `${owner}: ${message}`),
  string_too_long: define<{ owner: string; message: string }>('error', 'A rule holds a string longer than the engine allows.', ({ owner, message }) => `${owner}: ${message}`),
  array_too_long: define<{ owner: string; message: string }>('error', 'A rule holds an array longer than the engine allows.', ({ owner, message }) => `${owner}: ${message}`),
  forbidden_path: define<{ owner: string; message: string }>(
    'error',
    'A var path uses a forbidden segment (__proto__, constructor, prototype).',
    ({ owner, message }) => `${owner}: ${message}`,
  ),
  not_json: define<{ owner: string; message: string }>('error', 'A rule holds a value JSON cannot carry (NaN, Infinity, undefined, a function).', ({ owner, message }) => `${owner}: ${message}`),
  indicator_cycle: define<{ cycle: string[] }>(
    'error',
    'Indicators (possibly through population values) depend on each other in a circle, so none can be computed first.',
    ({ cycle }) => `Indicators form a cycle: ${cycle.join(' → ')}.`,
  ),

  // ── polarity and units ───────────────────────────────────────────────────
  polarity_mismatch: define<{ indicator: string; polarity: string; input: string; from: number; to: number; scoreFrom: number; scoreTo: number }>(
    'warning',
    "Probing the score rule shows it moving against the indicator's polarity.",
    ({ indicator, polarity, input, from, to, scoreFrom, scoreTo }) =>
      `Indicator ${q(indicator)} is marked ${polarity}, but its score ${scoreTo > scoreFrom ? 'rises' : 'falls'} from ${scoreFrom} to ${scoreTo} as inputs.${input} goes from ${from} to ${to}.`,
  ),
  count_unit_decimals: define<{ input: string; unit: string; problem: string }>(
    'warning',
    'An input counted in whole things (count, 次, times, people, 人) allows fractions.',
    ({ input, unit, problem }) => `Input ${q(input)} is a count (${q(unit)}) but ${problem}.`,
  ),
  percent_unit_range: define<{ input: string; maximum: number }>(
    'warning',
    'A percentage input allows values above 1000, which suggests a unit mistake.',
    ({ input, maximum }) => `Input ${q(input)} is a percentage but allows up to ${maximum}; a rate above 1000% is more likely a unit mistake.`,
  ),
  unit_polarity_suspect: define<{ indicator: string; title: string; unit: string }>(
    'warning',
    'An indicator about errors is measured in money and marked higher-better (the seed R13 mistake).',
    ({ indicator, title, unit }) =>
      `Indicator ${q(indicator)} (${q(title)}) is about errors but is measured in ${q(unit)} and marked higher-better; errors are usually a count where lower is better.`,
  ),

  // ── parameters and usage ─────────────────────────────────────────────────
  param_unfilled: define<{ param: string; template: boolean }>(
    'error',
    'A parameter has no value. An error in a scheme; in a template (template: true) only info, but a department copy must fill it before publishing.',
    ({ param, template }) =>
      template ? `Parameter ${q(param)} is a template blank; a department's copy must fill it before publishing.` : `Parameter ${q(param)} has no value; fill it before publishing.`,
  ),
  param_type_mismatch: define<{ param: string; declared: string; actual: string }>(
    'error',
    "A parameter's value does not match its declared type.",
    ({ param, declared, actual }) => `Parameter ${q(param)} is declared ${declared}, but its value is ${actual}.`,
  ),
  unused_param: define<{ param: string }>('info', 'A parameter no rule reads.', ({ param }) => `Parameter ${q(param)} is not used by any rule.`),
  unused_input: define<{ input: string }>(
    'warning',
    'An input nothing reads: it is collected for nothing.',
    ({ input }) => `Input ${q(input)} is not used by any rule, population value or tie-break; it would be collected for nothing.`,
  ),
  unused_population_value: define<{ key: string }>('info', 'A population value no rule reads.', ({ key }) => `Population value ${q(key)} is not used by any rule.`),

  // ── design advice ────────────────────────────────────────────────────────
  kpi_count_advice: define<{ row: RowRef; count: number }>(
    'warning',
    'The source methodology advises 5–8 KPIs per post (「最多定义出 5—8 个」).',
    ({ row, count }) => `${row.position === undefined ? 'The default row' : `Position ${q(row.position)}`} has ${count} KPI${count === 1 ? '' : 's'}; 5–8 per post are advised.`,
  ),
  weight_below_5: define<{ row: RowRef; indicator: string; weight: number }>(
    'warning',
    'The source methodology advises at least 5% weight per goal (「不小于5%权重」).',
    ({ row, indicator, weight }) => `Indicator ${q(indicator)} weighs ${weight}%${forRow(row)}; each KPI should weigh at least 5%.`,
  ),
  indicator_missing_unit: define<{ indicator: string }>('info', 'An indicator does not state its unit.', ({ indicator }) => `Indicator ${q(indicator)} has no unit.`),
  indicator_missing_polarity: define<{ indicator: string }>(
    'info',
    'An indicator does not state its polarity; higher-better is assumed.',
    ({ indicator }) => `Indicator ${q(indicator)} does not state its polarity (higher-better is assumed).`,
  ),

  // ── structure ────────────────────────────────────────────────────────────
  duplicate_key: define<{ what: string; key: string; first: string; again: string }>(
    'error',
    'Two entries of a list share a key.',
    ({ what, key, first, again }) => `${cap(what)} key ${q(key)} is used more than once (${readablePath(first)} and ${readablePath(again)}).`,
  ),
  rater_weights_not_100: define<{ sum: number }>('error', 'Rater group weights must sum to 100.', ({ sum }) => `Rater group weights sum to ${sum}, not 100.`),
  raters_missing: define<{ input: string }>(
    'error',
    'A multi-rater input needs the raters section that says how ratings are combined.',
    ({ input }) => `Input ${q(input)} is collected from several raters, but the scheme has no raters section.`,
  ),
  raters_unused: define<Record<string, never>>('info', 'Rater groups are defined but no input is multi-rater.', () => 'The scheme defines rater groups, but no input is multi-rater.'),
  population_missing_field: define<{ key: string; kind: string; fields: string[] }>(
    'error',
    'A population value lacks a field its kind needs (rank-linear: best and worst; top-share-min: share; percentile: percentile).',
    ({ key, kind, fields }) => `Population value ${q(key)} (${kind}) needs ${list(fields.map((f) => q(f)))}.`,
  ),
} as const;

/** Every finding code. */
export type FindingCode = keyof typeof CATALOGUE;

/** The arguments the message of `C` needs. */
export type FindingArgs<C extends FindingCode> = Parameters<(typeof CATALOGUE)[C]['message']>[0];

/**
 * Build a finding from the catalogue.
 * @example
 * finding('weights_not_100', '/weights/positions/driver/indicators', { row: { position: 'driver' }, sum: 90 })
 * // { severity: 'error', code: 'weights_not_100', path: 'weights.positions.driver.indicators',
 * //   message: 'Weights for position "driver" sum to 90, not 100.', … }
 */
export function finding<C extends FindingCode>(code: C, pointer: string, args: FindingArgs<C>, severity?: Severity): Finding {
  const entry = CATALOGUE[code] as Entry<FindingArgs<C>>;
  return { severity: severity ?? entry.severity, code, pointer, path: readablePath(pointer), message: entry.message(args), args: flatArgs(args) };
}

/**
 * The values a message was filled with, flat, for translating it elsewhere (the studio):
 * a row becomes `position` (absent for the default row), a list is joined with ", " (its length
 * kept as `<name>Count`), a flag becomes 'true' or 'false', and absent values are left out.
 * @example
 * flatArgs({ row: { position: 'driver' }, sum: 90 })            // { position: 'driver', sum: 90 }
 * flatArgs({ names: ['A', 'B'], point: true, where: undefined }) // { names: 'A, B', namesCount: 2, point: 'true' }
 */
export function flatArgs(args: object): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(args) as Array<[string, unknown]>) {
    if (value === undefined || value === null) continue;
    if (name === 'row' && typeof value === 'object') {
      const position = (value as RowRef).position;
      if (position !== undefined) out.position = position;
    } else if (Array.isArray(value)) {
      out[name] = value.map(String).join(', ');
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
