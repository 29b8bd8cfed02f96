/**
 * @module lib/rule-patterns
 * The rule builder's patterns: small forms that generate an indicator's JSON Logic score rule.
 * Each pattern is `generate(state) → rule` plus `read(rule) → state`; a rule opens in a
 * pattern's form only when generating from what was read gives back exactly the same JSON, so
 * a form never silently rewrites a rule it does not fully understand (the raw editor shows it).
 *
 * The generated rules use the engine's domain operators (`steps`, `band`, `clamp`, `div`,
 * `lookup`, `interpolate`) and match the shapes the template library uses.
 *
 * One pattern reaches outside its rule: `rank-linear`. A rank among peers cannot be computed by
 * one employee's rule, so the engine computes it as a population value (`population.values`,
 * kind `rank-linear`) and the rule only reads it (`{"var":"population.<key>"}`). Its state
 * therefore carries the population value's settings; `upsertRankLinear` writes them into the
 * scheme and `recognize(rule, doc)` reads them back from it.
 *
 * @example
 * generate({ pattern: 'per-occurrence', count: { var: 'inputs.complaints' }, points: { kind: 'param', key: 'complaint_points' }, full: 100, floor: 0 })
 * // {"max":[0,{"-":[100,{"*":[{"var":"params.complaint_points"},{"var":"inputs.complaints"}]}]}]}
 */

import type { PopulationValue } from '../../../schemas/generated/scheme.ts';
import { stringifyCanonical } from '../../../rules/hash.ts';

/** Where a pattern reads a number: an input, another indicator or a population value. */
export interface VarRef {
  var: string;
}

/** The part of a scheme the rank-linear pattern reads and writes (its population values). */
export interface PopulationHolder {
  population?: { values?: PopulationValue[] };
}

/**
 * A number written in the rule, a scheme parameter (HR edits params without touching rules), or
 * an input (a target supplied per employee, e.g. the revenue plan).
 */
export type Operand = { kind: 'number'; value: number } | { kind: 'param'; key: string } | { kind: 'input'; key: string };

export type LadderOp = '>=' | '>' | '<=' | '<';
export const LADDER_OPS: readonly LadderOp[] = ['>=', '>', '<=', '<'];

export interface BandRowState {
  min: number | null;
  includeMin: boolean;
  max: number | null;
  includeMax: boolean;
  value: number;
}

/** Which side of the target is penalised: below (sales, completion) or above (cost, complaint rate). */
export type StepDirection = 'below' | 'above';
export type RankOrder = 'higher-better' | 'lower-better';

export type PatternState =
  | { pattern: 'direct'; x: VarRef; lo: number | null; hi: number | null }
  | { pattern: 'ratio'; actual: VarRef; target: Operand; full: number; cap: number | null }
  | { pattern: 'step-deduction'; direction: StepDirection; actual: VarRef; target: Operand; full: number; step: number; points: Operand; floor: number; rounding: 'floor' | 'ceil' }
  | { pattern: 'per-occurrence'; count: VarRef; points: Operand; full: number; floor: number }
  | { pattern: 'severity'; classes: Array<{ count: VarRef; points: Operand }>; full: number; floor: number }
  | { pattern: 'capped-bonus'; count: VarRef; points: Operand; cap: Operand; base: number }
  | { pattern: 'band'; x: VarRef; rows: BandRowState[]; fallback: number | null }
  | { pattern: 'ladder'; x: VarRef; op: LadderOp; rungs: Array<{ threshold: Operand; points: number }>; otherwise: number }
  | { pattern: 'curve'; x: VarRef; points: Array<{ x: number; y: number }> }
  | { pattern: 'rating'; x: VarRef; table: Array<{ point: number; score: number }>; fallback: number | null }
  | { pattern: 'lookup'; x: VarRef; table: Array<{ key: string; score: number }>; fallback: number | null }
  | { pattern: 'checklist'; earned: VarRef; applicable: Operand; full: number; none: number }
  | { pattern: 'rank-linear'; key: string; source: string; order: RankOrder; scope: string; best: number; worst: number };

