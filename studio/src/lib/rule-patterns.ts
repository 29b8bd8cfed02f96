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

export type PatternState =
  | { pattern: 'direct'; x: VarRef; lo: number | null; hi: number | null }
  | { pattern: 'ratio'; actual: VarRef; target: Operand; full: number; cap: number | null }
  | { pattern: 'step-deduction'; actual: VarRef; target: Operand; full: number; step: number; points: Operand; floor: number; rounding: 'floor' | 'ceil' }
  | { pattern: 'per-occurrence'; count: VarRef; points: Operand; full: number; floor: number }
  | { pattern: 'capped-bonus'; count: VarRef; points: Operand; cap: Operand; base: number }
  | { pattern: 'band'; x: VarRef; rows: BandRowState[]; fallback: number | null }
  | { pattern: 'ladder'; x: VarRef; op: LadderOp; rungs: Array<{ threshold: Operand; points: number }>; otherwise: number }
  | { pattern: 'rating'; x: VarRef; table: Array<{ point: number; score: number }>; fallback: number | null };

export type PatternName = PatternState['pattern'];
export const PATTERNS: readonly PatternName[] = ['direct', 'ratio', 'step-deduction', 'per-occurrence', 'capped-bonus', 'band', 'ladder', 'rating'];

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
  if (Object.keys(rule).length !== 1 || typeof v !== 'string') return undefined;
  const match = /^(params|inputs)\.([^.]+)$/.exec(v);
  if (!match) return undefined;
  return { kind: match[1] === 'params' ? 'param' : 'input', key: match[2]! };
}

const isNum = (x: Json): x is number => typeof x === 'number' && Number.isFinite(x);
const numOrNull = (x: Json): number | null | undefined => (x === null ? null : isNum(x) ? x : undefined);

function readers(rule: Json): Array<PatternState | undefined> {
  const out: Array<PatternState | undefined> = [];
  // direct: the value itself, or clamp(value, lo, hi)
  const plain = readVar(rule);
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
 * @example recognize({ clamp: [{ div: [{ '*': [{ var: 'inputs.a' }, 100] }, 95, 0] }, 0, 120] })?.pattern // 'ratio'
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
