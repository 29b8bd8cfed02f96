/**
 * @module rules/logic
 * Yardstick's JSON Logic engine: json-logic-js 2.0.5 semantics plus scoring operators, checked
 * before use, compiled once, bounded while running, and explainable step by step.
 *
 * @example
 * import { compileLogic, traceLogic } from './rules/logic/index.ts';
 * const grade = compileLogic({ band: [{ var: 'score' }, [{ min: 90, value: 'A' }, { min: 60, max: 90, value: 'B' }], 'C'] });
 * grade({ score: 75 }); // "B"
 * traceLogic({ max: [0, { var: 'x' }] }, { x: -3 }).steps[1]?.text; // "max(0, -3) = 0"
 */
export { DEFAULT_LIMITS, HARD_MAX_DEPTH } from './limits.ts';
export type { LogicIssue, LogicIssueCode, LogicLimits, TraceStep } from './types.ts';
export { getOperator, isOperator, operatorNames, operatorSpecs } from './registry.ts';
export type { EagerOperator, LazyOperator, OperatorDoc, OperatorSpec } from './operator.ts';
export { checkLogic, collectVars, listOperators, MAX_ISSUES, type VarReference } from './check.ts';
export {
  canGenerateCode,
  clearLogicCache,
  compileLogic,
  evaluateLogic,
  logicCacheStats,
  resetCodegenDetection,
  LOGIC_CACHE_CAPACITY,
  type CompiledLogic,
  type CompileOptions,
  type EvaluatorMode,
} from './compile.ts';
export type { CacheStats } from './cache.ts';
export { DEFAULT_MAX_STEPS, compileTrace, traceLogic, type TraceOptions, type TraceResult } from './trace.ts';
export { englishTraceText, TRACE_ENGLISH, type TraceArgsByCode, type TraceMessage, type TraceMessageCode } from './messages.ts';
export { round, clamp, safeDivide, steps } from './ops-domain.ts';
export { intervalText, lookup, matchBand } from './ops-tables.ts';
export { roundHalfUp } from './decimal.ts';
export { truthy } from './coerce.ts';