export type PatternName = PatternState['pattern'];
export const PATTERNS: readonly PatternName[] = ['direct', 'ratio', 'step-deduction', 'per-occurrence', 'severity', 'capped-bonus', 'band', 'ladder', 'curve', 'rating', 'lookup', 'checklist', 'rank-linear'];

/** JSON for an operand. */
export function operandJson(o: Operand): unknown {
  return o.kind === 'number' ? o.value : { var: `${o.kind === 'param' ? 'params' : 'inputs'}.${o.key}` };
}

/** The JSON Logic rule of a pattern state. */
export function generate(state: PatternState): unknown {
  switch (state.pattern) {
    case 'direct':
      return state.lo === null && state.hi === null ? varJson(state.x) : { clamp: [varJson(state.x), state.lo, state.hi] };
    case 'ratio':
      // actual × full ÷ target (0 when the target is 0), within [0, cap]
      return { clamp: [{ div: [{ '*': [varJson(state.actual), state.full] }, operandJson(state.target), 0] }, 0, state.cap] };
    case 'ladder':
      return { if: [...state.rungs.flatMap((r) => [{ [state.op]: [varJson(state.x), operandJson(r.threshold)] }, r.points]), state.otherwise] };
    case 'step-deduction': {
      // achievement % = actual × 100 ÷ target (0 when the target is 0); the gap is in % of target
      const achievement = { div: [{ '*': [varJson(state.actual), 100] }, operandJson(state.target), 0] };
      // below: 100 − min(100, achievement); above: achievement − 100 (steps counts 0 for a gap ≤ 0)
      const gap = state.direction === 'below' ? { '-': [100, { min: [100, achievement] }] } : { '-': [achievement, 100] };
      return { max: [state.floor, { '-': [state.full, { '*': [operandJson(state.points), { steps: [gap, state.step, state.rounding] }] }] }] };
    }
    case 'per-occurrence':
      return { max: [state.floor, { '-': [state.full, { '*': [operandJson(state.points), varJson(state.count)] }] }] };
    case 'severity':
      // full − Σ points × count over the classes, never below the floor
      return { max: [state.floor, { '-': [state.full, { '+': state.classes.map((c) => ({ '*': [operandJson(c.points), varJson(c.count)] })) }] }] };
    case 'curve':
      return { interpolate: [varJson(state.x), state.points.map((p) => [p.x, p.y])] };
    case 'lookup':
      return { lookup: [Object.fromEntries(state.table.map((r) => [r.key, r.score])), varJson(state.x), state.fallback] };
    case 'checklist':
      // earned × full ÷ applicable, `none` when nothing applies, never above full (bad data such as 11 of 10)
      return { min: [state.full, { div: [{ '*': [varJson(state.earned), state.full] }, operandJson(state.applicable), state.none] }] };
    case 'rank-linear':
      return { var: `population.${state.key}` };
    case 'capped-bonus': {
      const bonus = { min: [operandJson(state.cap), { '*': [operandJson(state.points), varJson(state.count)] }] };
      return state.base === 0 ? bonus : { '+': [state.base, bonus] };
    }
    case 'band':
      return { band: [varJson(state.x), state.rows.map(bandRowJson), state.fallback] };
    case 'rating':
      return { lookup: [Object.fromEntries(state.table.map((r) => [String(r.point), r.score])), varJson(state.x), state.fallback] };
  }
}

/** A band row with explicit edges: an edge's inclusion is written whenever the edge exists. */
export function bandRowJson(row: BandRowState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (row.min !== null) {
    out.min = row.min;
    out.includeMin = row.includeMin;
  }
  if (row.max !== null) {
    out.max = row.max;
    out.includeMax = row.includeMax;
  }
  if (row.min === null && row.max === null) out.min = null; // a row needs an edge besides its value
  out.value = row.value;
  return out;
}

function varJson(ref: VarRef): VarRef {
  return { var: ref.var };
}

// ── reading ────────────────────────────────────────────────────────────────

type Json = unknown;

