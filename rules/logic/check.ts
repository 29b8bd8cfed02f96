/**
 * @module rules/logic/check
 * Static checks of untrusted rules, run before anything is compiled: unknown operators, wrong
 * argument counts, size and depth limits, values that are not JSON, and literal paths into
 * forbidden keys. Never throws on any input (the walk is iterative and stops at the limits).
 */
import { forbiddenSegment, FORBIDDEN_KEYS, varSegments } from './data-access.ts';
import { resolveLimits } from './limits.ts';
import type { NamedPath } from './named-paths.ts';
import { argumentPointer, describePointer } from './pointer.ts';
import { getOperator } from './registry.ts';
import { isLogicNode, operationParts } from './rule-shape.ts';
import type { LogicIssue, LogicIssueCode, LogicLimits } from './types.ts';
import { walkRule, type RuleVisit } from './walk.ts';

/** At most this many issues are reported: the first ones say enough, and hostile rules could make millions. */
export const MAX_ISSUES = 100;

export type { NamedPath } from './named-paths.ts';

/**
 * Every path an operation node names, as its registry entry reads them (`var`'s path, the keys
 * of `missing` and `missing_some`); [] for other operators.
 * @example
 * namedPaths({ var: 'a.b' }, '') // [{ path: 'a.b', pointer: '', dynamic: false }]
 */
export function namedPaths(node: Record<string, unknown>, pointer: string): NamedPath[] {
  const { op, args, listed } = operationParts(node);
  const read = getOperator(op)?.namedPaths;
  return read === undefined ? [] : read(args, (i) => argumentPointer(pointer, op, listed, i), pointer);
}

function issue(code: LogicIssueCode, pointer: string, message: string): LogicIssue {
  return { code, pointer, message };
}

function jsonProblem(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : String(value);
    case 'object': {
      if (value === null || Array.isArray(value)) return undefined;
      const proto = Object.getPrototypeOf(value) as unknown;
      return proto === Object.prototype || proto === null ? undefined : `an instance of ${(value as { constructor?: { name?: string } }).constructor?.name ?? 'a class'}`;
    }
    default:
      return typeof value === 'undefined' ? 'undefined' : `a ${typeof value}`;
  }
}

function arityText(min: number, max: number): string {
  if (min === max) return `exactly ${min} argument${min === 1 ? '' : 's'}`;
  if (max === Infinity) return `at least ${min} argument${min === 1 ? '' : 's'}`;
  return `${min} to ${max} arguments`;
}

function operationIssues(node: Record<string, unknown>, pointer: string): LogicIssue[] {
  const { op, args, listed } = operationParts(node);
  const where = describePointer(pointer);
  const spec = getOperator(op);
  if (spec === undefined) {
    return [issue('unknown_operator', pointer, `Unknown operator ${JSON.stringify(op)} at ${where}; allowed operators are listed in the operator reference.`)];
  }
  const found: LogicIssue[] = [];
  if (args.length < spec.arity.min || args.length > spec.arity.max) {
    found.push(issue('bad_arity', pointer, `Operator "${op}" at ${where} takes ${arityText(spec.arity.min, spec.arity.max)}; it has ${args.length}.`));
  }
  for (const named of namedPaths(node, pointer)) {
    const segments = named.dynamic ? null : varSegments(named.path);
    const forbidden = segments === null ? undefined : forbiddenSegment(segments);
    if (forbidden !== undefined) {
      found.push(issue('forbidden_path', named.pointer, `The path ${JSON.stringify(named.path)} at ${describePointer(named.pointer)} uses the forbidden key "${forbidden}"; rules may not read __proto__, constructor or prototype.`));
    }
  }
  const key = spec.keyArg === undefined ? undefined : args[spec.keyArg];
  if ((typeof key === 'string' || typeof key === 'number') && FORBIDDEN_KEYS.has(String(key))) {
    const keyPointer = argumentPointer(pointer, op, listed, spec.keyArg as number);
    found.push(issue('forbidden_path', keyPointer, `The ${op} key ${JSON.stringify(key)} at ${keyPointer} is forbidden; rules may not read __proto__, constructor or prototype.`));
  }
  return found;
}

