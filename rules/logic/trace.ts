/**
 * @module rules/logic/trace
 * The explainer: an interpreter over the same registry that records, for every operator it
 * evaluates, where it is in the rule, what it produced and a sentence a person can read
 * ("inputs.complaints = 3", "condition 1 is true: took branch 1", "12 is in (10, 15] → 5").
 * Steps come in evaluation order, arguments before the operator that used them, and are capped
 * (a `map` over 10,000 items would otherwise explain 10,000 times). A step with words keeps them
 * as a code and args too (`message`, see messages.ts), for the studio to word in Chinese.
 */
import { createContext, resolveLimits } from './limits.ts';
import { englishTraceText, traceMessage, type TraceMessage } from './messages.ts';
import type { LogicNode, OperationNode } from './parse.ts';
import { parseRule } from './parse.ts';
import type { Evaluator, LogicLimits, TraceStep } from './types.ts';
import { asYardstickError, assertValidRule } from './validate.ts';

/** Steps kept per evaluation unless told otherwise. */
export const DEFAULT_MAX_STEPS = 200;

export interface TraceOptions {
  readonly limits?: Partial<LogicLimits>;
  /** Steps to keep before the closing "… N more steps" marker (default 200). */
  readonly maxSteps?: number;
}

export interface TraceResult {
  readonly result: unknown;
  readonly steps: TraceStep[];
}

class StepRecorder {
  readonly steps: TraceStep[] = [];
  omitted = 0;
  constructor(private readonly maxSteps: number) {}

  /**
   * Words the step only when it will be kept: explaining costs more than evaluating. A formula
   * comes back as its text; words come back as a message, kept beside their English text.
   */
  record(node: OperationNode, explain: () => string | TraceMessage, value: unknown): void {
    if (this.steps.length >= this.maxSteps) {
      this.omitted++;
      return;
    }
    const said = explain();
    this.steps.push(typeof said === 'string' ? { pointer: node.pointer, op: node.op, text: said, value } : { pointer: node.pointer, op: node.op, text: englishTraceText(said), value, message: said });
  }

  finish(): TraceStep[] {
    if (this.omitted > 0) {
      const message = traceMessage('trace.more', { count: this.omitted });
      this.steps.push({ pointer: '', op: '…', text: englishTraceText(message), value: null, message });
    }
    return this.steps;
  }
}

/**
 * The traced evaluator of a node, built once per trace like the closure compiler's, so that a
 * loop over many items allocates nothing per item beyond what the operators themselves need.
 */
function traced(node: LogicNode, recorder: StepRecorder): Evaluator {
  if (node.kind === 'literal') {
    const { value } = node;
    return () => value;
  }
  if (node.kind === 'array') {
    const items = node.items.map((item) => traced(item, recorder));
    return (data, ctx) => items.map((item) => item(data, ctx));
  }
  const { spec } = node;
  const args = node.args.map((arg) => traced(arg, recorder));
  if (!spec.lazy) {
    const { apply, explain } = spec;
    return (data, ctx) => {
      const values = args.map((arg) => arg(data, ctx));
      const result = apply(values, ctx, data);
      recorder.record(node, () => explain({ args: values, calls: values.map(() => 1), result, data }), result);
      return result;
    };
  }
  // A node is never evaluated inside itself, so one record of "what the arguments did" per node suffices.
  const { run, explain } = spec;
  const last = new Array<unknown>(args.length);
  const calls = new Array<number>(args.length);
  const watched: Evaluator[] = args.map((arg, i) => (data, ctx) => {
    const value = arg(data, ctx);
    last[i] = value;
    calls[i] = (calls[i] as number) + 1;
    return value;
  });
  return (data, ctx) => {
    last.fill(undefined);
    calls.fill(0);
    const result = run(watched, data, ctx);
    recorder.record(node, () => explain({ args: [...last], calls: [...calls], result, data }), result);
    return result;
  };
}

/**
 * Evaluates a rule and explains each step; same checks, limits and result as {@link compileLogic}.
 * Steps with words also carry them as a code and args (`message`, see `messages.ts`).
 * @example
 * traceLogic({ max: [0, { '-': [{ var: 'a' }, 5] }] }, { a: 2 }).steps.map((s) => s.text)
 * // ['a = 2', '2 - 5 = -3', 'max(0, -3) = 0']
 */
export function traceLogic(rule: unknown, data: unknown, options: TraceOptions = {}): TraceResult {
  return compileTrace(rule, options)(data);
}

/**
 * Check and parse a rule once, for tracing it on many records (a results page, a live test
 * panel): the checks are most of a single trace's cost.
 * @example
 * const explain = compileTrace({ max: [0, { var: 'a' }] });
 * explain({ a: 3 }).steps.at(-1)?.text // 'max(0, 3) = 3'
 */
export function compileTrace(rule: unknown, options: TraceOptions = {}): (data: unknown) => TraceResult {
  const limits = resolveLimits(options.limits);
  assertValidRule(rule, limits);
  const parsed = parseRule(rule);
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  return (data) => {
    const recorder = new StepRecorder(maxSteps);
    try {
      const result = traced(parsed, recorder)(data, createContext(limits));
      return { result, steps: recorder.finish() };
    } catch (error) {
      throw asYardstickError(error);
    }
  };
}
