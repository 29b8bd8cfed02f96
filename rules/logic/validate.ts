/**
 * @module rules/logic/validate
 * Turning static-check findings into the one error type, and run-time failures into it too.
 */
import { isYardstickError, YardstickError, type ErrorCode } from '../errors.ts';
import { checkLogic } from './check.ts';
import type { LogicIssue, LogicIssueCode, LogicLimits } from './types.ts';

const ERROR_CODE: Readonly<Record<LogicIssueCode, ErrorCode>> = {
  forbidden_path: 'forbidden_path',
  unknown_operator: 'unknown_operator',
  too_deep: 'limit_exceeded',
  too_many_nodes: 'limit_exceeded',
  string_too_long: 'limit_exceeded',
  array_too_long: 'limit_exceeded',
  bad_arity: 'invalid_rule',
  not_json: 'invalid_rule',
};

// When a rule has several kinds of problem, the error names the most serious one.
const SEVERITY: readonly ErrorCode[] = ['forbidden_path', 'unknown_operator', 'limit_exceeded', 'invalid_rule'];

/**
 * Throws a YardstickError (details: `{ issues }`) when the rule fails the static check.
 * @example
 * assertValidRule({ constructor: [1] }, DEFAULT_LIMITS) // throws unknown_operator
 */
export function assertValidRule(rule: unknown, limits: LogicLimits): void {
  const issues = checkLogic(rule, limits);
  if (issues.length === 0) return;
  const code = SEVERITY.find((candidate) => issues.some((found) => ERROR_CODE[found.code] === candidate)) as ErrorCode;
  const lead = issues.find((found) => ERROR_CODE[found.code] === code) as LogicIssue;
  const more = issues.length > 1 ? ` (${issues.length - 1} more issue${issues.length > 2 ? 's' : ''} in details)` : '';
  throw new YardstickError(code, `${lead.message}${more}`, { issues });
}

/**
 * A failure during evaluation as a YardstickError: ours pass through; anything else (a
 * TypeError from coercing odd data, say) becomes `invalid_input`.
 */
export function asYardstickError(error: unknown): YardstickError {
  if (isYardstickError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new YardstickError('invalid_input', `The rule could not be evaluated on this data: ${message}`, { cause: message });
}