/**
 * Static findings for a rule, in document order (at most {@link MAX_ISSUES}); [] when the rule
 * may be compiled.
 * @example
 * checkLogic({ if: [{ method: ['abc', 'toUpperCase'] }, 1, 2] })
 * // [{ code: 'unknown_operator', pointer: '/if/0',
 * //    message: 'Unknown operator "method" at /if/0; allowed operators are listed in the operator reference.' }]
 */
export function checkLogic(rule: unknown, limits?: Partial<LogicLimits>): LogicIssue[] {
  const { maxDepth, maxNodes, maxStringLength, maxArrayLength } = resolveLimits(limits);
  const issues: LogicIssue[] = [];
  let nodes = 0;
  const inspect = (visit: RuleVisit): 'descend' | 'skip' | 'stop' => {
    const { value } = visit;
    if (++nodes > maxNodes) {
      issues.push(issue('too_many_nodes', visit.pointer(), `The rule has more than ${maxNodes} values (maxNodes); checking stopped at ${describePointer(visit.pointer())}.`));
      return 'stop';
    }
    // Depth counts containers (operations, arrays, objects): a scalar leaf adds no recursion level.
    if (visit.depth > maxDepth && typeof value === 'object' && value !== null) {
      issues.push(issue('too_deep', visit.pointer(), `The rule is nested more than ${maxDepth} levels deep at ${describePointer(visit.pointer())} (maxDepth).`));
      return 'skip';
    }
    const problem = jsonProblem(value);
    if (problem !== undefined) {
      issues.push(issue('not_json', visit.pointer(), `The value at ${describePointer(visit.pointer())} is ${problem}, which JSON cannot hold; rules must be plain JSON.`));
      return 'skip';
    }
    if (typeof value === 'string' && value.length > maxStringLength) {
      issues.push(issue('string_too_long', visit.pointer(), `The string at ${describePointer(visit.pointer())} has ${value.length} characters; the limit (maxStringLength) is ${maxStringLength}.`));
    } else if (Array.isArray(value) && value.length > maxArrayLength) {
      issues.push(issue('array_too_long', visit.pointer(), `The array at ${describePointer(visit.pointer())} has ${value.length} items; the limit (maxArrayLength) is ${maxArrayLength}.`));
      return 'skip';
    } else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      const longKey = Object.keys(value).find((key) => key.length > maxStringLength);
      if (longKey !== undefined) {
        issues.push(issue('string_too_long', visit.pointer(), `A key at ${describePointer(visit.pointer())} has ${longKey.length} characters; the limit (maxStringLength) is ${maxStringLength}.`));
      }
      if (!visit.literal && isLogicNode(value)) issues.push(...operationIssues(value, visit.pointer()));
    }
    return issues.length >= MAX_ISSUES ? 'stop' : 'descend';
  };
  walkRule(rule, inspect);
  return issues.slice(0, MAX_ISSUES);
}

/** A `var` reference (or a key named by `missing`/`missing_some`) found in a rule. */
export interface VarReference extends NamedPath {
  /** Inside the per-item argument of map/filter/reduce/all/none/some: the path is relative to the item. */
  readonly scoped: boolean;
}

/**
 * Every data path a rule reads, in document order.
 * @example
 * collectVars({ '+': [{ var: 'a' }, { var: { cat: ['b', 'c'] } }] })
 * // [{ path: 'a', pointer: '/+/0', dynamic: false, scoped: false },
 * //  { path: '{"cat":["b","c"]}', pointer: '/+/1', dynamic: true, scoped: false }]
 */
export function collectVars(rule: unknown): VarReference[] {
  const found: VarReference[] = [];
  walkRule(rule, (visit) => {
    if (visit.literal) return 'skip';
    // Pointers are built only for the operators that name paths.
    if (isLogicNode(visit.value) && getOperator(operationParts(visit.value).op)?.namedPaths !== undefined) {
      for (const named of namedPaths(visit.value, visit.pointer())) found.push({ ...named, scoped: visit.scoped });
    }
    return 'descend';
  });
  return found;
}

/**
 * Operator names used by a rule (known or not), in order of first use.
 * @example
 * listOperators({ max: [0, { '-': [100, { var: 'x' }] }] }) // ['max', '-', 'var']
 */
export function listOperators(rule: unknown): string[] {
  const names = new Set<string>();
  walkRule(rule, (visit) => {
    if (visit.literal) return 'skip';
    if (isLogicNode(visit.value)) names.add(operationParts(visit.value).op);
    return 'descend';
  });
  return [...names];
}