function op(rule: Json, name: string, arity?: number): Json[] | undefined {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return undefined;
  const keys = Object.keys(rule);
  if (keys.length !== 1 || keys[0] !== name) return undefined;
  const args = (rule as Record<string, Json>)[name];
  if (!Array.isArray(args) || (arity !== undefined && args.length !== arity)) return undefined;
  return args;
}

function readVar(rule: Json): VarRef | undefined {
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return undefined;
  const keys = Object.keys(rule);
  const v = (rule as Record<string, Json>).var;
  return keys.length === 1 && typeof v === 'string' && /^(inputs|indicators|population)\.[^.]+$/.test(v) ? { var: v } : undefined;
}

function readOperand(rule: Json): Operand | undefined {
  if (typeof rule === 'number' && Number.isFinite(rule)) return { kind: 'number', value: rule };
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule)) return undefined;
  const v = (rule as Record<string, Json>).var;
  if (Object.keys(rule).length !== 1 || typeof v !== 'string') return undefined;
  const match = /^(params|inputs)\.([^.]+)$/.exec(v);
  if (!match) return undefined;
  return { kind: match[1] === 'params' ? 'param' : 'input', key: match[2]! };
}

const isNum = (x: Json): x is number => typeof x === 'number' && Number.isFinite(x);
const numOrNull = (x: Json): number | null | undefined => (x === null ? null : isNum(x) ? x : undefined);

