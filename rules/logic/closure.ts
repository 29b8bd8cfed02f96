/**
 * @module rules/logic/closure
 * The evaluator for environments without `eval` (a Content-Security-Policy without
 * 'unsafe-eval'): the rule becomes a tree of closures, one per node, each calling its registry
 * entry. Slower than generated code, but with the same semantics and limits.
 */
import { createContext } from './limits.ts';
import type { ClosureArg } from './operator.ts';
import type { LogicNode } from './parse.ts';
import type { Evaluator, LogicLimits } from './types.ts';
import { asYardstickError } from './validate.ts';

function closureOf(node: LogicNode): Evaluator {
  switch (node.kind) {
    case 'literal': {
      const { value } = node;
      return () => value;
    }
    case 'array': {
      const items = node.items.map(closureOf);
      return (data, ctx) => items.map((item) => item(data, ctx));
    }
    default: {
      const { spec } = node;
      const args = node.args.map(closureOf);
      if (spec.lazy) {
        const { run } = spec;
        return (data, ctx) => run(args, data, ctx);
      }
      const closureArgs: ClosureArg[] = node.args.map((arg, i) => ({ evaluate: args[i] as Evaluator, ...(arg.kind === 'literal' ? { literal: { value: arg.value } } : {}) }));
      const special = spec.closure?.(closureArgs);
      if (special !== undefined) return special;
      const { apply } = spec;
      const count = args.length;
      // One argument buffer per node, reused on every call: a fresh array per operator call was
      // the simulator's largest source of garbage. Safe because a node never runs inside its own
      // argument evaluation (rules are trees) and no `apply` keeps its values array.
      const values = new Array<unknown>(count);
      return (data, ctx) => {
        for (let i = 0; i < count; i++) values[i] = (args[i] as Evaluator)(data, ctx);
        return apply(values, ctx, data);
      };
    }
  }
}

/**
 * Builds the closure evaluator of a parsed (and folded) rule; each call gets a fresh work budget,
 * and evaluation errors come out as YardstickErrors.
 * @example
 * buildClosureEvaluator(parseRule({ max: [0, { var: 'x' }] }), DEFAULT_LIMITS)({ x: -3 }) // 0
 */
export function buildClosureEvaluator(root: LogicNode, limits: LogicLimits): (data: unknown) => unknown {
  const evaluate = closureOf(root);
  return (data) => {
    try {
      return evaluate(data, createContext(limits));
    } catch (error) {
      throw asYardstickError(error);
    }
  };
}
