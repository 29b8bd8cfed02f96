/**
 * @module rules/logic/rule-shape
 * How json-logic-js reads a rule: an object with exactly one own enumerable key is an
 * operation; every other value (including objects with zero or several keys) is a literal.
 * A non-array argument is shorthand for a one-item list: `{"var":"x"}` = `{"var":["x"]}`.
 */

/** True when json-logic-js would treat `value` as an operation (`is_logic`). */
export function isLogicNode(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 1;
}

/** The operator name and argument list of an operation node. */
export interface OperationParts {
  readonly op: string;
  readonly args: readonly unknown[];
  /** True when the rule wrote the arguments as an array (so pointers gain an index segment). */
  readonly listed: boolean;
}

/**
 * Splits an operation node into operator and arguments.
 * @example
 * operationParts({ var: 'x' }) // { op: 'var', args: ['x'], listed: false }
 */
export function operationParts(node: Record<string, unknown>): OperationParts {
  const op = Object.keys(node)[0] as string;
  const raw = node[op];
  return Array.isArray(raw) ? { op, args: raw, listed: true } : { op, args: [raw], listed: false };
}

/**
 * True when evaluating `value` gives `value` itself: no operation anywhere in it, except inside
 * objects that are not operations (those are data). Deeper than `maxDepth` counts as not
 * static, which keeps the recursion bounded on hostile input.
 * @example
 * isStaticValue(['a', 1])       // true
 * isStaticValue([{ var: 'a' }]) // false
 */
export function isStaticValue(value: unknown, maxDepth = 64): boolean {
  if (isLogicNode(value)) return false;
  if (!Array.isArray(value)) return true;
  if (maxDepth <= 0) return false;
  return value.every((item) => isStaticValue(item, maxDepth - 1));
}