function readers(rule: Json, doc?: PopulationHolder): Array<PatternState | undefined> {
  const out: Array<PatternState | undefined> = [];
  // rank-linear: population.<key> where the scheme defines <key> as a rank-linear value
  const plain = readVar(rule);
  const rank = plain && doc ? readRankLinear(plain, doc) : undefined;
  if (rank) out.push(rank);
  // direct: the value itself, or clamp(value, lo, hi)
  if (plain) out.push({ pattern: 'direct', x: plain, lo: null, hi: null });
  const clamp = op(rule, 'clamp', 3);
  if (clamp) {
    const x = readVar(clamp[0]);
    const lo = numOrNull(clamp[1]);
    const hi = numOrNull(clamp[2]);
    if (x && lo !== undefined && hi !== undefined) out.push({ pattern: 'direct', x, lo, hi });
    // ratio: clamp(div(actual × full, target, 0), 0, cap)
    const div = op(clamp[0], 'div', 3);
    const mul = div && op(div[0], '*', 2);
    const actual = mul && readVar(mul[0]);
    const target = div && readOperand(div[1]);
    const cap = numOrNull(clamp[2]);
    if (mul && actual && target && isNum(mul[1]) && cap !== undefined) out.push({ pattern: 'ratio', actual, target, full: mul[1], cap });
  }
  // ladder: if(x ≥ t1, p1, x ≥ t2, p2, …, otherwise)
  const chain = op(rule, 'if');
  if (chain && chain.length >= 3 && chain.length % 2 === 1) {
    const rungs: Array<{ threshold: Operand; points: number }> = [];
    let x: VarRef | undefined;
    let comparison: LadderOp | undefined;
    let ok = true;
    for (let i = 0; i + 1 < chain.length; i += 2) {
      const cond = chain[i];
      const name = cond && typeof cond === 'object' && !Array.isArray(cond) ? Object.keys(cond)[0] : undefined;
      const args = name && LADDER_OPS.includes(name as LadderOp) ? op(cond, name, 2) : undefined;
      const left = args && readVar(args[0]);
      const threshold = args && readOperand(args[1]);
      const points = chain[i + 1];
      if (!left || !threshold || !isNum(points) || (x && x.var !== left.var) || (comparison && comparison !== name)) {
        ok = false;
        break;
      }
      x = left;
      comparison = name as LadderOp;
      rungs.push({ threshold, points });
    }
    const otherwise = chain[chain.length - 1];
    if (ok && x && comparison && isNum(otherwise)) out.push({ pattern: 'ladder', x, op: comparison, rungs, otherwise });
  }
  // step-deduction and per-occurrence: max(floor, full − points × …)
  const max = op(rule, 'max', 2);
  const minus = max && op(max[1], '-', 2);
  const times = minus && op(minus[1], '*', 2);
  if (max && minus && times && isNum(max[0]) && isNum(minus[0])) {
    const points = readOperand(times[0]);
    const count = readVar(times[1]);
    if (points && count) out.push({ pattern: 'per-occurrence', count, points, full: minus[0], floor: max[0] });
    const steps = op(times[1], 'steps', 3);
    const gap = steps && op(steps[0], '-', 2);
    // below: 100 − min(100, achievement); above: achievement − 100
    const direction: StepDirection = gap && gap[1] === 100 ? 'above' : 'below';
    const achievement: Json = gap ? (direction === 'above' ? gap[0] : op(gap[1], 'min', 2)?.[1]) : undefined;
    const div = op(achievement, 'div', 3);
    const scaled = div && op(div[0], '*', 2);
    const actual = scaled && readVar(scaled[0]);
    const target = div && readOperand(div[1]);
    const rounding = steps?.[2];
    if (points && steps && actual && target && isNum(steps[1]) && (rounding === 'floor' || rounding === 'ceil')) {
      out.push({ pattern: 'step-deduction', direction, actual, target, full: minus[0], step: steps[1], points, floor: max[0], rounding });
    }
  }
  // severity: max(floor, full − (p1 × c1 + p2 × c2 + …))
  const sum = minus && op(minus[1], '+');
  if (max && minus && sum && sum.length > 0 && isNum(max[0]) && isNum(minus[0])) {
    const classes = sum.map((term) => {
      const product = op(term, '*', 2);
      const points = product && readOperand(product[0]);
      const count = product && readVar(product[1]);
      return points && count ? { count, points } : undefined;
    });
    if (classes.every((c) => c !== undefined)) out.push({ pattern: 'severity', classes: classes as Array<{ count: VarRef; points: Operand }>, full: minus[0], floor: max[0] });
  }
  // curve: interpolate(x, [[x0, y0], …])
  const curve = op(rule, 'interpolate', 2);
  if (curve && Array.isArray(curve[1]) && curve[1].length > 0) {
    const x = readVar(curve[0]);
    const points = (curve[1] as Json[]).map((p) => (Array.isArray(p) && p.length === 2 && isNum(p[0]) && isNum(p[1]) ? { x: p[0], y: p[1] } : undefined));
    if (x && points.every((p) => p !== undefined)) out.push({ pattern: 'curve', x, points: points as Array<{ x: number; y: number }> });
  }
  // checklist: min(full, div(earned × full, applicable, none))
  const checkMin = op(rule, 'min', 2);
  const checkDiv = checkMin && op(checkMin[1], 'div', 3);
  const checkMul = checkDiv && op(checkDiv[0], '*', 2);
  if (checkMin && checkDiv && checkMul && isNum(checkMin[0]) && isNum(checkDiv[2])) {
    const earned = readVar(checkMul[0]);
    const applicable = readOperand(checkDiv[1]);
    if (earned && applicable) out.push({ pattern: 'checklist', earned, applicable, full: checkMin[0], none: checkDiv[2] });
  }
  // capped-bonus: [base +] min(cap, points × count)
  const plus = op(rule, '+', 2);
  const bonusRule = plus && isNum(plus[0]) ? plus[1] : rule;
  const min = op(bonusRule, 'min', 2);
  const product = min && op(min[1], '*', 2);
  if (min && product) {
    const cap = readOperand(min[0]);
    const points = readOperand(product[0]);
    const count = readVar(product[1]);
    if (cap && points && count) out.push({ pattern: 'capped-bonus', count, points, cap, base: plus && isNum(plus[0]) ? plus[0] : 0 });
  }
  // band
  const band = op(rule, 'band', 3);
  if (band && Array.isArray(band[1])) {
    const x = readVar(band[0]);
    const rows = (band[1] as Json[]).map(readBandRow);
    const fallback = numOrNull(band[2]);
    if (x && rows.every((r): r is BandRowState => r !== undefined) && fallback !== undefined) out.push({ pattern: 'band', x, rows, fallback });
  }
  // rating: lookup({point: score}, x, fallback)
  const lookup = op(rule, 'lookup', 3);
  if (lookup && typeof lookup[0] === 'object' && lookup[0] !== null && !Array.isArray(lookup[0])) {
    const x = readVar(lookup[1]);
    const entries = Object.entries(lookup[0] as Record<string, Json>);
    const table = entries.map(([k, v]) => (isNum(v) && k.trim() !== '' && Number.isFinite(Number(k)) ? { point: Number(k), score: v } : undefined));
    const fallback = numOrNull(lookup[2]);
    if (x && table.every((r) => r !== undefined) && fallback !== undefined) out.push({ pattern: 'rating', x, table: table as Array<{ point: number; score: number }>, fallback });
    // lookup: any keys (text such as 优秀/良好 or A–D); a numeric table reads as rating first
    const scores = entries.map(([key, v]) => (isNum(v) ? { key, score: v } : undefined));
    if (x && scores.every((r) => r !== undefined) && fallback !== undefined) out.push({ pattern: 'lookup', x, table: scores as Array<{ key: string; score: number }>, fallback });
  }
  return out;
}

