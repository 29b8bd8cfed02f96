/**
 * @module rules/logic/fold
 * Constant folding for the compilers: an operation whose arguments are all literals and which
 * does not read the data is evaluated once at compile time (`{"*":[60, 60]}` becomes 3600).
 * When that evaluation throws (a limit, a json-logic-js error), the operation is left for run
 * time, where it throws the same error on every evaluation.
 */
import { createContext } from './limits.ts';
import { frozenCopy } from './literal.ts';
import type { LiteralNode, LogicNode } from './parse.ts';
import type { LogicLimits } from './types.ts';

const literal = (value: unknown, pointer: string): LiteralNode => ({ kind: 'literal', value: frozenCopy(value), pointer });

/**
 * The node with every constant sub-expression replaced by its value.
 * @example
 * foldConstants(parseRule({ '+': [1, 2] }), DEFAULT_LIMITS) // { kind: 'literal', value: 3, pointer: '' }
 */
export function foldConstants(node: LogicNode, limits: LogicLimits): LogicNode {
  if (node.kind === 'literal') return node;
  if (node.kind === 'array') {
    const items = node.items.map((item) => foldConstants(item, limits));
    return items.every((item) => item.kind === 'literal') ? literal(items.map((item) => (item as LiteralNode).value), node.pointer) : { ...node, items };
  }
  const args = node.args.map((arg) => foldConstants(arg, limits));
  const folded = { ...node, args };
  if (!args.every((arg) => arg.kind === 'literal')) return folded;
  const values = args.map((arg) => (arg as LiteralNode).value);
  const { spec } = node;
  try {
    if (!spec.lazy) return spec.readsData ? folded : literal(spec.apply(values, createContext(limits), undefined), node.pointer);
    return literal(spec.run(values.map((value) => () => value), undefined, createContext(limits)), node.pointer);
  } catch {
    return folded;
  }
}
