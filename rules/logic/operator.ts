/**
 * @module rules/logic/operator
 * The shape of one operator in the registry. A single record drives every evaluator: `apply`
 * (or `run` for lazy operators) is the semantics, `compile` is an optional fast path for the
 * code generator, `explain` words a trace step, and `doc` is tested documentation. What other
 * parts need to know about an operator (which arguments run per item, which paths it names,
 * whether its step decides a score, whether it divides) are fields here too, never lists of
 * operator names elsewhere.
 */
import type { KindMask } from './kinds.ts';
import type { TraceMessage } from './messages.ts';
import type { ArgumentPointer, NamedPath } from './named-paths.ts';
import type { EvalContext, Evaluator } from './types.ts';

/** Operator documentation; the example is run by the test suite against every evaluator. */
export interface OperatorDoc {
  readonly summary: string;
  readonly example: { readonly rule: unknown; readonly data: unknown; readonly result: unknown };
}

/** What `explain` gets to word one evaluated operator. */
export interface ExplainInput {
  /** Argument values; for lazy operators the last value each argument produced (undefined if never evaluated). */
  readonly args: readonly unknown[];
  /** How often each argument was evaluated (eager: 1 each; `if`: 0 for untaken branches; `map`: once per item). */
  readonly calls: readonly number[];
  readonly result: unknown;
  /** The data the operator ran against. */
  readonly data: unknown;
}

/** The code generator's view of one operator call site. */
export interface CodegenSite {
  readonly argCount: number;
  /**
   * JS expression of argument `i` against the current data. JSON Logic evaluates arguments
   * eagerly left to right, so eager operators use each argument once, in order.
   */
  arg(i: number): string;
  argKind(i: number): KindMask;
  /** The value of argument `i` when it is a literal. */
  argLiteral(i: number): { readonly value: unknown } | undefined;
  /** Identifier bound to a runtime value (a helper function, a frozen constant). */
  ref(value: unknown): string;
  /** A fresh local variable of the function being generated. */
  temp(): string;
  /** Identifier of the evaluation context (work budget). */
  context(): string;
  /** Identifier of the data the site evaluates against. */
  readonly data: string;
  /** JS expression of the JSON Logic truthiness of `expr`. */
  truthy(expr: string, kind: KindMask): string;
  /**
   * JS function expression `(item) => …` evaluating argument `i` against the data it is called
   * with (the per-item argument of map/filter/reduce/all/none/some).
   */
  scoped(i: number): string;
  /** JS expression reading a static path from the current data; undefined when absent. */
  readPath(segments: readonly string[]): string;
  /** JS expression of a constant value. */
  literal(value: unknown): string;
}

/** An argument as the closure compiler sees it. */
export interface ClosureArg {
  readonly evaluate: Evaluator;
  readonly literal?: { readonly value: unknown };
}

interface OperatorBase {
  readonly name: string;
  /** Which family file defines it (for the operator reference). */
  readonly family: 'arithmetic' | 'comparison' | 'logic' | 'array' | 'string' | 'data' | 'domain';
  readonly arity: { readonly min: number; readonly max: number };
  /** Kinds of the result, fixed or computed from the argument kinds. */
  readonly returns: KindMask | ((argKinds: readonly KindMask[]) => KindMask);
  /**
   * Fast path for the code generator: a JS expression, optionally with a narrower result kind
   * than `returns` (e.g. `var` with a static path is never undefined). Undefined falls back to
   * calling `apply`/`run`.
   */
  readonly compile?: (site: CodegenSite) => string | { readonly code: string; readonly kind: KindMask } | undefined;
  /**
   * Words one evaluated step: a string for a formula that reads the same in every language
   * (`max(0, -3) = 0`), a message (code + args, English text from `messages.ts`) for words.
   * Called only for the steps the tracer keeps.
   */
  readonly explain: (input: ExplainInput) => string | TraceMessage;
  readonly doc: OperatorDoc;
  /** Indexes of the arguments evaluated once per item with the item as data (`map`'s second). */
  readonly scopedArgs?: readonly number[];
  /**
   * The data paths the operation names in the rule (`var`, `missing`, `missing_some`), from its
   * unevaluated arguments; `at(i)` is the pointer of argument i, `self` the operation's own.
   */
  readonly namedPaths?: (args: readonly unknown[], at: ArgumentPointer, self: string) => NamedPath[];
  /** Index of an argument naming a key the operator reads (`lookup`'s second): a literal forbidden key is refused. */
  readonly keyArg?: number;
  /** Its trace step says which branch, band or table row decided the result: kept in a score's explanation. */
  readonly decisive?: boolean;
  /** It divides by one of its arguments, so a missing or non-finite result may mean a division by zero. */
  readonly mayDivideByZero?: boolean;
}

/** An operator whose arguments are all evaluated first (depth first, left to right). */
export interface EagerOperator extends OperatorBase {
  readonly lazy: false;
  /** True when the result depends on the data itself (so it cannot be folded at compile time). */
  readonly readsData: boolean;
  /** Must not keep or return `values` itself: the closure evaluator reuses that array. */
  readonly apply: (values: readonly unknown[], ctx: EvalContext, data: unknown) => unknown;
  /** Specialised closure for the closure compiler (e.g. `var` with a static path). */
  readonly closure?: (args: readonly ClosureArg[]) => Evaluator | undefined;
}

/** An operator that evaluates its own arguments (`if`, `and`, `map`…), possibly against other data. */
export interface LazyOperator extends OperatorBase {
  readonly lazy: true;
  readonly run: (args: readonly Evaluator[], data: unknown, ctx: EvalContext) => unknown;
}

export type OperatorSpec = EagerOperator | LazyOperator;

/** Unbounded arity. */
export const MANY = Infinity;