function readRankLinear(ref: VarRef, doc: PopulationHolder): PatternState | undefined {
  if (!ref.var.startsWith('population.')) return undefined;
  const key = ref.var.slice('population.'.length);
  const def = doc.population?.values?.find((v) => v.key === key);
  if (!def || def.kind !== 'rank-linear') return undefined;
  return { pattern: 'rank-linear', key, source: def.source, order: def.order ?? 'higher-better', scope: def.scope ?? 'all', best: def.best ?? 100, worst: def.worst ?? 0 };
}

function readBandRow(row: Json): BandRowState | undefined {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return undefined;
  const r = row as Record<string, Json>;
  const min = r.min === undefined ? null : numOrNull(r.min);
  const max = r.max === undefined ? null : numOrNull(r.max);
  if (min === undefined || max === undefined || !isNum(r.value)) return undefined;
  const includeMin = r.includeMin === undefined ? true : r.includeMin;
  const includeMax = r.includeMax === undefined ? false : r.includeMax;
  if (typeof includeMin !== 'boolean' || typeof includeMax !== 'boolean') return undefined;
  return { min, includeMin, max, includeMax, value: r.value };
}

/**
 * The pattern a rule was built with, or null when only the raw editor can show it faithfully.
 * Pass the scheme to recognise rank-linear rules (their settings live in its population values).
 * @example recognize({ clamp: [{ div: [{ '*': [{ var: 'inputs.a' }, 100] }, 95, 0] }, 0, 120] })?.pattern // 'ratio'
 */
export function recognize(rule: unknown, doc?: PopulationHolder): PatternState | null {
  return recognizeAll(rule, doc)[0] ?? null;
}

/**
 * Every pattern that regenerates the rule exactly, most specific first (a rating table is also a
 * lookup table; a rank-linear value is also a plain value).
 * @example recognizeAll({ lookup: [{ '1': 0, '2': 100 }, { var: 'inputs.r' }, null] }).map((s) => s.pattern) // ['rating', 'lookup']
 */
export function recognizeAll(rule: unknown, doc?: PopulationHolder): PatternState[] {
  const target = canonical(rule);
  return readers(rule, doc).filter((c): c is PatternState => c !== undefined && canonical(generate(c)) === target);
}

/**
 * The population value a rank-linear state stands for.
 * @example populationValueOf({ pattern: 'rank-linear', key: 'adherence_rank', source: 'inputs.adherence', order: 'higher-better', scope: 'group', best: 10, worst: 6 }).kind // 'rank-linear'
 */
export function populationValueOf(state: Extract<PatternState, { pattern: 'rank-linear' }>): PopulationValue {
  return { key: state.key, kind: 'rank-linear', source: state.source, order: state.order, scope: state.scope, best: state.best, worst: state.worst };
}

