/**
 * @module lib/rule-patterns
 * The rule builder's patterns: small forms that generate an indicator's JSON Logic score rule.
 * Each pattern is `generate(state) → rule` plus `read(rule) → state`; a rule opens in a
 * pattern's form only when generating from what was read gives back exactly the same JSON, so
 * a form never silently rewrites a rule it does not fully understand (the raw editor shows it).
 *
 * The generated rules use the engine's domain operators (`steps`, `band`, `clamp`, `div`,
 * `lookup`) and match the shapes the template library uses.
 *
 * @example
 * generate({ pattern: 'per-occurrence', count: { var: 'inputs.complaints' }, points: { kind: 'param', key: 'complaint_points' }, full: 100, floor: 0 })
 * // {"max":[0,{"-":[100,{"*":[{"var":"params.complaint_points"},{"var":"inputs.complaints"}]}]}]}
 */

/** Where a pattern reads a number: an input, another indicator or a population value. */
export interface VarRef {
  var: string;
}

/** A number written in the rule, or a scheme parameter (HR edits params without touching rules). */
export type Operand = { kind: 'number'; value: number } | { kind: 'param'; key: string };

export interface BandRowState {
  min: number | null;
  includeMin: boolean;
  max: number | null;
  includeMax: boolean;
  value: number;
}

export type PatternState =
  | { pattern: 'direct'; x: VarRef; lo: number | null; hi: number | null }
  | { pattern: 'ratio'; actual: VarRef; target: Operand; full: number; cap: number | null }
  | { pattern: 'step-deduction'; actual: VarRef; target: Operand; full: number; step: number; points: Operand; floor: number; rounding: 'floor' | 'ceil' }
  | { pattern: 'per-occurrence'; count: VarRef; points: Operand; full: number; floor: number }
  | { pattern: 'capped-bonus'; count: VarRef; points: Operand; cap: Operand; base: number }
  | { pattern: 'band'; x: VarRef; rows: BandRowState[]; fallback: number | null }
  | { pattern: 'rating'; x: VarRef; table: Array<{ point: number; score: number }>; fallback: number | null };

export type PatternName = PatternState['pattern'];
export const PATTERNS: readonly PatternName[] = ['direct', 'ratio', 'step-deduction', 'per-occurrence', 'capped-bonus', 'band', 'rating'];

/** JSON for an operand. */
export function operandJson(o: Operand): unknown {
  return o.kind === 'number' ? o.value : { var: `params.${o.key}` };
}

/** The JSON Logic rule of a pattern state. */
export function generate(state: PatternState): unknown {
  switch (state.pattern) {
    case 'direct':
      return { clamp: [varJson(state.x), state.lo, state.hi] };
    case 'ratio': {
      const ratio = { '*': [{ div: [varJson(state.actual), operandJson(state.target), 0] }, state.full] };
      return { clamp: [ratio, 0, state.cap] };
    }
    case 'step-deduction': {
      const achievement = { min: [100, { div: [{ '*': [varJson(state.actual), 100] }, operandJson(state.target), 0] }] };
      const shortfall = { '-': [100, achievement] };
      return { max: [state.floor, { '-': [state.full, { '*': [operandJson(state.points), { steps: [shortfall, state.step, state.rounding] }] }] }] };
    }
    case 'per-occurrence':
      return { max: [state.floor, { '-': [state.full, { '*': [operandJson(state.points), varJson(state.count)] }] }] };
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
  if (Object.keys(rule).length === 1 && typeof v === 'string' && /^params\.[^.]+$/.test(v)) return { kind: 'param', key: v.slice('params.'.length) };
  return undefined;
}

const isNum = (x: Json): x is number => typeof x === 'number' && Number.isFinite(x);
const numOrNull = (x: Json): number | null | undefined => (x === null ? null : isNum(x) ? x : undefined);

function readers(rule: Json): Array<PatternState | undefined> {
  const out: Array<PatternState | undefined> = [];
  // ratio: clamp(div(actual, target, 0) × full, 0, cap)
  const clamp = op(rule, 'clamp', 3);
  if (clamp) {
    const x = readVar(clamp[0]);
    const lo = numOrNull(clamp[1]);
    const hi = numOrNull(clamp[2]);
    if (x && lo !== undefined && hi !== undefined) out.push({ pattern: 'direct', x, lo, hi });
    const mul = op(clamp[0], '*', 2);
    const div = mul && op(mul[0], 'div', 3);
    const actual = div && readVar(div[0]);
    const target = div && readOperand(div[1]);
    const cap = numOrNull(clamp[2]);
    if (mul && actual && target && isNum(mul[1]) && cap !== undefined) out.push({ pattern: 'ratio', actual, target, full: mul[1], cap });
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
    const shortfall = steps && op(steps[0], '-', 2);
    const capped = shortfall && op(shortfall[1], 'min', 2);
    const div = capped && op(capped[1], 'div', 3);
    const scaled = div && op(div[0], '*', 2);
    const actual = scaled && readVar(scaled[0]);
    const target = div && readOperand(div[1]);
    const rounding = steps?.[2];
    if (points && steps && actual && target && isNum(steps[1]) && (rounding === 'floor' || rounding === 'ceil')) {
      out.push({ pattern: 'step-deduction', actual, target, full: minus[0], step: steps[1], points, floor: max[0], rounding });
    }
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
  }
  return out;
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
 * @example recognize({ clamp: [{ '*': [{ div: [{ var: 'inputs.a' }, 95, 0] }, 100] }, 0, 120] })?.pattern // 'ratio'
 */
export function recognize(rule: unknown): PatternState | null {
  const target = canonical(rule);
  for (const candidate of readers(rule)) if (candidate && canonical(generate(candidate)) === target) return candidate;
  return null;
}

/** JSON with object keys sorted, for comparing rules regardless of key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * A starting state for a pattern, reading the first suitable input.
 * @example initialState('band', { var: 'inputs.minutes' }).rows.length // 4
 */
export function initialState(pattern: PatternName, source: VarRef): PatternState {
  switch (pattern) {
    case 'direct':
      return { pattern, x: source, lo: 0, hi: 100 };
    case 'ratio':
      return { pattern, actual: source, target: { kind: 'number', value: 100 }, full: 100, cap: 120 };
    case 'step-deduction':
      return { pattern, actual: source, target: { kind: 'number', value: 100 }, full: 100, step: 1, points: { kind: 'number', value: 2 }, floor: 0, rounding: 'floor' };
    case 'per-occurrence':
      return { pattern, count: source, points: { kind: 'number', value: 5 }, full: 100, floor: 0 };
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
