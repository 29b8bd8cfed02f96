/**
 * @module rules/logic/parse
 * A checked rule as a tree of nodes bound to their registry entries, the common input of the
 * code generator, the closure compiler and the tracer. Literals are frozen copies.
 */
import { HARD_MAX_DEPTH } from './limits.ts';
import type { OperatorSpec } from './operator.ts';
import { argumentPointer } from './pointer.ts';
import { getOperator } from './registry.ts';
import { isLogicNode, isStaticValue, operationParts } from './rule-shape.ts';
import { frozenCopy } from './literal.ts';

/** A value that evaluates to itself. */
export interface LiteralNode {
  readonly kind: 'literal';
  readonly value: unknown;
  readonly pointer: string;
}

/** An array with operations inside: evaluates to a new array of their values. */
export interface ArrayNode {
  readonly kind: 'array';
  readonly items: readonly LogicNode[];
  readonly pointer: string;
}

/** An operation bound to its registry entry. */
export interface OperationNode {
  readonly kind: 'operation';
  readonly op: string;
  readonly spec: OperatorSpec;
  readonly args: readonly LogicNode[];
  readonly pointer: string;
}

export type LogicNode = LiteralNode | ArrayNode | OperationNode;

/**
 * The node tree of a rule that passed {@link checkLogic} (so every operator is known and the
 * depth is bounded).
 * @example
 * parseRule({ var: 'x' }) // { kind: 'operation', op: 'var', args: [{ kind: 'literal', value: 'x', … }], … }
 */
export function parseRule(rule: unknown, pointer = ''): LogicNode {
  if (isLogicNode(rule)) {
    const { op, args, listed } = operationParts(rule);
    const spec = getOperator(op);
    if (spec === undefined) throw new Error(`parseRule: unchecked rule with unknown operator ${JSON.stringify(op)}`);
    return { kind: 'operation', op, spec, args: args.map((arg, i) => parseRule(arg, argumentPointer(pointer, op, listed, i))), pointer };
  }
  if (Array.isArray(rule) && !isStaticValue(rule, HARD_MAX_DEPTH)) {
    return { kind: 'array', items: rule.map((item, i) => parseRule(item, `${pointer}/${i}`)), pointer };
  }
  return { kind: 'literal', value: frozenCopy(rule), pointer };
}