/**
 * Create or update the scheme's rank-linear population value for this state; fields the form
 * does not edit (title, minCount) are kept, and defaults left unwritten stay unwritten so that
 * opening a rule does not change the document. Returns whether anything changed.
 * @example upsertRankLinear(doc, state) // true the first time, false when already in step
 */
export function upsertRankLinear(doc: PopulationHolder, state: Extract<PatternState, { pattern: 'rank-linear' }>, title?: string): boolean {
  doc.population ??= {};
  const values = (doc.population.values ??= []);
  const existing = values.find((v) => v.key === state.key);
  if (!existing) {
    values.push({ ...populationValueOf(state), ...(title ? { title } : {}) });
    return true;
  }
  const wanted = populationValueOf(state);
  const current = readRankLinear({ var: `population.${state.key}` }, doc);
  if (current && canonical(current) === canonical(state)) return false;
  existing.kind = 'rank-linear';
  existing.source = wanted.source;
  existing.order = wanted.order;
  existing.scope = wanted.scope;
  existing.best = wanted.best;
  existing.worst = wanted.worst;
  return true;
}

/**
 * Remove a population value no rule of the scheme reads any more (after a rank-linear rule was
 * replaced by another pattern), so switching patterns leaves no orphan ranking behind.
 * @example dropUnusedPopulationValue(doc, 'sales_rank') // true when removed
 */
export function dropUnusedPopulationValue(doc: PopulationHolder & { indicators?: Array<{ score?: unknown }>; adjustments?: unknown; grading?: unknown }, key: string): boolean {
  const values = doc.population?.values;
  const index = values?.findIndex((v) => v.key === key) ?? -1;
  if (!values || index < 0) return false;
  const rules = JSON.stringify([(doc.indicators ?? []).map((i) => i.score), doc.adjustments ?? null, doc.grading ?? null]);
  if (rules.includes(`"population.${key}"`)) return false;
  values.splice(index, 1);
  return true;
}

/**
 * The value a pattern mainly reads, to carry over when the user switches pattern.
 * @example sourceOf({ pattern: 'per-occurrence', count: { var: 'inputs.n' }, points: { kind: 'number', value: 5 }, full: 100, floor: 0 }) // { var: 'inputs.n' }
 */
export function sourceOf(state: PatternState | null): VarRef | undefined {
  if (!state) return undefined;
  switch (state.pattern) {
    case 'ratio':
    case 'step-deduction':
      return state.actual;
    case 'per-occurrence':
    case 'capped-bonus':
      return state.count;
    case 'severity':
      return state.classes[0]?.count;
    case 'checklist':
      return state.earned;
    case 'rank-linear':
      return { var: state.source };
    default:
      return state.x;
  }
}

/** Keys that appear more than once in a lookup table (the later row would win silently). */
export function duplicateKeys(table: Array<{ key: string }>): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const r of table) (seen.has(r.key) ? dup : seen).add(r.key);
  return [...dup];
}

/** Whether a curve's points have ascending x, as `interpolate` needs (otherwise it gives no score). */
export function curveAscending(points: Array<{ x: number }>): boolean {
  return points.every((p, i) => i === 0 || p.x >= points[i - 1]!.x);
}

/**
 * JSON with object keys sorted, for comparing rules and drafts regardless of key order: the
 * project's one canonical JSON (`stringifyCanonical`, `rules/hash.ts`), which never throws on
 * half-edited values.
 * @example canonical({ b: 1, a: 2 }) === canonical({ a: 2, b: 1 }) // true
 */
export const canonical = stringifyCanonical;

/** Hints for a starting state: more inputs to read (severity classes), a key for a new population value, an enum's options. */
export interface StartHints {
  counts?: VarRef[];
  populationKey?: string;
  options?: Array<string | number>;
}

/**
 * A starting state for a pattern, reading the first suitable input.
 * @example initialState('band', { var: 'inputs.minutes' }).rows.length // 4
 */
