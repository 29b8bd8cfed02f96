/**
 * @module rules/logic/ops-domain
 * Yardstick's numeric operators for scoring rules: `round` (half-up, decimal-correct), `clamp`,
 * `div` (division with a fallback) and `steps` ("deduct 1 point per 10% below plan"). They read
 * numbers strictly: finite numbers and numeric strings; anything else gives null (or the
 * fallback), never NaN or Infinity.
 */
import { finiteNumber } from './coerce.ts';
import { roundHalfUp } from './decimal.ts';
import { show, showList } from './format.ts';
import { K_DEFINED, K_NUMBER, K_OTHER } from './kinds.ts';
import { traceMessage } from './messages.ts';
import type { CodegenSite, EagerOperator, OperatorDoc } from './operator.ts';

const NUMBER_OR_NULL = K_NUMBER | K_OTHER;
const MAX_PLACES = 10;

// Each operator below has a small fast path for finite numbers (x - x === 0 excludes NaN and
// ±Infinity) and a separate general function. Kept small, the fast path is inlined by V8, which
// also saves boxing every fractional result; anything unusual takes the general path.

/** The general path of `round` (exported for the test that holds the fast path to it). */
export function roundGeneral(x: unknown, places: unknown): number | null {
  const value = finiteNumber(x);
  const digits = places === undefined || places === null ? 0 : finiteNumber(places);
  if (value === null || digits === null || !Number.isInteger(digits) || digits < 0 || digits > MAX_PLACES) return null;
  return roundHalfUp(value, digits);
}

/**
 * `round(x, places)`: half away from zero on the decimal digits; places is a whole number 0..10
 * (default 0). Null when x is not a finite number or places is out of range.
 * @example {"round":[1.005, 2]} → 1.01;  {"round":[-2.5]} → -3;  {"round":[6.25, 1]} → 6.3
 */
export function round(x: unknown, places?: unknown): number | null {
  if (typeof x === 'number' && x - x === 0 && typeof places === 'number' && places >= 0 && places <= MAX_PLACES && Math.floor(places) === places) return roundHalfUp(x, places);
  return roundGeneral(x, places);
}

/** A clamp bound: null/undefined is unbounded (±Infinity); a non-number is invalid (null). */
function bound(value: unknown, unbounded: number): number | null {
  return value === null || value === undefined ? unbounded : finiteNumber(value);
}

/** The general path of `clamp`. */
export function clampGeneral(x: unknown, lo: unknown, hi: unknown): number | null {
  const value = finiteNumber(x);
  const low = bound(lo, -Infinity);
  const high = bound(hi, Infinity);
  if (value === null || low === null || high === null) return null;
  return Math.min(Math.max(value, low), high);
}

/**
 * `clamp(x, lo, hi)`: x limited to [lo, hi]; a null bound is open. If lo > hi, hi wins.
 * @example {"clamp":[120, 0, 100]} → 100;  {"clamp":[-5, 0, null]} → 0
 */
export function clamp(x: unknown, lo: unknown, hi: unknown): number | null {
  if (typeof x === 'number' && typeof lo === 'number' && typeof hi === 'number' && x - x === 0 && lo - lo === 0 && hi - hi === 0) return Math.min(Math.max(x, lo), hi);
  return clampGeneral(x, lo, hi);
}

/** The general path of `div`. */
export function safeDivideGeneral(a: unknown, b: unknown, fallback: unknown): unknown {
  const otherwise = fallback === undefined ? null : fallback;
  const dividend = finiteNumber(a);
  const divisor = finiteNumber(b);
  if (dividend === null || divisor === null || divisor === 0) return otherwise;
  const quotient = dividend / divisor;
  return Number.isFinite(quotient) ? quotient : otherwise;
}

/**
 * `div(a, b, fallback)`: a / b, or the fallback (default null) when b is 0, an operand is not a
 * number, or the quotient is not finite.
 * @example {"div":[{"var":"actual"}, {"var":"plan"}, 0]} with {"actual":5,"plan":0} → 0
 */
export function safeDivide(a: unknown, b: unknown, fallback?: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number' && a - a === 0 && b - b === 0 && b !== 0) {
    const quotient = a / b;
    if (quotient - quotient === 0) return quotient;
  }
  return safeDivideGeneral(a, b, fallback);
}

const STEP_MODES = ['floor', 'ceil', 'exact'] as const;

