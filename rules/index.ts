/**
 * @module rules
 * Yardstick's rules pipeline, pure and shared by the server, the studio and the CLI:
 *
 *   parseScheme → analyze → compileScheme → evaluateEmployee / evaluatePopulation
 *
 * Each phase hands the next what it found: analysis its findings and the scheme's structure
 * (rule sites, data reads, evaluation order, content hash), which compile takes over.
 *
 * @example
 * import { parseScheme, analyze, compileScheme, evaluateEmployee } from './rules/index.ts';
 * const scheme = parseScheme(json);
 * const { findings, facts } = analyze(scheme);     // errors block publishing
 * const result = evaluateEmployee(compileScheme(scheme, facts), { id: 'E01', position: 'engineer', inputs: { … } });
 */
export { parseScheme, checkScheme, readablePath, type ParseIssue, type Scheme } from './1-parse/parse.ts';
export { analyze, analyzeScheme, hasErrors, type Analysis, type Finding, type SchemeFacts } from './2-analyze/index.ts';
export { inspectScheme, issueFinding } from './inspect.ts';
export { compileScheme, type CompiledScheme } from './3-compile/compile.ts';
export { evaluateEmployee, evaluatePopulation, type EmployeeData, type EvaluateOptions } from './4-evaluate/evaluate.ts';
export type * from './4-evaluate/result.ts';
export { diffSchemes, type SchemeChange } from './diff/index.ts';
export { hashScheme, canonicalJson, contentHash, sha256Tagged, stringifyCanonical } from './hash.ts';
export { compileLogic, traceLogic, checkLogic, collectVars, DEFAULT_LIMITS, type TraceStep } from './logic/index.ts';
export { resolveWeights, weightRows, type ResolvedWeights } from './3-compile/weights.ts';
export { prepareInputs, checkInputValue } from './inputs/values.ts';
export { coerceInputs, coerceCell, decodeInputBytes, readCsvRecords, INPUT_SHEET_LIMITS } from './inputs/index.ts';
export { roundDecimal, type RoundingMode } from './4-evaluate/rounding.ts';
export { bandContains, describeBand } from './4-evaluate/grading.ts';
export { YardstickError, isYardstickError, ERROR_STATUS, type ErrorCode } from './errors.ts';