export function initialState(pattern: PatternName, source: VarRef, hints: StartHints = {}): PatternState {
  switch (pattern) {
    case 'direct':
      return { pattern, x: source, lo: 0, hi: 100 };
    case 'ratio':
      return { pattern, actual: source, target: { kind: 'number', value: 100 }, full: 100, cap: 120 };
    case 'ladder':
      return {
        pattern,
        x: source,
        op: '>=',
        rungs: [
          { threshold: { kind: 'number', value: 95 }, points: 100 },
          { threshold: { kind: 'number', value: 90 }, points: 80 },
          { threshold: { kind: 'number', value: 80 }, points: 60 },
          { threshold: { kind: 'number', value: 70 }, points: 40 },
        ],
        otherwise: 0,
      };
    case 'step-deduction':
      return { pattern, direction: 'below', actual: source, target: { kind: 'number', value: 100 }, full: 100, step: 1, points: { kind: 'number', value: 2 }, floor: 0, rounding: 'floor' };
    case 'per-occurrence':
      return { pattern, count: source, points: { kind: 'number', value: 5 }, full: 100, floor: 0 };
    case 'severity': {
      // minor / major / serious: 2, 5 and 10 points each, reading the next count inputs if any
      const counts = hints.counts?.length ? hints.counts : [source];
      return { pattern, classes: [2, 5, 10].map((value, i) => ({ count: counts[Math.min(i, counts.length - 1)]!, points: { kind: 'number', value } })), full: 100, floor: 0 };
    }
    case 'curve':
      return { pattern, x: source, points: [{ x: 60, y: 0 }, { x: 80, y: 60 }, { x: 100, y: 100 }, { x: 120, y: 110 }] };
    case 'lookup': {
      const keys = hints.options?.length ? hints.options.map(String) : ['A', 'B', 'C', 'D'];
      const scores = [100, 85, 70, 0];
      return { pattern, x: source, table: keys.map((key, i) => ({ key, score: scores[i] ?? 0 })), fallback: 0 };
    }
    case 'checklist':
      return { pattern, earned: source, applicable: { kind: 'number', value: 10 }, full: 100, none: 100 };
    case 'rank-linear':
      return { pattern, key: hints.populationKey ?? 'rank_score', source: source.var.startsWith('population.') ? 'inputs.value' : source.var, order: 'higher-better', scope: 'all', best: 100, worst: 0 };
    case 'capped-bonus':
      return { pattern, count: source, points: { kind: 'number', value: 2 }, cap: { kind: 'number', value: 10 }, base: 0 };
    case 'band':
      return {
        pattern,
        x: source,
        rows: [
          { min: 90, includeMin: true, max: null, includeMax: false, value: 100 },
          { min: 80, includeMin: true, max: 90, includeMax: false, value: 80 },
          { min: 60, includeMin: true, max: 80, includeMax: false, value: 60 },
          { min: null, includeMin: true, max: 60, includeMax: false, value: 0 },
        ],
        fallback: 0,
      };
    case 'rating':
      return {
        pattern,
        x: source,
        table: [1, 2, 3, 4, 5].map((point) => ({ point, score: point * 20 })),
        fallback: null,
      };
  }
}

/** Where the bands of a band table leave gaps or overlap, as [a, b] index pairs (for hints). */
export function bandProblems(rows: BandRowState[]): { overlaps: Array<[number, number]> } {
  const overlaps: Array<[number, number]> = [];
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) if (intervalsOverlap(rows[i]!, rows[j]!)) overlaps.push([i, j]);
  }
  return { overlaps };
}

function intervalsOverlap(a: BandRowState, b: BandRowState): boolean {
  const lowA = a.min ?? -Infinity;
  const highA = a.max ?? Infinity;
  const lowB = b.min ?? -Infinity;
  const highB = b.max ?? Infinity;
  if (highA < lowB || highB < lowA) return false;
  if (highA === lowB) return a.includeMax && b.includeMin && a.max !== null && b.min !== null;
  if (highB === lowA) return b.includeMax && a.includeMin && b.max !== null && a.min !== null;
  return true;
}