/**
 * `steps(amount, size, mode)`: how many steps of `size` fit in `amount`. amount <= 0 gives 0;
 * mode "floor" (default) counts whole steps, "ceil" counts a started step, "exact" is
 * amount / size. size <= 0 or an unknown mode gives null.
 * The quotient is first cleaned to 12 significant digits, because shortfalls computed in
 * floating point land just below whole steps (0.3 / 0.1 = 2.9999999999999996 is 3 steps).
 * @example {"steps":[25, 10]} → 2;  {"steps":[25, 10, "ceil"]} → 3;  {"steps":[-4, 10]} → 0
 */
export function steps(amount: unknown, size: unknown, mode?: unknown): number | null {
  const value = finiteNumber(amount);
  const step = finiteNumber(size);
  const how = mode === undefined || mode === null ? 'floor' : mode;
  if (value === null || step === null || step <= 0 || !STEP_MODES.includes(how as (typeof STEP_MODES)[number])) return null;
  if (value <= 0) return 0;
  const quotient = value / step;
  if (how === 'exact') return quotient;
  const cleaned = Number(quotient.toPrecision(12));
  return how === 'ceil' ? Math.ceil(cleaned) : Math.floor(cleaned);
}

type Positional = (...args: never[]) => unknown;

/** A domain operator whose implementation takes its arguments positionally. */
export function positionalOperator(
  name: string,
  fn: Positional,
  arity: { min: number; max: number },
  returns: number,
  explain: EagerOperator['explain'],
  doc: OperatorDoc,
  facts: Pick<EagerOperator, 'decisive' | 'mayDivideByZero'> = {},
): EagerOperator {
  const call = fn as (...args: unknown[]) => unknown;
  return {
    name,
    family: 'domain',
    lazy: false,
    readsData: false,
    arity,
    returns,
    apply: (values) => call(...values),
    compile: (site: CodegenSite) => `${site.ref(fn)}(${Array.from({ length: site.argCount }, (_, i) => site.arg(i)).join(', ')})`,
    explain,
    doc,
    ...facts,
  };
}

export const roundOperator = positionalOperator('round', round, { min: 1, max: 2 }, NUMBER_OR_NULL, ({ args, result }) => `round(${showList(args)}) = ${show(result)}`, {
  summary: 'Rounds half away from zero to 0–10 decimal places, on the decimal digits (1.005 → 1.01); null for a non-number.',
  example: { rule: { round: [{ var: 'rate' }, 1] }, data: { rate: 6.25 }, result: 6.3 },
}, { decisive: true });

export const clampOperator = positionalOperator('clamp', clamp, { min: 3, max: 3 }, NUMBER_OR_NULL, ({ args, result }) => `clamp(${showList(args)}) = ${show(result)}`, {
  summary: 'Limits a number to [low, high]; a null bound is open; null for a non-number.',
  example: { rule: { clamp: [{ var: 'score' }, 0, 100] }, data: { score: 120 }, result: 100 },
}, { decisive: true });

export const divOperator = positionalOperator(
  'div',
  safeDivide,
  { min: 2, max: 3 },
  K_DEFINED,
  ({ args, result }) =>
    finiteNumber(args[1]) === 0 || typeof result !== 'number' || finiteNumber(args[0]) === null
      ? traceMessage('div.fallback', { dividend: show(args[0]), divisor: show(args[1]), fallback: show(result) })
      : `${show(args[0])} ÷ ${show(args[1])} = ${show(result)}`,
  {
    summary: 'Division that gives the fallback (default null) instead of Infinity or NaN when dividing by zero or by a non-number.',
    example: { rule: { div: [{ var: 'actual' }, { var: 'plan' }, 0] }, data: { actual: 5, plan: 0 }, result: 0 },
  },
  { decisive: true, mayDivideByZero: true },
);

export const stepsOperator = positionalOperator(
  'steps',
  steps,
  { min: 2, max: 3 },
  NUMBER_OR_NULL,
  ({ args, result }) => traceMessage('steps', { amount: show(args[0]), size: show(args[1]), mode: String(args[2] ?? 'floor'), value: show(result) }),
  {
    summary: 'Number of steps of a size in an amount ("1 point per 10% below plan"): mode "floor" (default), "ceil" or "exact"; 0 when amount <= 0.',
    example: { rule: { steps: [{ '-': [100, { var: 'completion' }] }, 10] }, data: { completion: 75 }, result: 2 },
  },
  { decisive: true },
);

export const NUMERIC_DOMAIN_OPERATORS: readonly EagerOperator[] = [roundOperator, clampOperator, divOperator, stepsOperator];
