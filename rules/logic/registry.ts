/**
 * @module rules/logic/registry
 * The one operator registry: every evaluator (code generator, closures, tracer, reference
 * registration) and the static check read operators from here, so the list of allowed
 * operators and their semantics cannot drift apart. Lookups are own-key only (a Map), so
 * `constructor`, `__proto__`, `toString` and `hasOwnProperty` are unknown operators like any
 * other unregistered name. There is deliberately no `log` (I/O) and no json-logic-js dotted
 * "method" lookup.
 */
import { ARITHMETIC_OPERATORS } from './ops-arithmetic.ts';
import { ARRAY_OPERATORS } from './ops-array.ts';
import { COMPARISON_OPERATORS } from './ops-compare.ts';
import { DATA_OPERATORS } from './ops-data.ts';
import { NUMERIC_DOMAIN_OPERATORS } from './ops-domain.ts';
import { LOGIC_OPERATORS } from './ops-logic.ts';
import { STRING_OPERATORS } from './ops-string.ts';
import { TABLE_OPERATORS } from './ops-tables.ts';
import type { OperatorSpec } from './operator.ts';

const ALL_OPERATORS: readonly OperatorSpec[] = [
  ...DATA_OPERATORS,
  ...LOGIC_OPERATORS,
  ...COMPARISON_OPERATORS,
  ...ARITHMETIC_OPERATORS,
  ...ARRAY_OPERATORS,
  ...STRING_OPERATORS,
  ...NUMERIC_DOMAIN_OPERATORS,
  ...TABLE_OPERATORS,
];

const REGISTRY: ReadonlyMap<string, OperatorSpec> = new Map(ALL_OPERATORS.map((spec) => [spec.name, Object.freeze(spec)]));

/**
 * True when `name` is an operator of the registry (own entries only).
 * @example
 * isOperator('max')         // true
 * isOperator('constructor') // false
 */
export function isOperator(name: string): boolean {
  return REGISTRY.has(name);
}

/**
 * The registry entry of an operator, or undefined.
 * @example
 * getOperator('round')?.arity // { min: 1, max: 2 }
 */
export function getOperator(name: string): OperatorSpec | undefined {
  return REGISTRY.get(name);
}

/**
 * Names of every allowed operator, in registry order.
 * @example
 * operatorNames().includes('band') // true
 */
export function operatorNames(): string[] {
  return [...REGISTRY.keys()];
}

/** Every registry entry (for the operator reference and the doc-example tests). */
export function operatorSpecs(): readonly OperatorSpec[] {
  return ALL_OPERATORS;
}
