/**
 * @module test/rules/logic/reference
 * The semantic oracle: json-logic-js 2.0.5 itself, with Yardstick's domain operators added, so
 * tests can compare every evaluator against it. It lives with the tests, not in `rules/`, so
 * json-logic-js never enters the studio's bundle. Registration changes the json-logic-js module
 * instance (it has no other kind), which is harmless: it only adds operator names json-logic-js
 * did not know.
 */
import jsonLogic from 'json-logic-js';
import { createContext, UNLIMITED } from '../../../rules/logic/limits.ts';
import { operatorSpecs } from '../../../rules/logic/registry.ts';

/** The part of a json-logic-js instance that registration needs. */
export interface OperationRegistrar {
  add_operation(name: string, code: (this: unknown, ...args: unknown[]) => unknown): void;
}

/**
 * Adds Yardstick's domain operators (round, clamp, div, band, lookup, interpolate, steps) to a
 * json-logic-js instance, with the registry's own implementations.
 * @example
 * registerDomainOperators(jsonLogic);
 * jsonLogic.apply({ round: [2.675, 2] }) // 2.68
 */
export function registerDomainOperators(instance: OperationRegistrar): void {
  for (const spec of operatorSpecs()) {
    if (spec.family !== 'domain' || spec.lazy) continue;
    const { apply } = spec;
    instance.add_operation(spec.name, function (this: unknown, ...args: unknown[]) {
      return apply(args, createContext(UNLIMITED), this);
    });
  }
}

let registered = false;

/**
 * json-logic-js `apply` with the domain operators registered.
 * @example
 * referenceApply({ clamp: [{ var: 'x' }, 0, 100] }, { x: 120 }) // 100
 */
export function referenceApply(rule: unknown, data?: unknown): unknown {
  if (!registered) {
    registerDomainOperators(jsonLogic);
    registered = true;
  }
  return jsonLogic.apply(rule as Parameters<typeof jsonLogic.apply>[0], data);
}
