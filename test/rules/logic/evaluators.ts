/**
 * @module test/rules/logic/evaluators
 * Every JSON Logic evaluator behind one signature, so conformance, property and doc-example
 * tests run each case through all of them (one interface, several implementations, one suite).
 */
import { compileLogic, traceLogic } from '../../../rules/logic/index.ts';
import { referenceApply } from './reference.ts';

export interface NamedEvaluator {
  readonly name: string;
  readonly evaluate: (rule: unknown, data: unknown) => unknown;
}

/** json-logic-js (the oracle), generated code, closures, and the tracer. */
export const EVALUATORS: readonly NamedEvaluator[] = [
  { name: 'reference (json-logic-js 2.0.5)', evaluate: (rule, data) => referenceApply(rule, data) },
  { name: 'codegen', evaluate: (rule, data) => compileLogic(rule, { mode: 'codegen' })(data) },
  { name: 'closure', evaluate: (rule, data) => compileLogic(rule, { mode: 'closure' })(data) },
  { name: 'tracer', evaluate: (rule, data) => traceLogic(rule, data).result },
];

/** Our evaluators only (no reference), uncached so property tests measure compilation too. */
export const OUR_EVALUATORS: readonly NamedEvaluator[] = [
  { name: 'codegen', evaluate: (rule, data) => compileLogic(rule, { mode: 'codegen', cache: false })(data) },
  { name: 'closure', evaluate: (rule, data) => compileLogic(rule, { mode: 'closure', cache: false })(data) },
  { name: 'tracer', evaluate: (rule, data) => traceLogic(rule, data).result },
];

/** Deep equality where NaN equals NaN and -0 differs from 0 (shared with the benchmark). */
export { sameResult as sameValue } from '../../bench/measure.ts';

/** The outcome of a call: its value, or the fact that it threw. */
export type Outcome = { readonly threw: false; readonly value: unknown } | { readonly threw: true; readonly error: unknown };

export function outcome(run: () => unknown): Outcome {
  try {
    return { threw: false, value: run() };
  } catch (error) {
    return { threw: true, error };
  }
}
