/**
 * @module rules/logic/types
 * Shared types of the JSON Logic engine: limits, the per-evaluation context, static-check
 * issues and trace steps. Kept apart so every evaluator and check can import them without cycles.
 */
import type { TraceMessage } from './messages.ts';

/** Limits applied to untrusted rules, statically (check) and while evaluating. */
export interface LogicLimits {
  /** Deepest allowed nesting of operators, arrays and objects in a rule. */
  readonly maxDepth: number;
  /** Most values (operators, literals, array items) a rule may contain. */
  readonly maxNodes: number;
  /** Longest string a rule may contain or an evaluation may produce (`cat`, `substr`). */
  readonly maxStringLength: number;
  /** Longest array a rule may contain or an evaluation may produce (`merge`). */
  readonly maxArrayLength: number;
  /** Most units of work (loop iterations, items scanned or copied) one evaluation may do. */
  readonly maxWork: number;
}

/** Mutable state of one evaluation: the limits in force and the work done so far. */
export interface EvalContext {
  readonly limits: LogicLimits;
  work: number;
}

/** Evaluates one compiled rule node against `data`. Lazy operators receive their arguments as these. */
export type Evaluator = (data: unknown, ctx: EvalContext) => unknown;

/** Codes of the findings of {@link checkLogic}. */
export type LogicIssueCode =
  | 'unknown_operator'
  | 'bad_arity'
  | 'too_deep'
  | 'too_many_nodes'
  | 'string_too_long'
  | 'array_too_long'
  | 'forbidden_path'
  /** A value JSON cannot hold (NaN, Infinity, undefined, a function, a Date…): rules are JSON documents. */
  | 'not_json';

/** One finding of the static check, positioned by a JSON Pointer into the rule. */
export interface LogicIssue {
  readonly code: LogicIssueCode;
  readonly pointer: string;
  readonly message: string;
}

/** One evaluated operator, in evaluation order (arguments before the operator that used them). */
export interface TraceStep {
  /** JSON Pointer to the operator in the rule, e.g. `/if/1`. */
  readonly pointer: string;
  readonly op: string;
  /** Plain-English account of the step, e.g. `12 is in (10, 15] → 5`. */
  readonly text: string;
  readonly value: unknown;
  /**
   * The step's words as a code and args, for wording it in another language; absent for a
   * formula that reads the same in every language (`max(0, 80) = 80`), whose `text` is shown.
   */
  readonly message?: TraceMessage;
}
