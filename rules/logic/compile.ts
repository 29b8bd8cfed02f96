/**
 * @module rules/logic/compile
 * `compileLogic`: check, then compile a rule once into a fast evaluator, cached by content.
 * Modes: 'codegen' (generated JavaScript, the fast path), 'closure' (no eval, for a strict
 * Content-Security-Policy) and 'auto' (codegen when `new Function` works, detected once).
 */
import { YardstickError } from '../errors.ts';
import { buildClosureEvaluator } from './closure.ts';
import { generateEvaluator } from './codegen.ts';
import { foldConstants } from './fold.ts';
import { LruCache, type CacheStats } from './cache.ts';
import { limitsKey, resolveLimits } from './limits.ts';
import { ruleCacheKey } from '../hash.ts';
import { parseRule } from './parse.ts';
import type { LogicLimits } from './types.ts';
import { assertValidRule } from './validate.ts';

export type EvaluatorMode = 'auto' | 'codegen' | 'closure';

export interface CompileOptions {
  /** Default 'auto'. */
  readonly mode?: EvaluatorMode;
  /** Overrides of {@link DEFAULT_LIMITS}. */
  readonly limits?: Partial<LogicLimits>;
  /** Use the compile cache (default true). */
  readonly cache?: boolean;
}

/** A compiled rule: call it with the data. */
export interface CompiledLogic {
  (data: unknown): unknown;
  /** The evaluator actually built. */
  readonly mode: 'codegen' | 'closure';
  /** The generated source, in codegen mode. */
  readonly source?: string;
}

/** How many compiled rules the cache keeps. */
export const LOGIC_CACHE_CAPACITY = 2000;

const cache = new LruCache<CompiledLogic>(LOGIC_CACHE_CAPACITY);
let codegenWorks: boolean | undefined;

/**
 * Whether `new Function` may be used here; asked once, then remembered.
 * @example
 * canGenerateCode() // false under a CSP without 'unsafe-eval'
 */
export function canGenerateCode(): boolean {
  if (codegenWorks === undefined) {
    try {
      codegenWorks = new Function('return 1')() === 1;
    } catch {
      codegenWorks = false;
    }
  }
  return codegenWorks;
}

/** Forgets the answer of {@link canGenerateCode} (tests that simulate a CSP). */
export function resetCodegenDetection(): void {
  codegenWorks = undefined;
}

/** Empties the compile cache and zeroes its counters. */
export function clearLogicCache(): void {
  cache.clear();
}

/** Size and hit counters of the compile cache. */
export function logicCacheStats(): CacheStats {
  return cache.stats();
}

function build(rule: unknown, mode: 'codegen' | 'closure', limits: LogicLimits, fallBack: boolean): CompiledLogic {
  const root = foldConstants(parseRule(rule), limits);
  const closure = () => buildClosureEvaluator(root, limits);
  if (mode === 'codegen') {
    try {
      const generated = generateEvaluator(root, limits, closure);
      return Object.assign(generated.evaluate, { mode, source: generated.source });
    } catch (error) {
      // Under a Content-Security-Policy only 'auto' may fall back. Any other failure (an engine limit:
      // a rule too big to compile as one function) falls back in either mode: the closures have the same semantics.
      if (error instanceof EvalError) {
        if (!fallBack) throw new YardstickError('internal', `Could not build the generated evaluator: ${String(error)}`);
        codegenWorks = false; // a CSP arrived after detection; stop trying
      }
    }
  }
  return Object.assign(closure(), { mode: 'closure' as const });
}

/**
 * Checks and compiles a rule; equal rules (same canonical JSON, same mode and limits) share
 * one compiled evaluator. Throws YardstickError `unknown_operator`, `forbidden_path`,
 * `limit_exceeded` or `invalid_rule` (details: the issues) when the rule fails the check.
 * @example
 * const score = compileLogic({ max: [0, { '-': [100, { '*': [10, { var: 'late' }] }] }] });
 * score({ late: 3 }) // 70
 */
export function compileLogic(rule: unknown, options: CompileOptions = {}): CompiledLogic {
  const limits = resolveLimits(options.limits);
  assertValidRule(rule, limits);
  const requested = options.mode ?? 'auto';
  const mode = requested === 'auto' ? (canGenerateCode() ? 'codegen' : 'closure') : requested;
  if (options.cache === false) return build(rule, mode, limits, requested === 'auto');
  const key = `${mode}|${limitsKey(limits)}|${ruleCacheKey(rule)}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const compiled = build(rule, mode, limits, requested === 'auto');
  cache.set(key, compiled);
  return compiled;
}

/**
 * Compiles (or finds in the cache) and evaluates in one call; for loops, keep the compiled function.
 * @example
 * evaluateLogic({ round: [{ var: 'x' }, 2] }, { x: 1.005 }) // 1.01
 */
export function evaluateLogic(rule: unknown, data: unknown, options?: CompileOptions): unknown {
  return compileLogic(rule, options)(data);
}
