/**
 * @module rules/logic/limits
 * Default limits for untrusted rules, their per-call overrides, and the work budget every
 * evaluation draws from. Limits are checked where work happens (loops, merge, cat) so a
 * hostile rule fails fast with `limit_exceeded` instead of hanging a worker.
 */
import { YardstickError } from '../errors.ts';
import type { EvalContext, LogicLimits } from './types.ts';

/** Defaults; override per call with `{ limits: { maxWork: 10_000 } }`. */
export const DEFAULT_LIMITS: LogicLimits = Object.freeze({
  maxDepth: 64,
  maxNodes: 5000,
  maxStringLength: 65536,
  maxArrayLength: 32768,
  maxWork: 1_000_000,
});

/**
 * Evaluators recurse once per nesting level, so depth stays well inside the JS stack whatever
 * a caller asks for.
 */
export const HARD_MAX_DEPTH = 1000;

/** No limits: used for the reference evaluator and for constant folding at compile time. */
export const UNLIMITED: LogicLimits = Object.freeze({
  maxDepth: HARD_MAX_DEPTH,
  maxNodes: Infinity,
  maxStringLength: Infinity,
  maxArrayLength: Infinity,
  maxWork: Infinity,
});

/**
 * Defaults merged with overrides, validated.
 * @example
 * resolveLimits({ maxWork: 10_000 }).maxWork // 10000
 */
export function resolveLimits(overrides?: Partial<LogicLimits>): LogicLimits {
  if (overrides === undefined) return DEFAULT_LIMITS;
  const merged = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof LogicLimits)[]) {
    const value = overrides[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value >= 1) || (!Number.isInteger(value) && value !== Infinity)) {
      throw new YardstickError('invalid_argument', `Limit ${key} must be a positive whole number; got ${String(value)}.`, { limit: key, value });
    }
    merged[key] = value;
  }
  merged.maxDepth = Math.min(merged.maxDepth, HARD_MAX_DEPTH);
  return Object.freeze(merged);
}

/** A stable text form of the limits, part of the compile-cache key. */
export function limitsKey(limits: LogicLimits): string {
  return `${limits.maxDepth},${limits.maxNodes},${limits.maxStringLength},${limits.maxArrayLength},${limits.maxWork}`;
}

/** A fresh budget for one evaluation. */
export function createContext(limits: LogicLimits): EvalContext {
  return { limits, work: 0 };
}

/** Spends `units` of the evaluation's work budget, throwing `limit_exceeded` when it runs out. */
export function chargeWork(ctx: EvalContext, units: number, op: string): void {
  ctx.work += units;
  if (ctx.work > ctx.limits.maxWork) {
    throw new YardstickError(
      'limit_exceeded',
      `The rule needs more than ${ctx.limits.maxWork} units of work (maxWork) in one evaluation; "${op}" went over it. Loops over large arrays, especially nested ones, are the usual cause.`,
      { limit: 'maxWork', max: ctx.limits.maxWork, op },
    );
  }
}

/** Throws `limit_exceeded` when an array produced by `op` is longer than maxArrayLength. */
export function checkArrayLength(ctx: EvalContext, length: number, op: string): void {
  if (length > ctx.limits.maxArrayLength) {
    throw new YardstickError('limit_exceeded', `"${op}" produced an array of ${length} items; the limit (maxArrayLength) is ${ctx.limits.maxArrayLength}.`, {
      limit: 'maxArrayLength',
      max: ctx.limits.maxArrayLength,
      actual: length,
      op,
    });
  }
}

/** Throws `limit_exceeded` when a string produced by `op` is longer than maxStringLength. */
export function checkStringLength(ctx: EvalContext, length: number, op: string): void {
  if (length > ctx.limits.maxStringLength) {
    throw new YardstickError('limit_exceeded', `"${op}" produced a string of ${length} characters; the limit (maxStringLength) is ${ctx.limits.maxStringLength}.`, {
      limit: 'maxStringLength',
      max: ctx.limits.maxStringLength,
      actual: length,
      op,
    });
  }
}
